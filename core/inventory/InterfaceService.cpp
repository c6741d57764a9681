#include "InterfaceService.h"

#include "AttributeRules.h"
#include "AttributeValueRepository.h"
#include "BulkItems.h"
#include "ChangeLog.h"
#include "DeviceService.h"
#include "Fields.h"
#include "InventoryUsage.h"
#include "NetworkService.h"
#include "SetQuery.h"
#include "SiteGate.h"
#include "db/Database.h"
#include "db/Transaction.h"
#include "net/MacAddress.h"

#include <algorithm>

namespace Cairn {

namespace {

const QString InterfaceResource = QStringLiteral("Interface");
const QString AddressesField = QStringLiteral("addresses");

Error duplicateName(const Error &error, const QString &name)
{
    if (error.code != ErrorCode::Conflict)
        return error;
    return Error{ErrorCode::Conflict,
                 QStringLiteral("The device has an interface named %1.").arg(name),
                 {{QStringLiteral("name"),
                   QStringLiteral("Interface with this device and name already exists.")}}};
}

} // namespace

InterfaceService::InterfaceService(Database &database, PermissionService &permissions,
                                   SiteService &sites, AttributeService &attributes,
                                   AttributeValueRepository &values, DeviceService &devices,
                                   NetworkService &networks)
    : m_database(database)
    , m_permissions(permissions)
    , m_sites(sites)
    , m_attributes(attributes)
    , m_values(values)
    , m_devices(devices)
    , m_networks(networks)
    , m_interfaces(database)
{
}

Result<void> InterfaceService::attachDetails(QList<Interface> &interfaces)
{
    Result<void> attached = m_values.attach(InterfaceResource, interfaces);
    if (!attached)
        return attached;
    QList<qint64> ids;
    for (const Interface &interface : std::as_const(interfaces))
        ids << interface.id;
    const auto addresses = m_interfaces.addresses(ids);
    if (!addresses)
        return addresses.error();
    for (Interface &interface : interfaces)
        std::tie(interface.addresses, interface.networks) = addresses->value(interface.id);
    return {};
}

Result<QList<Interface>> InterfaceService::list(const InterfaceFilter &filter)
{
    Result<QList<Interface>> interfaces = m_interfaces.list(filter);
    if (!interfaces)
        return interfaces;
    const Result<void> detailed = attachDetails(interfaces.value());
    if (!detailed)
        return detailed.error();
    return interfaces;
}

Result<qint64> InterfaceService::count(const InterfaceFilter &filter)
{
    return m_interfaces.count(filter);
}

Result<Interface> InterfaceService::get(const QString &key, std::optional<qint64> siteId)
{
    return BulkItems::findOne<Interface, InterfaceFilter>(
        key, siteId, QStringLiteral("Interface"),
        [&](const InterfaceFilter &filter) { return list(filter); },
        [](InterfaceFilter &filter, const QString &naturalKey) -> Result<void> {
            // Hostnames have no colon; interface names may ("xe-1/2/3:10.0").
            const qsizetype colon = naturalKey.indexOf(QLatin1Char(':'));
            if (colon <= 0)
                return Error::badRequest(QStringLiteral("Expected hostname:name."));
            filter.deviceHostname = naturalKey.left(colon);
            filter.name = naturalKey.mid(colon + 1);
            return {};
        });
}

Result<QList<qint64>> InterfaceService::query(std::optional<qint64> siteId, const QString &setQuery)
{
    return SetQuery::evaluate(m_database, InterfaceResource, QStringLiteral("interfaces"), siteId,
                              setQuery);
}

Result<QList<Assignment>> InterfaceService::assignments(const QList<qint64> &interfaceIds)
{
    return m_interfaces.assignments(interfaceIds, std::nullopt);
}

Result<QList<Assignment>> InterfaceService::assignmentsOfAddress(qint64 networkId)
{
    return m_interfaces.assignments({}, networkId);
}

Result<QHash<qint64, Interface>> InterfaceService::byIds(const QList<qint64> &ids)
{
    return BulkItems::fetchAll<Interface>(ids, QStringLiteral("Interface"),
                                          [&](const QList<qint64> &batch) {
                                              InterfaceFilter filter;
                                              filter.ids = batch;
                                              filter.limit = int(batch.size());
                                              return list(filter);
                                          });
}

Result<Interface> InterfaceService::applyFields(Interface interface, const QJsonObject &fields,
                                                bool partial)
{
    const auto given = [&](const char *name) {
        return !partial || fields.contains(QLatin1String(name));
    };
    if (given("name")) {
        const QJsonValue name = fields.value(QStringLiteral("name"));
        if (!name.isString() || name.toString().trimmed().isEmpty())
            return Error::invalidField(QStringLiteral("name"),
                                       QStringLiteral("This is a required field."));
        if (name.toString().size() > 255)
            return Error::invalidField(
                QStringLiteral("name"),
                QStringLiteral("Ensure this field has no more than 255 characters."));
        interface.name = name.toString();
    }
    if (given("description")) {
        const Result<QString> description = Fields::text(fields, QStringLiteral("description"));
        if (!description)
            return description.error();
        interface.description = description.value();
    }
    if (given("type")) {
        const QJsonValue type = fields.value(QStringLiteral("type"));
        if (type.isUndefined() || type.isNull())
            interface.type = 6;
        else if (!type.isDouble() || !Interface::Types.contains(type.toInt()) ||
                 type.toDouble() != double(type.toInt()))
            return Error::invalidField(
                QStringLiteral("type"),
                QStringLiteral("Invalid type: %1")
                    .arg(type.isString() ? type.toString() : QString::number(type.toDouble())));
        else
            interface.type = type.toInt();
    }
    if (given("speed")) {
        const QJsonValue speed = fields.value(QStringLiteral("speed"));
        if (speed.isDouble() && speed.toDouble() != double(qint64(speed.toDouble())))
            return Error::invalidField(QStringLiteral("speed"),
                                       QStringLiteral("Speed must be an integer."));
        const Result<std::optional<qint64>> value =
            Fields::integer(fields, QStringLiteral("speed"));
        if (!value || (value.value() &&
                       (*value.value() < 0 || *value.value() > std::numeric_limits<int>::max())))
            return Error::invalidField(
                QStringLiteral("speed"),
                QStringLiteral("Invalid speed: %1").arg(speed.toVariant().toString()));
        // Absent in a PUT or a new interface: the default; an explicit null: no speed.
        interface.speed = speed.isNull()        ? std::nullopt
                          : speed.isUndefined() ? std::optional<int>(1000)
                                                : std::optional<int>(int(*value.value()));
    }
    if (given("mac_address")) {
        const QJsonValue mac = fields.value(QStringLiteral("mac_address"));
        const Result<std::optional<qint64>> parsed = MacAddress::parse(
            mac.isUndefined() ? QJsonValue(0) : mac, QStringLiteral("mac_address"));
        if (!parsed)
            return parsed.error();
        interface.macAddress = parsed.value();
    }
    if (given("parent_id")) {
        const QJsonValue parent = fields.value(QStringLiteral("parent_id"));
        if (parent.isUndefined() || parent.isNull()) {
            interface.parentId.reset();
        } else {
            const Result<QString> key = Fields::reference(fields, QStringLiteral("parent_id"));
            if (!key)
                return key.error();
            const Result<Interface> found = get(key.value(), interface.siteId);
            if (!found)
                return Error::invalidField(
                    QStringLiteral("parent_id"),
                    QStringLiteral("Interface %1 does not exist.").arg(key.value()));
            if (found->deviceId != interface.deviceId)
                return Error::invalidField(
                    QStringLiteral("parent_id"),
                    QStringLiteral("Parent's device does not match device with host name '%1'")
                        .arg(interface.deviceHostname));
            if (found->id == interface.id)
                return Error::invalidField(
                    QStringLiteral("parent_id"),
                    QStringLiteral("An interface cannot be its own parent."));
            if (interface.id != 0) {
                InterfaceFilter above;
                above.ancestorsOf = found->id;
                const Result<QList<Interface>> chain = m_interfaces.list(above);
                if (!chain)
                    return chain.error();
                if (std::any_of(chain->cbegin(), chain->cend(), [&interface](const Interface &up) {
                        return up.id == interface.id;
                    }))
                    return Error::invalidField(
                        QStringLiteral("parent_id"),
                        QStringLiteral("Interface %1 is below this one: an interface cannot be "
                                       "its own ancestor.")
                            .arg(found->name));
            }
            interface.parentId = found->id;
            interface.parentName = found->name;
        }
    }
    return interface;
}

Result<qint64> InterfaceService::addressNetwork(const QSqlDatabase &db, const Identity &caller,
                                                const Interface &interface,
                                                const QJsonValue &address)
{
    const Result<IpNetwork> ip = IpNetwork::parse(address.toString(), AddressesField);
    if (!address.isString() || !ip || !ip->isHost())
        return Error::invalidField(
            AddressesField,
            QStringLiteral("'%1' is not a valid host address!")
                .arg(address.isString() ? address.toString() : address.toVariant().toString()));
    const Result<Network> network =
        m_networks.assignedAddress(db, caller, interface.siteId, ip.value());
    if (!network)
        return network.error();
    return network->id;
}

Result<void> InterfaceService::assignAddress(const QSqlDatabase &db, const Interface &interface,
                                             qint64 networkId)
{
    Result<void> assigned = m_interfaces.assign(db, interface, networkId);
    if (!assigned && assigned.error().code == ErrorCode::Conflict)
        return Error::invalidField(AddressesField,
                                   QStringLiteral("Address already assigned to this Device."));
    return assigned;
}

Result<void> InterfaceService::readAddresses(Interface &interface)
{
    // The answer and the change log show the addresses as stored.
    const auto stored = m_interfaces.addresses({interface.id});
    if (!stored)
        return stored.error();
    std::tie(interface.addresses, interface.networks) = stored->value(interface.id);
    return {};
}

Result<void> InterfaceService::setAddresses(const QSqlDatabase &db, const Identity &caller,
                                            Interface &interface, const QJsonValue &addresses)
{
    if (!addresses.isArray())
        return Error::invalidField(AddressesField,
                                   QStringLiteral("Expected a list of host addresses."));
    QList<qint64> wanted;
    for (const QJsonValue address : addresses.toArray()) {
        const Result<qint64> network = addressNetwork(db, caller, interface, address);
        if (!network)
            return network.error();
        if (!wanted.contains(network.value()))
            wanted << network.value();
    }
    const Result<QList<qint64>> current = m_interfaces.addressIds(db, interface.id);
    if (!current)
        return current.error();
    for (qint64 id : current.value()) {
        if (!wanted.contains(id)) {
            Result<void> dropped = m_interfaces.unassign(db, interface.id, id);
            if (!dropped)
                return dropped;
        }
    }
    for (qint64 id : std::as_const(wanted)) {
        if (current->contains(id))
            continue;
        Result<void> assigned = assignAddress(db, interface, id);
        if (!assigned)
            return assigned;
    }
    return readAddresses(interface);
}

Result<Interface> InterfaceService::addAddress(const Identity &caller, qint64 interfaceId,
                                               const QString &address)
{
    SiteGate gate(m_sites, m_permissions, caller, Action::Change);
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<Interface> {
        const Result<QHash<qint64, Interface>> targets = byIds({interfaceId});
        if (!targets)
            return targets.error();
        Interface interface = *targets->constFind(interfaceId);
        const Result<void> allowed = gate.check(interface.siteId);
        if (!allowed)
            return allowed.error();
        const Result<qint64> network = addressNetwork(db, caller, interface, address);
        if (!network)
            return network.error();
        const Result<QList<qint64>> current = m_interfaces.addressIds(db, interface.id);
        if (!current)
            return current.error();
        if (current->contains(network.value()))
            return Error::invalidField(AddressesField,
                                       QStringLiteral("The interface has this address already."));
        const Result<void> done = Transaction::allOf(
            {[&] { return assignAddress(db, interface, network.value()); },
             [&] { return readAddresses(interface); },
             [&] {
                 return ChangeLog::record(db, caller.user.id, interface.siteId,
                                          QStringLiteral("Update"), InterfaceResource, interface.id,
                                          interface.toJson());
             }});
        if (!done)
            return done.error();
        return interface;
    });
}

