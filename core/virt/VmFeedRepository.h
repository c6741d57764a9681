#pragma once

#include "FeedItem.h"
#include "Result.h"
#include "VmFeed.h"

#include <QList>

namespace Cairn {

class Database;

// Subscribed feeds, and the packages they list, in SQL.
class VmFeedRepository
{
public:
    explicit VmFeedRepository(Database &database)
        : m_database(database)
    {
    }

    Result<QList<VmFeed>> list();
    // NotFound naming the uuid.
    Result<VmFeed> byUuid(const QString &uuid);
    // Conflict when the URL is subscribed already.
    Result<VmFeed> insert(const QString &url, const QString &sealedCredentials);
    // With the packages it lists that were not downloaded.
    Result<void> remove(qint64 id);
    // What the feed lists now, in one transaction: packages not known yet added as remote,
    // remote ones it no longer lists removed; downloaded ones stay. Returns how many it lists.
    Result<int> replaceItems(const VmFeed &feed, const QString &title, const QList<FeedItem> &items,
                             qint64 at);
    Result<void> recordError(qint64 id, const QString &error);

private:
    Database &m_database;
};

} // namespace Cairn
