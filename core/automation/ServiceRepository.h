#pragma once

#include "Result.h"
#include "Service.h"

#include <optional>

namespace Cairn {

class Database;

// The services table and each service's target devices and pools.
class ServiceRepository
{
public:
    explicit ServiceRepository(Database &database)
        : m_database(database)
    {
    }

    Result<QList<Service>> list();
    Result<std::optional<Service>> byName(const QString &name);
    // Inserts or updates (by id) the service and replaces its targets, in one transaction;
    // Conflict when the name is taken.
    Result<void> save(Service &service);
    Result<void> remove(qint64 id);

private:
    Result<QList<Service>> select(const QString &where, const QVariantList &values);

    Database &m_database;
};

} // namespace Cairn