Result<QList<Interface>> InterfaceService::create(const Identity &caller, const QJsonArray &items,
                                                  std::optional<qint64> defaultSite)
{
    AttributeRules rules(m_attributes, m_values, InterfaceResource);
    SiteGate gate(m_sites, m_permissions, caller, Action::Add);
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<QList<Interface>> {
        QList<Interface> created;
        // A bulk create usually gives one device many ports: each is read once.
        QHash<QString, Device> devices;
        BulkItems::ItemCursor cursor(items.size());
        for (const QJsonValue item : items) {
            cursor.next();
            if (!item.isObject())
                return cursor.locate(Error::badRequest(
                    QStringLiteral("Expected a JSON object for each interface.")));
            const QJsonObject fields = item.toObject();
            const Result<QString> deviceKey = Fields::reference(fields, QStringLiteral("device"));
            if (!deviceKey)
                return cursor.locate(deviceKey.error());
            auto device = devices.constFind(deviceKey.value());
            if (device == devices.cend()) {
                const Result<Device> found = m_devices.get(deviceKey.value(), defaultSite);
                if (!found)
                    return cursor.locate(Error::invalidField(
                        QStringLiteral("device"),
                        QStringLiteral("Device %1 does not exist.").arg(deviceKey.value())));
                device = devices.insert(deviceKey.value(), found.value());
            }
            const Result<void> allowed = gate.check(device->siteId);
            if (!allowed)
                return cursor.locate(allowed.error());
            Interface blank;
            blank.siteId = device->siteId;
            blank.deviceId = device->id;
            blank.deviceHostname = device->hostname;
            Result<Interface> interface = applyFields(blank, fields, false);
            if (!interface)
                return cursor.locate(interface.error());
            const Result<QJsonObject> attributes =
                rules.resolve(interface->siteId, fields, {}, AttributeWrite::Create);
            if (!attributes)
                return cursor.locate(attributes.error());
            interface->attributes = attributes.value();
            const Result<qint64> id = m_interfaces.insert(db, interface.value());
            if (!id)
                return cursor.locate(duplicateName(id.error(), interface->name));
            interface->id = id.value();
            const Result<void> done = Transaction::allOf(
                {[&] {
                     return fields.contains(QStringLiteral("addresses")) &&
                                    !fields.value(QStringLiteral("addresses")).isNull()
                                ? setAddresses(db, caller, interface.value(),
                                               fields.value(QStringLiteral("addresses")))
                                : Result<void>();
                 },
                 [&] {
                     return rules.store(db, interface->siteId, interface->id, interface->attributes,
                                        AttributeWrite::Create);
                 },
                 [&] {
                     return ChangeLog::record(db, caller.user.id, interface->siteId,
                                              QStringLiteral("Create"), InterfaceResource,
                                              interface->id, interface->toJson());
                 }});
            if (!done)
                return cursor.locate(done.error());
            created << interface.value();
        }
        cursor.done();
        return created;
    });
}

