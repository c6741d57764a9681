#include "ProtocolService.h"

#include "AttributeRules.h"
#include "AttributeValueRepository.h"
#include "BulkItems.h"
#include "ChangeLog.h"
#include "CircuitService.h"
#include "DeviceService.h"
#include "Fields.h"
#include "InterfaceService.h"
#include "ProtocolTypeService.h"
#include "SetQuery.h"
#include "SiteGate.h"
#include "auth/ServerKey.h"
#include "db/Database.h"
#include "db/Transaction.h"

namespace Cairn {

namespace {

const QString ProtocolResource = QStringLiteral("Protocol");

// A related object named by `field` (id or natural key), looked up by `get`; a missing one is
// an error on the field.
template <typename Object, typename Get>
Result<std::optional<Object>> related(const QJsonObject &fields, const QString &field, Get &&get,
                                      bool required)
{
    const QJsonValue given = fields.value(field);
    if (!required && (given.isUndefined() || given.isNull()))
        return std::optional<Object>();
    const Result<QString> key = Fields::reference(fields, field);
    if (!key)
        return key.error();
    const Result<Object> found = get(key.value());
    if (!found)
        return Error::invalidField(field, QStringLiteral("%1 does not exist.").arg(key.value()));
    return std::optional<Object>(found.value());
}

} // namespace

ProtocolService::ProtocolService(Database &database, PermissionService &permissions,
                                 SiteService &sites, AttributeService &attributes,
                                 AttributeValueRepository &values, const Related &related,
                                 const ServerKey &serverKey)
    : m_database(database)
    , m_permissions(permissions)
    , m_sites(sites)
    , m_attributes(attributes)
    , m_values(values)
    , m_related(related)
    , m_protocols(database, Sealer(serverKey.derive("protocol")))
{
}

Result<QList<Protocol>> ProtocolService::list(const ProtocolFilter &filter)
{
    Result<QList<Protocol>> protocols = m_protocols.list(filter);
    if (!protocols)
        return protocols;
    const Result<void> attached = m_values.attach(ProtocolResource, protocols.value());
    if (!attached)
        return attached.error();
    return protocols;
}

Result<qint64> ProtocolService::count(const ProtocolFilter &filter)
{
    return m_protocols.count(filter);
}

Result<Protocol> ProtocolService::get(const QString &key, std::optional<qint64> siteId)
{
    bool numeric = false;
    const qint64 id = key.toLongLong(&numeric);
    ProtocolFilter filter;
    filter.siteId = siteId;
    filter.ids = QList<qint64>{numeric ? id : -1};
    const Result<QList<Protocol>> found = list(filter);
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error::notFound(QStringLiteral("Protocol %1 not found.").arg(key));
    return found->first();
}

Result<QList<qint64>> ProtocolService::query(std::optional<qint64> siteId, const QString &setQuery)
{
    return SetQuery::evaluate(m_database, ProtocolResource, QStringLiteral("protocols"), siteId,
                              setQuery);
}

Result<Protocol> ProtocolService::applyFields(Protocol protocol, const QJsonObject &fields,
                                              bool partial, std::optional<qint64> siteId,
                                              QStringList *requiredAttributes)
{
    const auto given = [&](const QString &name) {
        return !partial || fields.contains(name);
    };
    if (given(QStringLiteral("device"))) {
        const auto device = related<Device>(
            fields, QStringLiteral("device"),
            [&](const QString &key) { return m_related.devices.get(key, siteId); }, true);
        if (!device)
            return device.error();
        protocol.deviceId = device.value()->id;
        protocol.deviceHostname = device.value()->hostname;
        protocol.siteId = device.value()->siteId;
    }
    if (given(QStringLiteral("type"))) {
        // By name in the protocol's site first; a type of another site is refused below.
        const auto type = related<ProtocolType>(
            fields, QStringLiteral("type"),
            [&](const QString &key) {
                const Result<ProtocolType> inSite = m_related.types.get(key, protocol.siteId);
                return inSite ? inSite : m_related.types.get(key);
            },
            true);
        if (!type)
            return type.error();
        protocol.typeId = type.value()->id;
        protocol.typeName = type.value()->name;
    }
    const Result<ProtocolType> type = m_related.types.get(QString::number(protocol.typeId));
    if (!type)
        return type.error();
    if (type->siteId != protocol.siteId)
        return Error::invalidField(QStringLiteral("type"),
                                   QStringLiteral("The type must be on the same site as this "
                                                  "Protocol"));
    *requiredAttributes = type->requiredAttributes;
    if (given(QStringLiteral("interface"))) {
        const auto interface = related<Interface>(
            fields, QStringLiteral("interface"),
            [&](const QString &key) { return m_related.interfaces.get(key, protocol.siteId); },
            false);
        if (!interface)
            return interface.error();
        if (interface.value() && interface.value()->deviceId != protocol.deviceId)
            return Error::invalidField(QStringLiteral("interface"),
                                       QStringLiteral("The interface must be on the same device "
                                                      "that this Protocol is on"));
        protocol.interfaceId =
            interface.value() ? std::optional(interface.value()->id) : std::nullopt;
        protocol.interfaceSlug = interface.value() ? interface.value()->nameSlug() : QString();
    }
    if (given(QStringLiteral("circuit"))) {
        const auto circuit = related<Circuit>(
            fields, QStringLiteral("circuit"),
            [&](const QString &key) { return m_related.circuits.get(key, protocol.siteId); },
            false);
        if (!circuit)
            return circuit.error();
        if (circuit.value()) {
            CircuitFilter onDevice;
            onDevice.ids = QList<qint64>{circuit.value()->id};
            onDevice.deviceId = protocol.deviceId;
            const Result<qint64> matches = m_related.circuits.count(onDevice);
            if (!matches)
                return matches.error();
            if (matches.value() == 0)
                return Error::invalidField(QStringLiteral("circuit"),
                                           QStringLiteral("At least one endpoint of the circuit "
                                                          "must match the device"));
        }
        protocol.circuitId = circuit.value() ? std::optional(circuit.value()->id) : std::nullopt;
        protocol.circuitSlug = circuit.value() ? circuit.value()->nameSlug() : QString();
    }
    for (const auto &[name, target] :
         {std::pair{QStringLiteral("description"), &protocol.description},
          std::pair{QStringLiteral("auth_string"), &protocol.authString}}) {
        if (!given(name))
            continue;
        const Result<QString> text = Fields::text(fields, name);
        if (!text)
            return text.error();
        *target = text.value();
    }
    return protocol;
}

Result<QList<Protocol>> ProtocolService::create(const Identity &caller, const QJsonArray &items,
                                                std::optional<qint64> defaultSite)
{
    AttributeRules rules(m_attributes, m_values, ProtocolResource);
    SiteGate gate(m_sites, m_permissions, caller, Action::Add);
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<QList<Protocol>> {
        QList<Protocol> created;
        BulkItems::ItemCursor cursor(items.size());
        for (const QJsonValue item : items) {
            cursor.next();
            if (!item.isObject())
                return cursor.locate(
                    Error::badRequest(QStringLiteral("Expected a JSON object for each protocol.")));
            const QJsonObject fields = item.toObject();
            QStringList required;
            const QJsonValue site = fields.value(QStringLiteral("site"));
            Result<Protocol> protocol = applyFields(
                Protocol(), fields, false,
                site.isDouble() ? std::optional(qint64(site.toDouble())) : defaultSite, &required);
            if (!protocol)
                return cursor.locate(protocol.error());
            const Result<void> allowed = gate.check(protocol->siteId);
            if (!allowed)
                return cursor.locate(allowed.error());
            const Result<QJsonObject> attributes =
                rules.resolve(protocol->siteId, fields, {}, AttributeWrite::Create, required);
            if (!attributes)
                return cursor.locate(attributes.error());
            protocol->attributes = attributes.value();
            const Result<qint64> id = m_protocols.insert(db, protocol.value());
            if (!id)
                return cursor.locate(id.error());
            protocol->id = id.value();
            const Result<void> done = Transaction::allOf(
                {[&] {
                     return rules.store(db, protocol->siteId, protocol->id, protocol->attributes,
                                        AttributeWrite::Create);
                 },
                 [&] {
                     return ChangeLog::record(db, caller.user.id, protocol->siteId,
                                              QStringLiteral("Create"), ProtocolResource,
                                              protocol->id, protocol->snapshot());
                 }});
            if (!done)
                return cursor.locate(done.error());
            created << protocol.value();
        }
        cursor.done();
        return created;
    });
}

