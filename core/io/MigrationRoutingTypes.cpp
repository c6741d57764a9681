#include "MigrationRoutingTypes.h"

#include "CoreServices.h"
#include "MigrationSites.h"
#include "inventory/CircuitService.h"
#include "inventory/DeviceService.h"
#include "inventory/ProtocolService.h"
#include "inventory/ProtocolTypeService.h"

#include <QJsonArray>

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
    type.read = [&core](const MigrationSecrets &) -> Result<QList<QJsonObject>> {
        const Result<MigrationSites> known = MigrationSites::read(core);
        if (!known)
            return known.error();
        const Result<QList<Circuit>> all = MigrationType::allPages<Circuit>(
            CircuitFilter{}, [&](const CircuitFilter &page) { return core.circuits().list(page); });
        if (!all)
            return all.error();
        QList<QJsonObject> objects;
        for (const Circuit &circuit : all.value()) {
            QJsonObject object = circuit.toJson();
            object.remove(Id);
            object.remove(QStringLiteral("name_slug"));
            object.insert(SiteField, known->nameOf(circuit.siteId));
            objects.append(object);
        }
        MigrationType::sortBy(objects, {SiteField, Name});
        return objects;
    };
    type.save = [&core, caller](const QList<MigrationEntry> &entries, int, const MigrationSecrets &,
                                QList<MigrationProblem> &problems) {
        return MigrationSites::saveEach(
            core, QStringLiteral("circuit"), entries, problems,
            [&](QJsonObject object, const MigrationSites &known) -> Result<void> {
                const Result<qint64> site = known.take(object);
                if (!site)
                    return site.error();
                // Names are unique across sites: found by name alone, a circuit of another
                // site is refused by the update rather than made twice.
                CircuitFilter byName;
                byName.name = object.value(Name).toString();
                const Result<QList<Circuit>> existing = core.circuits().list(byName);
                if (!existing)
                    return existing.error();
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
    type.read = [&core](const MigrationSecrets &) -> Result<QList<QJsonObject>> {
        const Result<MigrationSites> known = MigrationSites::read(core);
        if (!known)
            return known.error();
        const Result<QList<ProtocolType>> all = MigrationType::allPages<ProtocolType>(
            ProtocolTypeFilter{},
            [&](const ProtocolTypeFilter &page) { return core.protocolTypes().list(page); });
        if (!all)
            return all.error();
        QList<QJsonObject> objects;
        for (const ProtocolType &protocolType : all.value()) {
            QJsonObject object = protocolType.toJson();
            object.remove(Id);
            QStringList required = protocolType.requiredAttributes;
            required.sort();
            object.insert(QStringLiteral("required_attributes"),
                          QJsonArray::fromStringList(required));
            object.insert(SiteField, known->nameOf(protocolType.siteId));
            objects.append(object);
        }
        MigrationType::sortBy(objects, {SiteField, Name});
        return objects;
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
    QStringList parts{QStringLiteral("protocol")};
    for (const QString &key : {SiteField, DeviceField, TypeField, InterfaceField, CircuitField})
        parts << protocol.value(key).toString();
    return parts.join(QLatin1Char('/'));
}

// The protocol `object` describes on the server, if it is there.
Result<std::optional<qint64>> existingProtocol(CoreServices &core, const QJsonObject &object,
                                               qint64 siteId)
{
    const Result<Device> device = core.devices().get(object.value(DeviceField).toString(), siteId);
    const Result<ProtocolType> type =
        core.protocolTypes().get(object.value(TypeField).toString(), siteId);
    // Not found: the create names what is missing.
    if (!device || !type)
        return std::optional<qint64>();
    ProtocolFilter filter;
    filter.deviceId = device->id;
    filter.typeId = type->id;
    const Result<QList<Protocol>> found = core.protocols().list(filter);
    if (!found)
        return found.error();
    for (const Protocol &protocol : found.value()) {
        const QJsonObject shown = protocol.toJson();
        if (shown.value(InterfaceField).toString() == object.value(InterfaceField).toString() &&
            shown.value(CircuitField).toString() == object.value(CircuitField).toString())
            return std::optional<qint64>(protocol.id);
    }
    return std::optional<qint64>();
}

MigrationType protocols(CoreServices &core, const Identity &caller)
{
    MigrationType type{
        QStringLiteral("protocol"), {SiteField, DeviceField, TypeField, InterfaceField}, {}, {}};
    type.read = [&core](const MigrationSecrets &secrets) -> Result<QList<QJsonObject>> {
        const Result<MigrationSites> known = MigrationSites::read(core);
        if (!known)
            return known.error();
        const Result<QList<Protocol>> all =
            MigrationType::allPages<Protocol>(ProtocolFilter{}, [&](const ProtocolFilter &page) {
                return core.protocols().list(page);
            });
        if (!all)
            return all.error();
        QList<QJsonObject> objects;
        for (const Protocol &protocol : all.value()) {
            QJsonObject object = protocol.toJson();
            object.remove(Id);
            object.remove(AuthString);
            object.insert(SiteField, known->nameOf(protocol.siteId));
            if (!protocol.authString.isEmpty())
                secrets.sealInto(object, {{AuthString, protocol.authString}}, secretsOwner(object));
            objects.append(object);
        }
        MigrationType::sortBy(objects,
                              {SiteField, DeviceField, TypeField, InterfaceField, CircuitField});
        return objects;
    };
    type.save = [&core, caller](const QList<MigrationEntry> &entries, int,
                                const MigrationSecrets &secrets,
                                QList<MigrationProblem> &problems) {
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
                const Result<std::optional<qint64>> existing =
                    existingProtocol(core, object, site.value());
                if (!existing)
                    return existing.error();
                if (!existing.value())
                    return MigrationType::done(
                        core.protocols().create(caller, QJsonArray{object}, site.value()));
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
