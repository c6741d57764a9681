#pragma once

#include <QJsonValue>
#include <QString>

namespace Cairn {

// An attribute's value as the operator reads and types it: a multi attribute's values joined
// by ", " (a form splits them at the commas again).
class AttributeText
{
public:
    static QString of(const QJsonValue &value);
};

} // namespace Cairn