Result<QList<Protocol>> ProtocolService::update(const Identity &caller, const QJsonArray &items,
                                                bool partial)
{
    const Result<QList<qint64>> ids = BulkItems::idsOf(items);
    if (!ids)
        return ids.error();
    AttributeRules rules(m_attributes, m_values, ProtocolResource);
    SiteGate gate(m_sites, m_permissions, caller, Action::Change);
    const AttributeWrite write = partial ? AttributeWrite::Merge : AttributeWrite::Replace;
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<QList<Protocol>> {
        QList<Protocol> updated;
        BulkItems::ItemCursor cursor(items.size());
        for (qsizetype i = 0; i < items.size(); ++i) {
            cursor.at(i);
            const QJsonObject fields = items.at(i).toObject();
            const Result<Protocol> current = get(QString::number(ids->at(i)));
            if (!current)
                return cursor.locate(current.error());
            const Result<void> allowed = gate.check(current->siteId);
            if (!allowed)
                return cursor.locate(allowed.error());
            QStringList required;
            Result<Protocol> protocol =
                applyFields(current.value(), fields, partial, current->siteId, &required);
            if (!protocol)
                return cursor.locate(protocol.error());
            const Result<QJsonObject> attributes =
                rules.resolve(protocol->siteId, fields, current->attributes, write, required);
            if (!attributes)
                return cursor.locate(attributes.error());
            protocol->attributes = attributes.value();
            const Result<void> done = Transaction::allOf(
                {[&] { return m_protocols.update(db, protocol.value()); },
                 [&] {
                     return rules.store(db, protocol->siteId, protocol->id, protocol->attributes,
                                        write);
                 },
                 [&] {
                     return ChangeLog::record(db, caller.user.id, protocol->siteId,
                                              QStringLiteral("Update"), ProtocolResource,
                                              protocol->id, protocol->snapshot());
                 }});
            if (!done)
                return cursor.locate(done.error());
            updated << protocol.value();
        }
        cursor.done();
        return updated;
    });
}

