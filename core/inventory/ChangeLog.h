#pragma once

#include "Change.h"
#include "Result.h"

#include <QList>
#include <QSqlDatabase>

namespace Cairn {

class Database;

struct ChangeFilter
{
    std::optional<qint64> siteId;
    QString event;
    QString resourceName;
    std::optional<qint64> resourceId;
    int limit = 1000;
    int offset = 0;
};

// One change about to be recorded.
struct ChangeRecord
{
    std::optional<qint64> siteId;
    QString event;
    QString resourceName;
    qint64 resourceId = 0;
    QJsonObject snapshot;
};

// The change log: written inside each mutation's transaction, read newest first.
class ChangeLog
{
public:
    explicit ChangeLog(Database &database)
        : m_database(database)
    {
    }

    static Result<void> record(const QSqlDatabase &db, std::optional<qint64> userId,
                               std::optional<qint64> siteId, const QString &event,
                               const QString &resourceName, qint64 resourceId,
                               const QJsonObject &snapshot);
    // Many changes by one user in one statement (a bulk request's thousands of objects).
    static Result<void> recordAll(const QSqlDatabase &db, std::optional<qint64> userId,
                                  const QList<ChangeRecord> &changes);

    // What PostgreSQL listeners are notified on when a transaction that moved the version commits.
    static constexpr const char *NotifyChannel = "cairn_inventory";

    // Makes cached answers stale without a change to record (a device's backed-up text).
    static Result<void> bumpVersion(const QSqlDatabase &db);
    // Grows with every recorded change: what cached answers compare against.
    Result<qint64> version();
    Result<QList<Change>> list(const ChangeFilter &filter);
    Result<qint64> count(const ChangeFilter &filter);
    Result<Change> find(qint64 id);
    // The change before this one on the same resource, if any (for diffs).
    Result<std::optional<Change>> previous(const Change &change);

private:
    Database &m_database;
};

} // namespace Cairn
