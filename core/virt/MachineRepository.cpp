#include "MachineRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"
#include "db/Transaction.h"

#include <QHash>
#include <QJsonDocument>

namespace Cairn {

namespace {

const QString Select = QStringLiteral(
    "SELECT m.id, m.uuid, m.hypervisor_id, h.uuid, m.name, m.state, m.vcpus, m.memory_kib, "
    "m.interfaces, m.disks, m.persistent, m.managed, m.locked, m.synced_at FROM virt_machines m "
    "JOIN virt_hypervisors h ON h.id = m.hypervisor_id");

QJsonArray arrayFrom(const QVariant &column)
{
    return QJsonDocument::fromJson(column.toString().toUtf8()).array();
}

QString compact(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

Machine machineFrom(const QSqlQuery &query)
{
    Machine machine;
    machine.id = query.value(0).toLongLong();
    machine.uuid = query.value(1).toString();
    machine.hypervisorId = query.value(2).toLongLong();
    machine.hypervisorUuid = query.value(3).toString();
    machine.name = query.value(4).toString();
    machine.state = query.value(5).toString();
    machine.vcpus = query.value(6).toInt();
    machine.memoryKib = query.value(7).toLongLong();
    machine.interfaces = arrayFrom(query.value(8));
    machine.disks = arrayFrom(query.value(9));
    machine.persistent = query.value(10).toBool();
    machine.managed = query.value(11).toBool();
    machine.locked = query.value(12).toBool();
    machine.syncedAt = query.value(13).toLongLong();
    return machine;
}

} // namespace

Result<QList<Machine>> MachineRepository::list()
{
    Result<QSqlQuery> query =
        SqlQuery::run(m_database.connection(), Select + QStringLiteral(" ORDER BY m.name, m.id"));
    if (!query)
        return query.error();
    QList<Machine> machines;
    while (query->next())
        machines << machineFrom(query.value());
    const Result<void> attached = attachClusters(machines, {}, {});
    if (!attached)
        return attached.error();
    return machines;
}

Result<Machine> MachineRepository::byUuid(const QString &uuid)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(), Select + QStringLiteral(" WHERE m.uuid = ?"), {uuid.toLower()});
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(QStringLiteral("No machine %1.").arg(uuid));
    QList<Machine> found{machineFrom(query.value())};
    const Result<void> attached =
        attachClusters(found, QStringLiteral(" WHERE cm.machine_id = ?"), {found.first().id});
    if (!attached)
        return attached.error();
    return found.first();
}

Result<void> MachineRepository::attachClusters(QList<Machine> &machines, const QString &where,
                                               const QVariantList &values)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT cm.machine_id, c.uuid FROM virt_cluster_machines cm JOIN "
                       "virt_clusters c ON c.id = cm.cluster_id%1 ORDER BY c.uuid")
            .arg(where),
        values);
    if (!query)
        return query.error();
    QHash<qint64, QStringList> clustersOf;
    while (query->next())
        clustersOf[query->value(0).toLongLong()] << query->value(1).toString();
    for (Machine &machine : machines)
        machine.clusters = clustersOf.value(machine.id);
    return {};
}

Result<void> MachineRepository::upsert(const QSqlDatabase &db, qint64 hypervisorId,
                                       const QList<DomainFacts> &domains, qint64 at)
{
    QJsonArray rows;
    for (const DomainFacts &domain : domains) {
        rows.append(QJsonArray{domain.uuid.toLower(), domain.name, domain.state, domain.vcpus,
                               domain.memoryKib, compact(domain.interfaces), compact(domain.disks),
                               domain.persistent});
    }
    const auto [columns, source] = SqlQuery::jsonRows(
        db, {QStringLiteral("text"), QStringLiteral("text"), QStringLiteral("text"),
             QStringLiteral("integer"), QStringLiteral("bigint"), QStringLiteral("text"),
             QStringLiteral("text"), QStringLiteral("boolean")});
    // `WHERE true`: SQLite needs it to read ON CONFLICT after INSERT ... SELECT.
    return SqlQuery::exec(
        db,
        QStringLiteral(
            "INSERT INTO virt_machines (hypervisor_id, synced_at, uuid, name, state, vcpus, "
            "memory_kib, interfaces, disks, persistent) SELECT ?, ?, %1 FROM %2 WHERE true "
            "ON CONFLICT (uuid) DO UPDATE SET hypervisor_id = excluded.hypervisor_id, "
            "synced_at = excluded.synced_at, name = excluded.name, state = excluded.state, "
            "vcpus = excluded.vcpus, memory_kib = excluded.memory_kib, "
            "interfaces = excluded.interfaces, disks = excluded.disks, "
            "persistent = excluded.persistent")
            .arg(columns, source),
        {hypervisorId, at, compact(rows)});
}

Result<void> MachineRepository::replaceFrom(qint64 hypervisorId, const QList<DomainFacts> &domains,
                                            qint64 at)
{
    QJsonArray uuids;
    for (const DomainFacts &domain : domains)
        uuids.append(QJsonArray{domain.uuid.toLower()});
    const QString uuidsJson = compact(uuids);
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
        Result<void> upserted = upsert(db, hypervisorId, domains, at);
        if (!upserted)
            return upserted;
        const auto [kept, keptSource] = SqlQuery::jsonRows(db, {QStringLiteral("text")});
        return SqlQuery::exec(db,
                              QStringLiteral("DELETE FROM virt_machines WHERE hypervisor_id = ? "
                                             "AND uuid NOT IN (SELECT %1 FROM %2)")
                                  .arg(kept, keptSource),
                              {hypervisorId, uuidsJson});
    });
}

Result<void> MachineRepository::update(qint64 hypervisorId, const DomainFacts &domain, qint64 at)
{
    return upsert(m_database.connection(), hypervisorId, {domain}, at);
}

Result<void> MachineRepository::setFlag(const char *column, qint64 id, bool value)
{
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("UPDATE virt_machines SET %1 = ? WHERE id = ?").arg(QLatin1String(column)),
        {value, id});
}

Result<void> MachineRepository::setLocked(qint64 id, bool locked)
{
    return setFlag("locked", id, locked);
}

Result<void> MachineRepository::setManaged(qint64 id, bool managed)
{
    return setFlag("managed", id, managed);
}

Result<void> MachineRepository::remove(qint64 id)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("DELETE FROM virt_machines WHERE id = ?"), {id});
}

Result<void> MachineRepository::markUnknown(qint64 hypervisorId)
{
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("UPDATE virt_machines SET state = 'unknown' WHERE hypervisor_id = ?"),
        {hypervisorId});
}

} // namespace Cairn
