#include "HypervisorRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QDateTime>
#include <QUuid>

namespace Cairn {

namespace {

const QString Columns = QStringLiteral("id, uuid, name, uri, virt_class, state, cpus, memory_kib, "
                                       "free_memory_kib, last_error, synced_at");

Hypervisor hypervisorFrom(const QSqlQuery &query)
{
    Hypervisor hypervisor;
    hypervisor.id = query.value(0).toLongLong();
    hypervisor.uuid = query.value(1).toString();
    hypervisor.name = query.value(2).toString();
    hypervisor.uri = query.value(3).toString();
    hypervisor.virtClass = query.value(4).toString();
    hypervisor.state = query.value(5).toString();
    hypervisor.cpus = query.value(6).toInt();
    hypervisor.memoryKib = query.value(7).toLongLong();
    hypervisor.freeMemoryKib = query.value(8).toLongLong();
    hypervisor.lastError = query.value(9).toString();
    if (const qint64 synced = query.value(10).toLongLong())
        hypervisor.syncedAt = synced;
    return hypervisor;
}

} // namespace

Result<QList<Hypervisor>> HypervisorRepository::list()
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT %1 FROM virt_hypervisors ORDER BY name, id").arg(Columns));
    if (!query)
        return query.error();
    QList<Hypervisor> hypervisors;
    while (query->next())
        hypervisors << hypervisorFrom(query.value());
    return hypervisors;
}

Result<Hypervisor> HypervisorRepository::byUuid(const QString &uuid)
{
    Result<QSqlQuery> query =
        SqlQuery::run(m_database.connection(),
                      QStringLiteral("SELECT %1 FROM virt_hypervisors WHERE uuid = ?").arg(Columns),
                      {uuid.toLower()});
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(QStringLiteral("No hypervisor %1.").arg(uuid));
    return hypervisorFrom(query.value());
}

Result<Hypervisor> HypervisorRepository::insert(const QString &name, const QString &uri,
                                                const QString &virtClass)
{
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const Result<void> inserted = SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("INSERT INTO virt_hypervisors (uuid, name, uri, virt_class, state, "
                       "created_at) VALUES (?, ?, ?, ?, 'unknown', ?)"),
        {uuid, name, uri, virtClass, QDateTime::currentMSecsSinceEpoch()});
    if (!inserted)
        return inserted.error();
    return byUuid(uuid);
}

Result<void> HypervisorRepository::remove(qint64 id)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("DELETE FROM virt_hypervisors WHERE id = ?"), {id});
}

Result<void> HypervisorRepository::recordReached(qint64 id, const HostFacts &facts, qint64 at)
{
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("UPDATE virt_hypervisors SET state = 'up', virt_class = ?, cpus = ?, "
                       "memory_kib = ?, free_memory_kib = ?, last_error = '', synced_at = ? "
                       "WHERE id = ?"),
        {facts.virtClass, facts.cpus, facts.memoryKib, facts.freeMemoryKib, at, id});
}

Result<void> HypervisorRepository::recordUnreachable(qint64 id, const QString &error)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("UPDATE virt_hypervisors SET state = 'unreachable', "
                                         "last_error = ? WHERE id = ?"),
                          {error, id});
}

} // namespace Cairn
