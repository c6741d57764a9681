#include "MigrationRoutingTypes.h"

#include "CoreServices.h"
#include "MigrationSites.h"
#include "inventory/CircuitService.h"
#include "inventory/DeviceService.h"
#include "inventory/InterfaceService.h"
#include "inventory/ProtocolService.h"
#include "inventory/ProtocolTypeService.h"

#include <QJsonArray>
#include <QSet>

namespace Cairn {

namespace {

const QString Name = QStringLiteral("name");
const QString Id = QStringLiteral("id");
const QString &SiteField = MigrationSites::Field;
const QString TypeField = QStringLiteral("type");
const QString DeviceField = QStringLiteral("device");
const QString InterfaceField = QStringLiteral("interface");
const QString CircuitField = QStringLiteral("circuit");
const QString AuthString = QStringLiteral("auth_string");

MigrationType circuits(CoreServices &core, const Identity &caller)
{
    MigrationType type{QStringLiteral("circuit"), {SiteField, Name}, {}, {}};
    type.read = [&core](const MigrationSecrets &) {
        return MigrationSites::readAll<Circuit, CircuitFilter>(
            core, [&](const CircuitFilter &page) { return core.circuits().list(page); },
            [](const Circuit &circuit, const MigrationSites &sites) {
                QJsonObject object = circuit.toJson();
                object.remove(Id);
                object.remove(QStringLiteral("name_slug"));
                object.insert(SiteField, sites.nameOf(circuit.siteId));
                return object;
            },
            {SiteField, Name});
    };
    type.save = [&core, caller](const QList<MigrationEntry> &entries, int, const MigrationSecrets &,
                                QList<MigrationProblem> &problems) {
        return MigrationSites::saveEach(
            core, QStringLiteral("circuit"), entries, problems,
            [&](QJsonObject object, const MigrationSites &known) -> Result<void> {
                const Result<qint64> site = known.take(object);
                if (!site)
                    return site.error();
                // Names are unique across sites: one of another site is refused, not moved.
                CircuitFilter byName;
                byName.name = object.value(Name).toString();
                const Result<QList<Circuit>> existing = core.circuits().list(byName);
                if (!existing)
                    return existing.error();
                if (!existing->isEmpty() && existing->first().siteId != site.value())
                    return Error::invalidField(
                        Name, QStringLiteral("A circuit of this name is in another site."));
                if (existing->isEmpty())
                    return MigrationType::done(
                        core.circuits().create(caller, QJsonArray{object}, site.value()));
                object.insert(Id, existing->first().id);
                return MigrationType::done(
                    core.circuits().update(caller, QJsonArray{object}, true));
            });
    };
    return type;
}

MigrationType protocolTypes(CoreServices &core, const Identity &caller)
{
    MigrationType type{QStringLiteral("protocol_type"), {SiteField, Name}, {}, {}};
    type.read = [&core](const MigrationSecrets &) {
        return MigrationSites::readAll<ProtocolType, ProtocolTypeFilter>(
            core, [&](const ProtocolTypeFilter &page) { return core.protocolTypes().list(page); },
            [](const ProtocolType &protocolType, const MigrationSites &sites) {
                QJsonObject object = protocolType.toJson();
                object.remove(Id);
                QStringList required = protocolType.requiredAttributes;
                required.sort();
                object.insert(QStringLiteral("required_attributes"),
                              QJsonArray::fromStringList(required));
                object.insert(SiteField, sites.nameOf(protocolType.siteId));
                return object;
            },
            {SiteField, Name});
    };
    type.save = [&core, caller](const QList<MigrationEntry> &entries, int, const MigrationSecrets &,
                                QList<MigrationProblem> &problems) {
        return MigrationSites::saveEach(
            core, QStringLiteral("protocol_type"), entries, problems,
            [&](QJsonObject object, const MigrationSites &known) -> Result<void> {
                const Result<qint64> site = known.take(object);
                if (!site)
                    return site.error();
                ProtocolTypeFilter byName;
                byName.siteId = site.value();
                byName.name = object.value(Name).toString();
                const Result<QList<ProtocolType>> existing = core.protocolTypes().list(byName);
                if (!existing)
                    return existing.error();
                if (existing->isEmpty())
                    return MigrationType::done(
                        core.protocolTypes().create(caller, QJsonArray{object}, site.value()));
                object.insert(Id, existing->first().id);
                return MigrationType::done(
                    core.protocolTypes().update(caller, QJsonArray{object}, true));
            });
    };
    return type;
}

// A protocol has no name: it is the one of its type on its device, interface and circuit.
// Its secret is sealed for exactly that, so that moving it in the file does not hand it over.
QString secretsOwner(const QJsonObject &protocol)
{
    QJsonArray parts{QStringLiteral("protocol")};
    for (const QString &key : {SiteField, DeviceField, TypeField, InterfaceField, CircuitField})
        parts.append(protocol.value(key).toString());
    return MigrationSecrets::ownerOf(parts);
}

// What a protocol of the project is on: each by its natural key in the protocol's site, never
// by id (a device named "4711" is that device, not device 4711).
struct ProtocolPlace
{
    qint64 deviceId = 0;
    qint64 typeId = 0;
    std::optional<qint64> interfaceId;
    std::optional<qint64> circuitId;
};

Result<ProtocolPlace> placeOf(CoreServices &core, const QJsonObject &object, qint64 siteId)
{
    const auto missing = [](const QString &field, const QString &what, const QString &name) {
        return Error::invalidField(
            field, QStringLiteral("No %1 \"%2\" in the protocol's site.").arg(what, name));
    };
    ProtocolPlace place;
    const QString hostname = object.value(DeviceField).toString();
    DeviceFilter device;
    device.siteId = siteId;
    device.hostnames = QStringList{hostname};
    const Result<QList<DevicePlace>> devices = core.devices().places(device);
    if (!devices)
        return devices.error();
    if (devices->isEmpty())
        return missing(DeviceField, QStringLiteral("device"), hostname);
    place.deviceId = devices->first().id;
    ProtocolTypeFilter type;
    type.siteId = siteId;
    type.name = object.value(TypeField).toString();
    const Result<QList<ProtocolType>> types = core.protocolTypes().list(type);
    if (!types)
        return types.error();
    if (types->isEmpty())
        return missing(TypeField, QStringLiteral("protocol type"), type.name);
    place.typeId = types->first().id;
    const QString interfaceSlug = object.value(InterfaceField).toString();
    if (!interfaceSlug.isEmpty()) {
        const QString prefix = hostname + QLatin1Char(':');
        InterfaceFilter interface;
        interface.deviceId = place.deviceId;
        interface.name = interfaceSlug.mid(prefix.size());
        const Result<QList<Interface>> interfaces = interfaceSlug.startsWith(prefix)
                                                        ? core.interfaces().list(interface)
                                                        : QList<Interface>();
        if (!interfaces)
            return interfaces.error();
        if (interfaces->isEmpty())
            return missing(InterfaceField, QStringLiteral("interface"), interfaceSlug);
        place.interfaceId = interfaces->first().id;
    }
    const QString circuitSlug = object.value(CircuitField).toString();
    if (!circuitSlug.isEmpty()) {
        CircuitFilter circuit;
        circuit.siteId = siteId;
        circuit.nameSlug = circuitSlug;
        const Result<QList<Circuit>> circuits = core.circuits().list(circuit);
        if (!circuits)
            return circuits.error();
        if (circuits->isEmpty())
            return missing(CircuitField, QStringLiteral("circuit"), circuitSlug);
        place.circuitId = circuits->first().id;
    }
    return place;
}

// The protocol on `place` not matched yet by this import: the k-th of several alike in the
// project is the k-th on the server.
Result<std::optional<qint64>> existingProtocol(CoreServices &core, const ProtocolPlace &place,
                                               const QSet<qint64> &matched)
{
    ProtocolFilter filter;
    filter.deviceId = place.deviceId;
    filter.typeId = place.typeId;
    const Result<QList<Protocol>> found = core.protocols().list(filter);
    if (!found)
        return found.error();
    for (const Protocol &protocol : found.value()) {
        if (protocol.interfaceId == place.interfaceId && protocol.circuitId == place.circuitId &&
            !matched.contains(protocol.id))
            return std::optional<qint64>(protocol.id);
    }
    return std::optional<qint64>();
}

MigrationType protocols(CoreServices &core, const Identity &caller)
{
    MigrationType type{
        QStringLiteral("protocol"), {SiteField, DeviceField, TypeField, InterfaceField}, {}, {}};
    type.read = [&core](const MigrationSecrets &secrets) {
        return MigrationSites::readAll<Protocol, ProtocolFilter>(
            core, [&](const ProtocolFilter &page) { return core.protocols().list(page); },
            [&secrets](const Protocol &protocol, const MigrationSites &sites) {
                QJsonObject object = protocol.toJson();
                object.remove(Id);
                object.remove(AuthString);
                object.insert(SiteField, sites.nameOf(protocol.siteId));
                if (!protocol.authString.isEmpty())
                    secrets.sealInto(object, {{AuthString, protocol.authString}},
                                     secretsOwner(object));
                return object;
            },
            {SiteField, DeviceField, TypeField, InterfaceField, CircuitField});
    };
    type.save = [&core, caller](const QList<MigrationEntry> &entries, int,
                                const MigrationSecrets &secrets,
                                QList<MigrationProblem> &problems) {
        QSet<qint64> matched;
        return MigrationSites::saveEach(
            core, QStringLiteral("protocol"), entries, problems,
            [&](QJsonObject object, const MigrationSites &known) -> Result<void> {
                const Result<QJsonObject> hidden = secrets.takeFrom(object, secretsOwner(object));
                if (!hidden)
                    return hidden.error();
                object.remove(AuthString);
                if (hidden->contains(AuthString))
                    object.insert(AuthString, hidden->value(AuthString));
                const Result<qint64> site = known.take(object);
                if (!site)
                    return site.error();
                const Result<ProtocolPlace> place = placeOf(core, object, site.value());
                if (!place)
                    return place.error();
                object.insert(DeviceField, place->deviceId);
                object.insert(TypeField, place->typeId);
                object.insert(InterfaceField,
                              place->interfaceId ? QJsonValue(*place->interfaceId) : QJsonValue());
                object.insert(CircuitField,
                              place->circuitId ? QJsonValue(*place->circuitId) : QJsonValue());
                const Result<std::optional<qint64>> existing =
                    existingProtocol(core, place.value(), matched);
                if (!existing)
                    return existing.error();
                if (!existing.value()) {
                    const Result<QList<Protocol>> created =
                        core.protocols().create(caller, QJsonArray{object}, site.value());
                    if (!created)
                        return created.error();
                    matched.insert(created->first().id);
                    return {};
                }
                matched.insert(*existing.value());
                // Without the passphrase's secrets the protocol keeps the one it has.
                object.insert(Id, *existing.value());
                return MigrationType::done(
                    core.protocols().update(caller, QJsonArray{object}, true));
            });
    };
    return type;
}

} // namespace

QList<MigrationType> migrationRoutingTypes(CoreServices &core, const Identity &caller)
{
    return {circuits(core, caller), protocolTypes(core, caller), protocols(core, caller)};
}

} // namespace Cairn