Result<void> ProtocolService::remove(const Identity &caller, const QList<qint64> &ids)
{
    const QList<qint64> unique = BulkItems::distinctInOrder(ids);
    SiteGate gate(m_sites, m_permissions, caller, Action::Delete);
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
        const Result<QHash<qint64, Protocol>> targets = BulkItems::fetchAll<Protocol>(
            unique, QStringLiteral("Protocol"), [&](const QList<qint64> &batch) {
                ProtocolFilter filter;
                filter.ids = batch;
                filter.limit = int(batch.size());
                return list(filter);
            });
        if (!targets)
            return targets.error();
        for (qint64 id : unique) {
            const Protocol &protocol = *targets->constFind(id);
            const Result<void> allowed = gate.check(protocol.siteId);
            if (!allowed)
                return allowed.error();
            const Result<void> done = Transaction::allOf(
                {[&] { return m_values.removeAll(db, ProtocolResource, id); },
                 [&] { return m_protocols.remove(db, id); },
                 [&] {
                     return ChangeLog::record(db, caller.user.id, protocol.siteId,
                                              QStringLiteral("Delete"), ProtocolResource, id,
                                              protocol.snapshot());
                 }});
            if (!done)
                return done.error();
        }
        return {};
    });
}

} // namespace Cairn
