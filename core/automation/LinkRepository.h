#pragma once

#include "Link.h"
#include "Result.h"

#include <QList>
#include <QStringList>
#include <functional>
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
    // Every link, as list() orders them, given to `sink` one at a time as it is read (until it
    // answers false): for an export of hundreds of thousands, which holds none of them.
    Result<void> each(const std::function<bool(const Link &)> &sink);
    // Links stored (circuits that no link names aside): what each() gives, about.
    Result<qint64> storedCount();
    Result<std::optional<Link>> byName(const QString &name);
    // Those of `names` there are, looked up together.
    Result<QList<Link>> byNames(const QStringList &names);
    // Sets the id and timestamps.
    Result<void> insert(Link &link);
    // New links (names unique among them) in one statement; sets their ids and timestamps.
    Result<void> insertAll(QList<Link> &links);
    Result<void> update(Link &link);
    Result<void> remove(qint64 id);

private:
    // Every link, or (names given) those of these names: the condition goes inside both halves
    // of the union, where the indexes on the names serve it.
    Result<QList<Link>> select(const std::optional<QStringList> &names);
    Result<void> visit(const std::optional<QStringList> &names,
                       const std::function<bool(const Link &)> &sink);

    Database &m_database;
};

} // namespace Cairn
