#include "SiteService.h"

#include "BulkItems.h"
#include "ChangeLog.h"
#include "Fields.h"
#include "InventoryUsage.h"
#include "auth/PermissionService.h"
#include "db/Transaction.h"

#include <QSet>

namespace Cairn {

namespace {

const QString SiteType = QString::fromLatin1(SiteService::ObjectType);
const QString SiteResource = QStringLiteral("Site");

Error nameTakenOr(const Error &error)
{
    if (error.code != ErrorCode::Conflict)
        return error;
    return {ErrorCode::Conflict,
            QStringLiteral("A site with that name already exists."),
            {{QStringLiteral("name"), QStringLiteral("Site with this name already exists.")}}};
}

} // namespace

SiteService::SiteService(Database &database, PermissionService &permissions)
    : m_database(database)
    , m_permissions(permissions)
    , m_sites(database)
{
}

Result<QList<Site>> SiteService::list(const QString &name)
{
    return m_sites.list(name);
}

Result<Site> SiteService::get(qint64 id)
{
    const Result<std::optional<Site>> found = m_sites.find(id);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(QStringLiteral("Site not found."));
    return found->value();
}

Result<Site> SiteService::get(const QString &key)
{
    bool numeric = false;
    const qint64 id = key.toLongLong(&numeric);
    if (numeric)
        return get(id);
    const Result<std::optional<Site>> found = m_sites.findByName(key);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(QStringLiteral("Site not found."));
    return found->value();
}

Result<Site> SiteService::applyFields(Site site, const QJsonObject &fields, bool partial)
{
    if (fields.contains(QStringLiteral("name")) || !partial) {
        const Result<QString> name = Fields::requiredText(fields, QStringLiteral("name"));
        if (!name)
            return name.error();
        site.name = name->trimmed();
    }
    if (fields.contains(QStringLiteral("description")) || !partial) {
        const QJsonValue description = fields.value(QStringLiteral("description"));
        if (!description.isString() && !description.isUndefined() && !description.isNull())
            return Error::invalidField(QStringLiteral("description"),
                                       QStringLiteral("Not a valid string."));
        site.description = description.toString();
    }
    return site;
}

Result<QList<Site>> SiteService::create(const Identity &caller, const QJsonArray &items)
{
    if (caller.readOnly)
        return Error::forbidden(QStringLiteral("A read-only token cannot create sites."));
    QList<Site> sites;
    QSet<QString> names;
    BulkItems::ItemCursor cursor(items.size());
    for (const QJsonValue item : items) {
        cursor.next();
        if (!item.isObject())
            return cursor.locate(
                Error::badRequest(QStringLiteral("Expected a JSON object for each site.")));
        Result<Site> site = applyFields(Site(), item.toObject(), false);
        if (!site)
            return cursor.locate(site.error());
        if (names.contains(site->name))
            return cursor.locate(nameTakenOr(Error::conflict({})));
        names.insert(site->name);
        sites << site.value();
    }
    cursor.done();
    const Result<void> saved =
        Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
            for (Site &site : sites) {
                const Result<qint64> id = m_sites.insert(db, site);
                if (!id)
                    return nameTakenOr(id.error());
                site.id = id.value();
                const Result<void> logged =
                    ChangeLog::record(db, caller.user.id, site.id, QStringLiteral("Create"),
                                      SiteResource, site.id, site.toJson());
                if (!logged)
                    return logged.error();
            }
            return {};
        });
    if (!saved)
        return saved.error();
    // The creator administers the site, as in NSoT.
    for (const Site &site : std::as_const(sites))
        (void)m_permissions.grant(
            Permission{0, caller.user.id, std::nullopt, SiteType, site.id, Action::Admin});
    return sites;
}

Result<QHash<qint64, Site>> SiteService::allowedTargets(const Identity &caller,
                                                        const QList<qint64> &ids, Action action)
{
    // Permission first: whether a site the caller may not touch exists is not theirs to learn.
    for (qint64 id : ids) {
        const Result<void> allowed = m_permissions.require(caller, SiteType, id, action);
        if (!allowed)
            return allowed.error();
    }
    return BulkItems::fetchEach<Site>(ids, QStringLiteral("Site"),
                                      [this](qint64 id) { return m_sites.find(id); });
}

Result<QList<Site>> SiteService::update(const Identity &caller, const QJsonArray &items,
                                        bool partial)
{
    const Result<QList<qint64>> ids = BulkItems::idsOf(items);
    if (!ids)
        return ids.error();
    const Result<QHash<qint64, Site>> targets = allowedTargets(caller, ids.value(), Action::Change);
    if (!targets)
        return targets.error();
    QList<Site> sites;
    BulkItems::ItemCursor cursor(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        cursor.at(i);
        Result<Site> site =
            applyFields(targets->value(ids->at(i)), items.at(i).toObject(), partial);
        if (!site)
            return cursor.locate(site.error());
        sites << site.value();
    }
    cursor.done();
    const Result<void> saved =
        Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
            for (const Site &site : std::as_const(sites)) {
                const Result<void> done = Transaction::allOf(
                    {[&] { return m_sites.update(db, site); },
                     [&] {
                         return ChangeLog::record(db, caller.user.id, site.id,
                                                  QStringLiteral("Update"), SiteResource, site.id,
                                                  site.toJson());
                     }});
                if (!done)
                    return done.error();
            }
            return {};
        });
    if (!saved)
        return nameTakenOr(saved.error());
    return sites;
}

Result<void> SiteService::remove(const Identity &caller, const QList<qint64> &ids)
{
    const QList<qint64> unique = BulkItems::distinctInOrder(ids);
    const Result<QHash<qint64, Site>> targets = allowedTargets(caller, unique, Action::Delete);
    if (!targets)
        return targets.error();
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
        for (qint64 id : unique) {
            const Result<bool> busy = m_sites.hasChildren(db, id);
            if (!busy)
                return busy.error();
            if (busy.value()) {
                const Result<QStringList> usage = InventoryUsage::ofSite(db, id);
                if (!usage)
                    return usage.error();
                return Error::conflict(
                    QStringLiteral("Cannot delete site %1: it still has %2. Delete them first.")
                        .arg(targets->value(id).name, InventoryUsage::joined(usage.value())));
            }
            const Result<void> done = Transaction::allOf(
                {[&] { return m_sites.remove(db, id); },
                 [&] {
                     return ChangeLog::record(db, caller.user.id, std::nullopt,
                                              QStringLiteral("Delete"), SiteResource, id,
                                              targets->value(id).toJson());
                 }});
            if (!done)
                return done.error();
        }
        return {};
    });
}

Result<qint64> SiteService::defaultSite(const QString &field)
{
    const Result<QList<Site>> sites = list();
    if (!sites)
        return sites.error();
    QStringList names;
    for (const Site &site : sites.value()) {
        if (site.name == QLatin1String("Default"))
            return site.id;
        names << site.name;
    }
    if (sites->size() == 1)
        return sites->first().id;
    return Error::invalidField(
        field, sites->isEmpty()
                   ? QStringLiteral("No site exists; create one first (POST /api/sites/).")
                   : QStringLiteral("Give the site it belongs to: one of %1.")
                         .arg(names.join(QLatin1String(", "))));
}

} // namespace Cairn
