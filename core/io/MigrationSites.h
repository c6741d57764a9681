#pragma once

#include "MigrationType.h"

#include <QHash>
#include <optional>

namespace Cairn {

class CoreServices;

// The sites of the server a migration project is read from or saved to, by id and by name:
// the inventory's types name their site in the project, never by its id.
class MigrationSites
{
public:
    static inline const QString Field = QStringLiteral("site");

    static Result<MigrationSites> read(CoreServices &core);

    QString nameOf(qint64 id) const { return m_names.value(id); }
    std::optional<qint64> idOf(const QString &name) const
    {
        const auto found = m_ids.constFind(name);
        return found == m_ids.cend() ? std::nullopt : std::optional(found.value());
    }
    // The id of the site `object` names, taken out of it.
    Result<qint64> take(QJsonObject &object) const;

    // Saves `entries` one at a time with `save`, given the sites as they were before.
    static Result<void>
    saveEach(CoreServices &core, const QString &type, const QList<MigrationEntry> &entries,
             QList<MigrationProblem> &problems,
             const std::function<Result<void>(QJsonObject, const MigrationSites &)> &save);

    // Every row `list(filter)` gives a page at a time, each as `shown(row, sites)` makes it
    // (its site by name), sorted by `keys` so that two exports of the same data compare.
    template <typename Row, typename Filter, typename List, typename Shown>
    static Result<QList<QJsonObject>> readAll(CoreServices &core, List &&list, Shown &&shown,
                                              const QStringList &keys)
    {
        const Result<MigrationSites> known = read(core);
        if (!known)
            return known.error();
        const Result<QList<Row>> all = MigrationType::allPages<Row>(Filter{}, list);
        if (!all)
            return all.error();
        QList<QJsonObject> objects;
        objects.reserve(all->size());
        for (const Row &row : all.value())
            objects.append(shown(row, known.value()));
        MigrationType::sortBy(objects, keys);
        return objects;
    }

private:
    QHash<qint64, QString> m_names;
    QHash<QString, qint64> m_ids;
};

} // namespace Cairn
