#pragma once

#include <QJsonObject>
#include <QString>

namespace Cairn {

struct Site
{
    qint64 id = 0;
    QString name;
    QString description;

    QJsonObject toJson() const;
};

} // namespace Cairn
