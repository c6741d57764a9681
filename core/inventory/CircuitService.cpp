#include "CircuitService.h"

#include "AttributeRules.h"
#include "AttributeValueRepository.h"
#include "BulkItems.h"
#include "ChangeLog.h"
#include "Fields.h"
#include "InterfaceService.h"
#include "SetQuery.h"
#include "SiteGate.h"
#include "db/Database.h"
#include "db/Transaction.h"

namespace Cairn {

namespace {

const QString CircuitResource = QStringLiteral("Circuit");

Error duplicate(const Error &error, const Circuit &circuit)
{
    if (error.code != ErrorCode::Conflict)
        return error;
    return Error{ErrorCode::Conflict,
                 QStringLiteral("A circuit named %1, or one of its endpoints, exists already.")
                     .arg(circuit.name),
                 {{QStringLiteral("name"),
                   QStringLiteral("Circuit with this name or these endpoints already exists.")}}};
}

} // namespace

CircuitService::CircuitService(Database &database, PermissionService &permissions,
                               SiteService &sites, AttributeService &attributes,
                               AttributeValueRepository &values, InterfaceService &interfaces)
    : m_database(database)
    , m_permissions(permissions)
    , m_sites(sites)
    , m_attributes(attributes)
    , m_values(values)
    , m_interfaces(interfaces)
    , m_circuits(database)
{
}

Result<QList<Circuit>> CircuitService::list(const CircuitFilter &filter)
{
    Result<QList<Circuit>> circuits = m_circuits.list(filter);
    if (!circuits)
        return circuits;
    const Result<void> attached = m_values.attach(CircuitResource, circuits.value());
    if (!attached)
        return attached.error();
    return circuits;
}

Result<qint64> CircuitService::count(const CircuitFilter &filter)
{
    return m_circuits.count(filter);
}

Result<Circuit> CircuitService::get(const QString &key, std::optional<qint64> siteId)
{
    return BulkItems::findOne<Circuit, CircuitFilter>(
        key, siteId, QStringLiteral("Circuit"),
        [&](const CircuitFilter &filter) { return list(filter); },
        [](CircuitFilter &filter, const QString &naturalKey) -> Result<void> {
            filter.nameSlug = naturalKey;
            return {};
        });
}

Result<QList<qint64>> CircuitService::query(std::optional<qint64> siteId, const QString &setQuery)
{
    return SetQuery::evaluate(m_database, CircuitResource, QStringLiteral("circuits"), siteId,
                              setQuery);
}

Result<QHash<qint64, Circuit>> CircuitService::byIds(const QList<qint64> &ids)
{
    return BulkItems::fetchAll<Circuit>(ids, QStringLiteral("Circuit"),
                                        [&](const QList<qint64> &batch) {
                                            CircuitFilter filter;
                                            filter.ids = batch;
                                            filter.limit = int(batch.size());
                                            return list(filter);
                                        });
}

Result<Circuit> CircuitService::applyFields(Circuit circuit, const QJsonObject &fields,
                                            bool partial, std::optional<qint64> siteId)
{
    // Each side: the interface, not already on the other side of any circuit.
    for (const bool aSide : {true, false}) {
        const QString field = aSide ? QStringLiteral("endpoint_a") : QStringLiteral("endpoint_z");
        if (partial && !fields.contains(field))
            continue;
        const QJsonValue given = fields.value(field);
        if (!aSide && (given.isUndefined() || given.isNull())) {
            circuit.endpointZ.reset();
            continue;
        }
        const Result<QString> key = Fields::reference(fields, field);
        if (!key)
            return key.error();
        const Result<Interface> interface = m_interfaces.get(key.value(), siteId);
        if (!interface)
            return Error::invalidField(
                field, QStringLiteral("Interface %1 does not exist.").arg(key.value()));
        CircuitFilter otherSide;
        (aSide ? otherSide.endpointZ : otherSide.endpointA) = interface->id;
        const Result<QList<Circuit>> taken = m_circuits.list(otherSide);
        if (!taken)
            return taken.error();
        if (!taken->isEmpty() && taken->first().id != circuit.id)
            return Error::invalidField(
                field, aSide ? QStringLiteral("Interface already used as an endpoint_z")
                             : QStringLiteral("Interface already used as an endpoint_a"));
        if (aSide) {
            circuit.endpointA = interface->id;
            circuit.endpointASlug = interface->nameSlug();
            circuit.siteId = interface->siteId;
        } else {
            circuit.endpointZ = interface->id;
            circuit.endpointZSlug = interface->nameSlug();
        }
    }
    if (circuit.endpointZ && *circuit.endpointZ == circuit.endpointA)
        return Error::invalidField(QStringLiteral("endpoint_z"),
                                   QStringLiteral("The two ends must be different interfaces."));
    if (!partial || fields.contains(QStringLiteral("name"))) {
        const Result<QString> name = Fields::text(fields, QStringLiteral("name"));
        if (!name)
            return name.error();
        if (fields.value(QStringLiteral("name")).isNull() &&
            fields.contains(QStringLiteral("name")))
            return Error::invalidField(QStringLiteral("name"),
                                       QStringLiteral("This field may not be null."));
        circuit.name = name->isEmpty() ? circuit.endpointASlug + QLatin1Char('_') +
                                             (circuit.endpointZ ? circuit.endpointZSlug
                                                                : QStringLiteral("None"))
                                       : name.value();
    }
    return circuit;
}

Result<QList<Circuit>> CircuitService::create(const Identity &caller, const QJsonArray &items,
                                              std::optional<qint64> defaultSite)
{
    AttributeRules rules(m_attributes, m_values, CircuitResource);
    SiteGate gate(m_sites, m_permissions, caller, Action::Add);
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<QList<Circuit>> {
        QList<Circuit> created;
        BulkItems::ItemCursor cursor(items.size());
        for (const QJsonValue item : items) {
            cursor.next();
            if (!item.isObject())
                return cursor.locate(
                    Error::badRequest(QStringLiteral("Expected a JSON object for each circuit.")));
            const QJsonObject fields = item.toObject();
            Result<Circuit> circuit = applyFields(Circuit(), fields, false, defaultSite);
            if (!circuit)
                return cursor.locate(circuit.error());
            const Result<void> allowed = gate.check(circuit->siteId);
            if (!allowed)
                return cursor.locate(allowed.error());
            const Result<QJsonObject> attributes =
                rules.resolve(circuit->siteId, fields, {}, AttributeWrite::Create);
            if (!attributes)
                return cursor.locate(attributes.error());
            circuit->attributes = attributes.value();
            const Result<qint64> id = m_circuits.insert(db, circuit.value());
            if (!id)
                return cursor.locate(duplicate(id.error(), circuit.value()));
            circuit->id = id.value();
            const Result<void> done = Transaction::allOf(
                {[&] {
                     return rules.store(db, circuit->siteId, circuit->id, circuit->attributes,
                                        AttributeWrite::Create);
                 },
                 [&] {
                     return ChangeLog::record(db, caller.user.id, circuit->siteId,
                                              QStringLiteral("Create"), CircuitResource,
                                              circuit->id, circuit->toJson());
                 }});
            if (!done)
                return cursor.locate(done.error());
            created << circuit.value();
        }
        cursor.done();
        return created;
    });
}

