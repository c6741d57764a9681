#include "TransactionRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QDateTime>

namespace Cairn {

namespace {

// The transactions `rest` (a fixed WHERE/ORDER clause with placeholders) selects, one query for
// them all, then each one's job.
Result<QList<VirtTransaction>> selectTransactions(Database &database, JobRepository &jobs,
                                                  const QString &rest, const QVariantList &values)
{
    Result<QSqlQuery> query = SqlQuery::run(
        database.connection(),
        QStringLiteral("SELECT t.uuid, t.machine_uuid, t.action, t.job_id, u.username "
                       "FROM virt_transactions t JOIN jobs j ON j.id = t.job_id "
                       "LEFT JOIN users u ON u.id = j.owner_id ") +
            rest,
        values);
    if (!query)
        return query.error();
    QList<std::pair<VirtTransaction, qint64>> rows;
    while (query->next()) {
        VirtTransaction transaction;
        transaction.uuid = query->value(0).toString();
        transaction.machineUuid = query->value(1).toString();
        transaction.action = query->value(2).toString();
        transaction.user = query->value(4).toString();
        rows.append({transaction, query->value(3).toLongLong()});
    }
    QList<VirtTransaction> transactions;
    for (auto &[transaction, jobId] : rows) {
        const Result<std::optional<Job>> job = jobs.find(jobId);
        if (!job)
            return job.error();
        if (!job->has_value())
            continue; // its job removed meanwhile: no longer a transaction to show
        transaction.job = job->value();
        transactions << transaction;
    }
    return transactions;
}

} // namespace

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
    const Result<QList<VirtTransaction>> found = selectTransactions(
        m_database, m_jobs, QStringLiteral("WHERE t.uuid = ?"), {uuid.toLower()});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error::notFound(QStringLiteral("No transaction %1.").arg(uuid));
    return found->first();
}

Result<QList<VirtTransaction>> TransactionRepository::list(std::optional<qint64> ownerId, int limit,
                                                           int offset)
{
    return selectTransactions(
        m_database, m_jobs,
        QStringLiteral("WHERE (? OR j.owner_id = ?) ORDER BY j.id DESC LIMIT ? OFFSET ?"),
        {!ownerId.has_value(), ownerId.value_or(0), limit, offset});
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
    const Result<QList<VirtTransaction>> found = selectTransactions(
        m_database, m_jobs,
        QStringLiteral("WHERE t.machine_uuid = ? AND j.state IN (?, ?) ORDER BY j.id LIMIT 1"),
        {machineUuid, jobStateName(JobState::Queued), jobStateName(JobState::Running)});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return std::optional<VirtTransaction>();
    return std::optional<VirtTransaction>(found->first());
}

} // namespace Cairn
