#pragma once

#include <QJsonObject>
#include <QString>

namespace Cairn {

// A subscribed VM feed: a repository of packages at another URL.
struct VmFeed
{
    qint64 id = 0;
    QString uuid;
    // Without credentials.
    QString url;
    // user:password for the URL, sealed; empty for none.
    QString sealedCredentials;
    QString title;
    QString lastError;
    qint64 refreshedAt = 0;

    // {uuid, url, title, last_error, refreshed}.
    QJsonObject toJson() const;
};

} // namespace Cairn
