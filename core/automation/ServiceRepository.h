#pragma once

#include "Result.h"
#include "Service.h"

#include <QSqlDatabase>
#include <optional>

namespace Cairn {

class Database;

// The services table, each service's target devices and pools, and workflows' graphs.
class ServiceRepository
{
public:
    explicit ServiceRepository(Database &database)
        : m_database(database)
    {
    }

    Result<QList<Service>> list();
    Result<std::optional<Service>> byName(const QString &name);
    Result<std::optional<Service>> byId(qint64 id);
    // Inserts or updates (by id) the service and replaces its targets, in one transaction;
    // Conflict when the name is taken.
    Result<void> save(Service &service);
    Result<void> remove(qint64 id);
    // The names of the workflows that have `serviceId` as a step.
    Result<QStringList> workflowsUsing(qint64 serviceId);

private:
    Result<QList<Service>> select(const QString &where, const QVariantList &values);
    // Fills the graphs of the workflows among `services`: two queries for all.
    static Result<void> attachGraphs(const QSqlDatabase &db, QList<Service> &services);
    static Result<void> saveGraph(const QSqlDatabase &db, const Service &workflow);

    Database &m_database;
};

} // namespace Cairn
