#pragma once

#include "Result.h"

#include <QList>
#include <QString>

namespace Cairn {

class Database;

struct KnownHostEntry
{
    QString host;
    int port = 0;
    QString keyType;
    QString fingerprint;
    qint64 firstSeen = 0;
};

// The host keys Cairn holds devices to, for `cairn known-hosts list`: by host and port.
Result<QList<KnownHostEntry>> listKnownHosts(Database &database);

} // namespace Cairn
