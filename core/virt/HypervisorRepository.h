#pragma once

#include "Hypervisor.h"
#include "Result.h"
#include "VirtFacts.h"

#include <QList>

namespace Cairn {

class Database;

// Hypervisors in SQL.
class HypervisorRepository
{
public:
    explicit HypervisorRepository(Database &database)
        : m_database(database)
    {
    }

    Result<QList<Hypervisor>> list();
    // NotFound naming the uuid.
    Result<Hypervisor> byUuid(const QString &uuid);
    // Conflict when the URI is registered already.
    Result<Hypervisor> insert(const QString &name, const QString &uri, const QString &virtClass);
    Result<void> remove(qint64 id);
    Result<void> recordReached(qint64 id, const HostFacts &facts, qint64 at);
    Result<void> recordUnreachable(qint64 id, const QString &error);

private:
    Database &m_database;
};

} // namespace Cairn
