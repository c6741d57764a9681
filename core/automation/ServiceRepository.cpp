#include "ServiceRepository.h"

#include "db/Database.h"
#include "db/JoinTable.h"
#include "db/SqlQuery.h"
#include "db/Transaction.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace Cairn {

namespace {

const QString Devices = QStringLiteral("service_devices");
const QString Pools = QStringLiteral("service_pools");
const QString Owner = QStringLiteral("service_id");
const QString Workflow = QStringLiteral("workflow");

} // namespace

Result<QList<Service>> ServiceRepository::select(const QString &where, const QVariantList &values)
{
    const QSqlDatabase db = m_database.connection();
    Result<QSqlQuery> query =
        SqlQuery::run(db,
                      QStringLiteral("SELECT id, name, type, description, disabled, settings, "
                                     "sealed_secret, created_at, updated_at FROM services %1 "
                                     "ORDER BY name")
                          .arg(where),
                      values);
    if (!query)
        return query.error();
    QList<Service> services;
    while (query->next())
        services << Service{query->value(0).toLongLong(),
                            query->value(1).toString(),
                            query->value(2).toString(),
                            query->value(3).toString(),
                            query->value(4).toBool(),
                            QJsonDocument::fromJson(query->value(5).toString().toUtf8()).object(),
                            query->value(6).toString(),
                            {},
                            {},
                            {},
                            query->value(7).toLongLong(),
                            query->value(8).toLongLong()};
    query->finish();
    const Result<void> attached = JoinTable::attachTargets(db, Devices, Pools, Owner, services);
    if (!attached)
        return attached.error();
    const Result<void> graphs = attachGraphs(db, services);
    if (!graphs)
        return graphs.error();
    return services;
}

Result<void> ServiceRepository::attachGraphs(const QSqlDatabase &db, QList<Service> &services)
{
    QList<qint64> ids;
    for (const Service &service : std::as_const(services)) {
        if (service.type == Workflow)
            ids << service.id;
    }
    if (ids.isEmpty())
        return {};
    const Result<QHash<qint64, QList<qint64>>> steps = JoinTable::members(
        db, QStringLiteral("workflow_steps"), QStringLiteral("workflow_id"), Owner, ids);
    if (!steps)
        return steps.error();
    // Edges in the order they were saved, for all workflows at once.
    QHash<qint64, QList<WorkflowEdge>> edges;
    Result<QSqlQuery> query =
        SqlQuery::run(db,
                      QStringLiteral("SELECT workflow_id, subtype, source_id, destination_id FROM "
                                     "workflow_edges ORDER BY id"),
                      {});
    if (!query)
        return query.error();
    while (query->next())
        edges[query->value(0).toLongLong()] << WorkflowEdge{
            query->value(1).toString(), query->value(2).toLongLong(), query->value(3).toLongLong()};
    for (Service &service : services) {
        if (service.type != Workflow)
            continue;
        service.graph.stepIds = steps->value(service.id);
        service.graph.edges = edges.value(service.id);
    }
    return {};
}

Result<void> ServiceRepository::saveGraph(const QSqlDatabase &db, const Service &workflow)
{
    Result<void> steps =
        JoinTable::replace(db, QStringLiteral("workflow_steps"), QStringLiteral("workflow_id"),
                           Owner, workflow.id, workflow.graph.stepIds);
    if (!steps)
        return steps;
    Result<void> cleared = SqlQuery::exec(
        db, QStringLiteral("DELETE FROM workflow_edges WHERE workflow_id = ?"), {workflow.id});
    if (!cleared)
        return cleared;
    // Start and End are stored as NULL: no service has id 0.
    const auto endpoint = [](qint64 id) {
        return id == 0 ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(id);
    };
    for (const WorkflowEdge &edge : workflow.graph.edges) {
        Result<void> inserted = SqlQuery::exec(
            db,
            QStringLiteral("INSERT INTO workflow_edges (workflow_id, subtype, source_id, "
                           "destination_id) VALUES (?, ?, ?, ?)"),
            {workflow.id, edge.subtype, endpoint(edge.sourceId), endpoint(edge.destinationId)});
        if (!inserted)
            return inserted;
    }
    return {};
}

Result<QStringList> ServiceRepository::workflowsUsing(qint64 serviceId)
{
    Result<QSqlQuery> query =
        SqlQuery::run(m_database.connection(),
                      QStringLiteral("SELECT services.name FROM workflow_steps JOIN services ON "
                                     "services.id = workflow_steps.workflow_id WHERE "
                                     "workflow_steps.service_id = ? ORDER BY services.name"),
                      {serviceId});
    if (!query)
        return query.error();
    QStringList names;
    while (query->next())
        names << query->value(0).toString();
    return names;
}

Result<QList<Service>> ServiceRepository::list()
{
    return select({}, {});
}

Result<std::optional<Service>> ServiceRepository::byName(const QString &name)
{
    const Result<QList<Service>> found = select(QStringLiteral("WHERE name = ?"), {name});
    if (!found)
        return found.error();
    return found->isEmpty() ? std::nullopt : std::optional<Service>(found->first());
}

Result<std::optional<Service>> ServiceRepository::byId(qint64 id)
{
    const Result<QList<Service>> found = select(QStringLiteral("WHERE id = ?"), {id});
    if (!found)
        return found.error();
    return found->isEmpty() ? std::nullopt : std::optional<Service>(found->first());
}

Result<void> ServiceRepository::save(Service &service)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString settings =
        QString::fromUtf8(QJsonDocument(service.settings).toJson(QJsonDocument::Compact));
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
        if (service.id == 0) {
            const Result<QVariant> id = SqlQuery::scalar(
                db,
                QStringLiteral("INSERT INTO services (name, type, description, disabled, "
                               "settings, sealed_secret, created_at, updated_at) VALUES (?, ?, ?, "
                               "?, ?, ?, ?, ?) RETURNING id"),
                {service.name, service.type, service.description, service.disabled, settings,
                 service.sealedSecret, now, now});
            if (!id)
                return id.error();
            service.id = id->toLongLong();
            service.createdAt = now;
        } else {
            Result<void> updated = SqlQuery::exec(
                db,
                QStringLiteral("UPDATE services SET name = ?, description = ?, disabled = ?, "
                               "settings = ?, sealed_secret = ?, updated_at = ? WHERE id = ?"),
                {service.name, service.description, service.disabled, settings,
                 service.sealedSecret, now, service.id});
            if (!updated)
                return updated;
        }
        service.updatedAt = now;
        Result<void> devices = JoinTable::replace(db, Devices, Owner, QStringLiteral("device_id"),
                                                  service.id, service.deviceIds);
        if (!devices)
            return devices;
        Result<void> pools = JoinTable::replace(db, Pools, Owner, QStringLiteral("pool_id"),
                                                service.id, service.poolIds);
        if (!pools || service.type != Workflow)
            return pools;
        return saveGraph(db, service);
    });
}

Result<void> ServiceRepository::remove(qint64 id)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("DELETE FROM services WHERE id = ?"), {id});
}

} // namespace Cairn