Result<QList<Circuit>> CircuitService::update(const Identity &caller, const QJsonArray &items,
                                              bool partial)
{
    const Result<QList<qint64>> ids = BulkItems::idsOf(items);
    if (!ids)
        return ids.error();
    AttributeRules rules(m_attributes, m_values, CircuitResource);
    SiteGate gate(m_sites, m_permissions, caller, Action::Change);
    const AttributeWrite write = partial ? AttributeWrite::Merge : AttributeWrite::Replace;
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<QList<Circuit>> {
        const Result<QHash<qint64, Circuit>> targets = byIds(ids.value());
        if (!targets)
            return targets.error();
        QList<Circuit> updated;
        BulkItems::ItemCursor cursor(items.size());
        for (qsizetype i = 0; i < items.size(); ++i) {
            cursor.at(i);
            const QJsonObject fields = items.at(i).toObject();
            const Circuit &current = *targets->constFind(ids->at(i));
            const Result<void> allowed = gate.check(current.siteId);
            if (!allowed)
                return cursor.locate(allowed.error());
            Result<Circuit> circuit = applyFields(current, fields, partial, current.siteId);
            if (!circuit)
                return cursor.locate(circuit.error());
            const Result<QJsonObject> attributes =
                rules.resolve(circuit->siteId, fields, current.attributes, write);
            if (!attributes)
                return cursor.locate(attributes.error());
            circuit->attributes = attributes.value();
            const Result<void> done = Transaction::allOf(
                {[&] {
                     const Result<void> saved = m_circuits.update(db, circuit.value());
                     return saved ? saved : duplicate(saved.error(), circuit.value());
                 },
                 [&] {
                     return rules.store(db, circuit->siteId, circuit->id, circuit->attributes,
                                        write);
                 },
                 [&] {
                     return ChangeLog::record(db, caller.user.id, circuit->siteId,
                                              QStringLiteral("Update"), CircuitResource,
                                              circuit->id, circuit->toJson());
                 }});
            if (!done)
                return cursor.locate(done.error());
            updated << circuit.value();
        }
        cursor.done();
        return updated;
    });
}

Result<void> CircuitService::remove(const Identity &caller, const QList<qint64> &ids)
{
    const QList<qint64> unique = BulkItems::distinctInOrder(ids);
    SiteGate gate(m_sites, m_permissions, caller, Action::Delete);
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
        const Result<QHash<qint64, Circuit>> targets = byIds(unique);
        if (!targets)
            return targets.error();
        for (qint64 id : unique) {
            const Circuit &circuit = *targets->constFind(id);
            const Result<void> allowed = gate.check(circuit.siteId);
            if (!allowed)
                return allowed.error();
            const Result<void> done = Transaction::allOf(
                {[&] { return m_values.removeAll(db, CircuitResource, id); },
                 [&] { return m_circuits.remove(db, id); },
                 [&] {
                     return ChangeLog::record(db, caller.user.id, circuit.siteId,
                                              QStringLiteral("Delete"), CircuitResource, id,
                                              circuit.toJson());
                 }});
            if (!done)
                return done.error();
        }
        return {};
    });
}

} // namespace Cairn
