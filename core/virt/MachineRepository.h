#pragma once

#include "Machine.h"
#include "Result.h"
#include "VirtFacts.h"

#include <QList>
#include <QSqlDatabase>
#include <QVariantList>

namespace Cairn {

class Database;

// Machines in SQL.
class MachineRepository
{
public:
    explicit MachineRepository(Database &database)
        : m_database(database)
    {
    }

    Result<QList<Machine>> list();
    // NotFound naming the uuid.
    Result<Machine> byUuid(const QString &uuid);
    // What a hypervisor reported, in one transaction: its domains inserted or updated (a domain
    // that moved from another hypervisor follows it; managed and locked are kept) and its
    // machines that are gone removed.
    Result<void> replaceFrom(qint64 hypervisorId, const QList<DomainFacts> &domains, qint64 at);
    // One domain as its hypervisor reported it just now.
    Result<void> update(qint64 hypervisorId, const DomainFacts &domain, qint64 at);
    Result<void> setLocked(qint64 id, bool locked);
    // Adopted into Cairn (manage), or not.
    Result<void> setManaged(qint64 id, bool managed);
    // Cairn forgets the machine (it is gone from its hypervisor).
    Result<void> remove(qint64 id);
    // The hypervisor cannot be reached: its machines stay, in state unknown.
    Result<void> markUnknown(qint64 hypervisorId);

private:
    // `column` is one of the flag columns, never caller input.
    Result<void> setFlag(const char *column, qint64 id, bool value);
    // Fills each machine's clusters from the memberships `where` (a fixed clause, bound to
    // `values`) selects.
    Result<void> attachClusters(QList<Machine> &machines, const QString &where,
                                const QVariantList &values);
    static Result<void> upsert(const QSqlDatabase &db, qint64 hypervisorId,
                               const QList<DomainFacts> &domains, qint64 at);

    Database &m_database;
};

} // namespace Cairn
