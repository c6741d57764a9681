#pragma once

#include "Link.h"
#include "Result.h"

#include <QList>
#include <optional>

namespace Cairn {

class Database;

// The links table, each read with its endpoints' hostnames, and the NSoT circuits that are
// links too (see Link::circuitId).
class LinkRepository
{
public:
    explicit LinkRepository(Database &database)
        : m_database(database)
    {
    }

    Result<QList<Link>> list();
    Result<std::optional<Link>> byName(const QString &name);
    // Sets the id and timestamps.
    Result<void> insert(Link &link);
    Result<void> update(Link &link);
    Result<void> remove(qint64 id);

private:
    Result<QList<Link>> select(const QString &where, const QVariantList &values);

    Database &m_database;
};

} // namespace Cairn
