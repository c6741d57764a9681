#pragma once

#include <QJsonArray>
#include <QStringList>

namespace Cairn {

// What an eNMS save did: the names saved, and each refused object with the reason
// (`[[object, reason], ...]`), as `POST /rest/instance/<type>` answers.
struct SaveReport
{
    QStringList success;
    QJsonArray failure;
};

} // namespace Cairn