Result<QList<Interface>> InterfaceService::update(const Identity &caller, const QJsonArray &items,
                                                  bool partial)
{
    const Result<QList<qint64>> ids = BulkItems::idsOf(items);
    if (!ids)
        return ids.error();
    AttributeRules rules(m_attributes, m_values, InterfaceResource);
    SiteGate gate(m_sites, m_permissions, caller, Action::Change);
    const AttributeWrite write = partial ? AttributeWrite::Merge : AttributeWrite::Replace;
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<QList<Interface>> {
        const Result<QHash<qint64, Interface>> targets = byIds(ids.value());
        if (!targets)
            return targets.error();
        QList<Interface> updated;
        BulkItems::ItemCursor cursor(items.size());
        for (qsizetype i = 0; i < items.size(); ++i) {
            cursor.at(i);
            const QJsonObject fields = items.at(i).toObject();
            const Interface &current = *targets->constFind(ids->at(i));
            const Result<void> allowed = gate.check(current.siteId);
            if (!allowed)
                return cursor.locate(allowed.error());
            Result<Interface> interface = applyFields(current, fields, partial);
            if (!interface)
                return cursor.locate(interface.error());
            const QJsonValue addresses = fields.value(QStringLiteral("addresses"));
            if (!partial && addresses.isUndefined())
                return cursor.locate(Fields::required(QStringLiteral("addresses")));
            const Result<QJsonObject> attributes =
                rules.resolve(interface->siteId, fields, current.attributes, write);
            if (!attributes)
                return cursor.locate(attributes.error());
            interface->attributes = attributes.value();
            const Result<void> done = Transaction::allOf(
                {[&] {
                     const Result<void> saved = m_interfaces.update(db, interface.value());
                     return saved ? saved : duplicateName(saved.error(), interface->name);
                 },
                 [&] {
                     return addresses.isUndefined()
                                ? Result<void>()
                                : setAddresses(db, caller, interface.value(),
                                               addresses.isNull() ? QJsonArray() : addresses);
                 },
                 [&] {
                     return rules.store(db, interface->siteId, interface->id, interface->attributes,
                                        write);
                 },
                 [&] {
                     return ChangeLog::record(db, caller.user.id, interface->siteId,
                                              QStringLiteral("Update"), InterfaceResource,
                                              interface->id, interface->toJson());
                 }});
            if (!done)
                return cursor.locate(done.error());
            updated << interface.value();
        }
        cursor.done();
        return updated;
    });
}

