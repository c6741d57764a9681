#include "ProtocolTypeService.h"

#include "AttributeService.h"
#include "BulkItems.h"
#include "ChangeLog.h"
#include "Fields.h"
#include "SiteGate.h"
#include "db/Database.h"
#include "db/Transaction.h"

namespace Cairn {

namespace {

const QString ProtocolTypeResource = QStringLiteral("ProtocolType");

Error duplicate(const Error &error, const QString &name)
{
    if (error.code != ErrorCode::Conflict)
        return error;
    return Error{ErrorCode::Conflict,
                 QStringLiteral("A protocol type named %1 exists in this site.").arg(name),
                 {{QStringLiteral("name"),
                   QStringLiteral("Protocol type with this site and name already exists.")}}};
}

} // namespace

ProtocolTypeService::ProtocolTypeService(Database &database, PermissionService &permissions,
                                         SiteService &sites, AttributeService &attributes)
    : m_database(database)
    , m_permissions(permissions)
    , m_sites(sites)
    , m_attributes(attributes)
    , m_types(database)
{
}

Result<QList<ProtocolType>> ProtocolTypeService::list(const ProtocolTypeFilter &filter)
{
    return m_types.list(filter);
}

Result<qint64> ProtocolTypeService::count(const ProtocolTypeFilter &filter)
{
    return m_types.count(filter);
}

Result<ProtocolType> ProtocolTypeService::get(const QString &key, std::optional<qint64> siteId)
{
    return BulkItems::findOne<ProtocolType, ProtocolTypeFilter>(
        key, siteId, QStringLiteral("Protocol type"),
        [&](const ProtocolTypeFilter &filter) { return list(filter); },
        [](ProtocolTypeFilter &filter, const QString &naturalKey) -> Result<void> {
            filter.name = naturalKey;
            return {};
        });
}

Result<ProtocolType> ProtocolTypeService::applyFields(ProtocolType type, const QJsonObject &fields,
                                                      bool partial)
{
    if (!partial || fields.contains(QStringLiteral("name"))) {
        const Result<QString> name = Fields::text(fields, QStringLiteral("name"), 16);
        if (!name)
            return name.error();
        if (name->isEmpty())
            return Fields::required(QStringLiteral("name"));
        type.name = name.value();
    }
    if (!partial || fields.contains(QStringLiteral("description"))) {
        const Result<QString> description = Fields::text(fields, QStringLiteral("description"));
        if (!description)
            return description.error();
        type.description = description.value();
    }
    const QString field = QStringLiteral("required_attributes");
    if (partial && !fields.contains(field))
        return type;
    // A list of names or ids; pynsot sends its attribute dictionary, whose keys are the names.
    const QJsonValue given = fields.value(field);
    QJsonArray wanted = given.isArray() ? given.toArray() : QJsonArray();
    if (given.isObject())
        wanted = QJsonArray::fromStringList(given.toObject().keys());
    else if (!given.isArray() && !given.isUndefined() && !given.isNull())
        return Error::invalidField(field, QStringLiteral("Expected a list of attribute names."));
    AttributeFilter protocolAttributes;
    protocolAttributes.resourceName = QStringLiteral("Protocol");
    const Result<QList<Attribute>> known = m_attributes.list(protocolAttributes);
    if (!known)
        return known.error();
    type.requiredAttributeIds.clear();
    type.requiredAttributes.clear();
    for (const QJsonValue item : wanted) {
        const QString key =
            item.isDouble() ? QString::number(qint64(item.toDouble())) : item.toString();
        const auto match = std::find_if(known->cbegin(), known->cend(), [&](const Attribute &a) {
            return (a.name == key || QString::number(a.id) == key) && a.siteId == type.siteId;
        });
        if (match == known->cend()) {
            const bool elsewhere =
                std::any_of(known->cbegin(), known->cend(), [&](const Attribute &a) {
                    return a.name == key || QString::number(a.id) == key;
                });
            return Error::invalidField(
                field, elsewhere
                           ? QStringLiteral("Attributes must share the same site as "
                                            "ProtocolType.site. Got: [%1]")
                                 .arg(key)
                           : QStringLiteral("Only Protocol attributes are allowed; %1 is not one.")
                                 .arg(key));
        }
        if (!type.requiredAttributeIds.contains(match->id)) {
            type.requiredAttributeIds << match->id;
            type.requiredAttributes << match->name;
        }
    }
    return type;
}

Result<QList<ProtocolType>> ProtocolTypeService::create(const Identity &caller,
                                                        const QJsonArray &items,
                                                        std::optional<qint64> defaultSite)
{
    SiteGate gate(m_sites, m_permissions, caller, Action::Add);
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<QList<ProtocolType>> {
        QList<ProtocolType> created;
        BulkItems::ItemCursor cursor(items.size());
        for (const QJsonValue item : items) {
            cursor.next();
            QJsonObject fields = item.toObject();
            if (!item.isObject())
                return cursor.locate(Error::badRequest(
                    QStringLiteral("Expected a JSON object for each protocol type.")));
            // NSoT names the site `site` here.
            if (!fields.contains(QStringLiteral("site_id")))
                fields.insert(QStringLiteral("site_id"), fields.value(QStringLiteral("site")));
            const Result<qint64> siteId = gate.siteOf(fields, defaultSite);
            if (!siteId)
                return cursor.locate(siteId.error());
            ProtocolType blank;
            blank.siteId = siteId.value();
            Result<ProtocolType> type = applyFields(blank, fields, false);
            if (!type)
                return cursor.locate(type.error());
            const Result<qint64> id = m_types.insert(db, type.value());
            if (!id)
                return cursor.locate(duplicate(id.error(), type->name));
            type->id = id.value();
            const Result<void> logged =
                ChangeLog::record(db, caller.user.id, type->siteId, QStringLiteral("Create"),
                                  ProtocolTypeResource, type->id, type->toJson());
            if (!logged)
                return cursor.locate(logged.error());
            created << type.value();
        }
        cursor.done();
        return created;
    });
}

