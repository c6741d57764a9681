#include "TransactionRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QDateTime>

namespace Cairn {

Result<void> TransactionRepository::insert(const QString &uuid, qint64 jobId,
                                           const QString &machineUuid, const QString &action)
{
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("INSERT INTO virt_transactions (uuid, job_id, "
                       "machine_uuid, action, created_at) VALUES (?, ?, ?, ?, ?)"),
        {uuid, jobId, machineUuid, action, QDateTime::currentMSecsSinceEpoch()});
}

Result<VirtTransaction> TransactionRepository::byUuid(const QString &uuid)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT t.uuid, t.machine_uuid, t.action, t.job_id, u.username "
                       "FROM virt_transactions t JOIN jobs j ON j.id = t.job_id "
                       "LEFT JOIN users u ON u.id = j.owner_id WHERE t.uuid = ?"),
        {uuid.toLower()});
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(QStringLiteral("No transaction %1.").arg(uuid));
    VirtTransaction transaction;
    transaction.uuid = query->value(0).toString();
    transaction.machineUuid = query->value(1).toString();
    transaction.action = query->value(2).toString();
    transaction.user = query->value(4).toString();
    const Result<std::optional<Job>> job = m_jobs.find(query->value(3).toLongLong());
    if (!job)
        return job.error();
    if (!job->has_value())
        return Error::notFound(QStringLiteral("No transaction %1.").arg(uuid));
    transaction.job = job->value();
    return transaction;
}

Result<QList<VirtTransaction>> TransactionRepository::list(std::optional<qint64> ownerId, int limit,
                                                           int offset)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT t.uuid FROM virt_transactions t JOIN jobs j ON j.id = t.job_id "
                       "WHERE (? OR j.owner_id = ?) ORDER BY j.id DESC LIMIT ? OFFSET ?"),
        {!ownerId.has_value(), ownerId.value_or(0), limit, offset});
    if (!query)
        return query.error();
    QStringList uuids;
    while (query->next())
        uuids << query->value(0).toString();
    QList<VirtTransaction> transactions;
    for (const QString &uuid : std::as_const(uuids)) {
        const Result<VirtTransaction> transaction = byUuid(uuid);
        if (!transaction)
            return transaction.error();
        transactions << transaction.value();
    }
    return transactions;
}

Result<qint64> TransactionRepository::count(std::optional<qint64> ownerId)
{
    const Result<QVariant> total = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("SELECT COUNT(*) FROM virt_transactions t JOIN jobs j ON j.id = t.job_id "
                       "WHERE (? OR j.owner_id = ?)"),
        {!ownerId.has_value(), ownerId.value_or(0)});
    if (!total)
        return total.error();
    return total->toLongLong();
}

Result<std::optional<VirtTransaction>>
TransactionRepository::unfinishedOf(const QString &machineUuid)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT t.uuid FROM virt_transactions t JOIN jobs j ON j.id = t.job_id "
                       "WHERE t.machine_uuid = ? AND j.state IN (?, ?) ORDER BY j.id LIMIT 1"),
        {machineUuid, jobStateName(JobState::Queued), jobStateName(JobState::Running)});
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<VirtTransaction>();
    const Result<VirtTransaction> found = byUuid(query->value(0).toString());
    if (!found)
        return found.error();
    return std::optional<VirtTransaction>(found.value());
}

} // namespace Cairn
