#pragma once

#include <QJsonObject>
#include <QString>

namespace Cairn {

// Consecutive addresses of a static network that machines are given, first free first.
struct IpRange
{
    qint64 id = 0;
    QString uuid;
    QString networkUuid;
    QString startIp;
    QString endIp;
    quint32 first = 0;
    quint32 last = 0;
    // Addresses leased to machines.
    qint64 used = 0;

    qint64 size() const { return qint64(last) - qint64(first) + 1; }
    // {uuid, network, start_ip, end_ip, size, used}.
    QJsonObject toJson() const;
};

} // namespace Cairn