Result<QList<ProtocolType>> ProtocolTypeService::update(const Identity &caller,
                                                        const QJsonArray &items, bool partial)
{
    const Result<QList<qint64>> ids = BulkItems::idsOf(items);
    if (!ids)
        return ids.error();
    SiteGate gate(m_sites, m_permissions, caller, Action::Change);
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<QList<ProtocolType>> {
        QList<ProtocolType> updated;
        BulkItems::ItemCursor cursor(items.size());
        for (qsizetype i = 0; i < items.size(); ++i) {
            cursor.at(i);
            const Result<ProtocolType> current = get(QString::number(ids->at(i)));
            if (!current)
                return cursor.locate(current.error());
            const Result<void> allowed = gate.check(current->siteId);
            if (!allowed)
                return cursor.locate(allowed.error());
            Result<ProtocolType> type =
                applyFields(current.value(), items.at(i).toObject(), partial);
            if (!type)
                return cursor.locate(type.error());
            const Result<void> done = Transaction::allOf(
                {[&] {
                     const Result<void> saved = m_types.update(db, type.value());
                     return saved ? saved : duplicate(saved.error(), type->name);
                 },
                 [&] {
                     return ChangeLog::record(db, caller.user.id, type->siteId,
                                              QStringLiteral("Update"), ProtocolTypeResource,
                                              type->id, type->toJson());
                 }});
            if (!done)
                return cursor.locate(done.error());
            updated << type.value();
        }
        cursor.done();
        return updated;
    });
}

Result<void> ProtocolTypeService::remove(const Identity &caller, const QList<qint64> &ids)
{
    const QList<qint64> unique = BulkItems::distinctInOrder(ids);
    SiteGate gate(m_sites, m_permissions, caller, Action::Delete);
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
        for (qint64 id : unique) {
            const Result<ProtocolType> type = get(QString::number(id));
            if (!type)
                return type.error();
            const Result<void> allowed = gate.check(type->siteId);
            if (!allowed)
                return allowed.error();
            const Result<void> done = Transaction::allOf(
                {[&]() -> Result<void> {
                     Result<void> removed = m_types.remove(db, id);
                     if (removed || removed.error().code != ErrorCode::Conflict)
                         return removed;
                     return Error::conflict(
                         QStringLiteral("Protocols of type %1 exist; delete them first.")
                             .arg(type->name));
                 },
                 [&] {
                     return ChangeLog::record(db, caller.user.id, type->siteId,
                                              QStringLiteral("Delete"), ProtocolTypeResource, id,
                                              type->toJson());
                 }});
            if (!done)
                return done.error();
        }
        return {};
    });
}

} // namespace Cairn
