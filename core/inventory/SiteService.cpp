#include "SiteService.h"

#include "ChangeLog.h"
#include "auth/PermissionService.h"
#include "db/Transaction.h"

namespace Cairn {

namespace {

const QString SiteType = QStringLiteral("site");
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
        const QJsonValue name = fields.value(QStringLiteral("name"));
        if (!name.isString() || name.toString().trimmed().isEmpty())
            return Error::invalidField(QStringLiteral("name"),
                                       QStringLiteral("This field is required."));
        if (name.toString().size() > 255)
            return Error::invalidField(
                QStringLiteral("name"),
                QStringLiteral("Ensure this field has no more than 255 characters."));
        site.name = name.toString().trimmed();
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

Result<Site> SiteService::create(const Identity &caller, const QJsonObject &fields)
{
    if (caller.readOnly)
        return Error::forbidden(QStringLiteral("A read-only token cannot create sites."));
    Result<Site> site = applyFields(Site(), fields, false);
    if (!site)
        return site;
    const Result<void> saved =
        Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
            const Result<qint64> id = m_sites.insert(db, site.value());
            if (!id)
                return nameTakenOr(id.error());
            site->id = id.value();
            return ChangeLog::record(db, caller.user.id, site->id, QStringLiteral("Create"),
                                     SiteResource, site->id, site->toJson());
        });
    if (!saved)
        return saved.error();
    // The creator administers the site, as in NSoT.
    (void)m_permissions.grant(
        Permission{0, caller.user.id, std::nullopt, SiteType, site->id, Action::Admin});
    return site;
}

Result<Site> SiteService::update(const Identity &caller, qint64 id, const QJsonObject &fields,
                                 bool partial)
{
    const Result<void> allowed = m_permissions.require(caller, SiteType, id, Action::Change);
    if (!allowed)
        return allowed.error();
    Result<Site> current = get(id);
    if (!current)
        return current;
    Result<Site> site = applyFields(current.value(), fields, partial);
    if (!site)
        return site;
    const Result<void> saved = Transaction::run(m_database, [&](const QSqlDatabase &db) {
        return Transaction::allOf({[&] { return m_sites.update(db, site.value()); },
                                   [&] {
                                       return ChangeLog::record(db, caller.user.id, id,
                                                                QStringLiteral("Update"),
                                                                SiteResource, id, site->toJson());
                                   }});
    });
    if (!saved)
        return nameTakenOr(saved.error());
    return site;
}

Result<Site> SiteService::remove(const Identity &caller, qint64 id)
{
    const Result<void> allowed = m_permissions.require(caller, SiteType, id, Action::Delete);
    if (!allowed)
        return allowed.error();
    Result<Site> site = get(id);
    if (!site)
        return site;
    const Result<void> removed =
        Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
            const Result<bool> busy = m_sites.hasChildren(db, id);
            if (!busy)
                return busy.error();
            if (busy.value())
                return Error::conflict(
                    QStringLiteral("Cannot delete a site that still has attributes or devices."));
            return Transaction::allOf({[&] { return m_sites.remove(db, id); },
                                       [&] {
                                           return ChangeLog::record(
                                               db, caller.user.id, std::nullopt,
                                               QStringLiteral("Delete"), SiteResource, id,
                                               site->toJson());
                                       }});
        });
    if (!removed)
        return removed.error();
    return site;
}

} // namespace Cairn