Result<void> InterfaceService::remove(const Identity &caller, const QList<qint64> &ids)
{
    const QList<qint64> unique = BulkItems::distinct(ids);
    SiteGate gate(m_sites, m_permissions, caller, Action::Delete);
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
        const Result<QHash<qint64, Interface>> targets = byIds(unique);
        if (!targets)
            return targets.error();
        for (qint64 id : unique) {
            const Interface &interface = *targets->constFind(id);
            const Result<void> allowed = gate.check(interface.siteId);
            if (!allowed)
                return allowed.error();
            // Asked before the delete: on PostgreSQL a failed statement ends the transaction.
            const Result<QStringList> usage = InventoryUsage::ofInterface(db, id);
            if (!usage)
                return usage.error();
            if (!usage->isEmpty())
                return Error::conflict(
                    QStringLiteral("Cannot delete interface %1: it still has %2. Delete them "
                                   "first.")
                        .arg(interface.nameSlug(), InventoryUsage::joined(usage.value())));
            const Result<void> done = Transaction::allOf(
                {[&] { return m_values.removeAll(db, InterfaceResource, id); },
                 [&] { return m_interfaces.remove(db, id); },
                 [&] {
                     return ChangeLog::record(db, caller.user.id, interface.siteId,
                                              QStringLiteral("Delete"), InterfaceResource, id,
                                              interface.toJson());
                 }});
            if (!done)
                return done.error();
        }
        return {};
    });
}

} // namespace Cairn
