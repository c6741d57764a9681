#include "MigrationInventoryTypes.h"

#include "CoreServices.h"
#include "MigrationSites.h"
#include "inventory/AttributeService.h"
#include "inventory/InterfaceService.h"
#include "inventory/NetworkService.h"
#include "inventory/SiteService.h"

#include <QJsonArray>
#include <algorithm>

namespace Cairn {

namespace {

const QString Name = QStringLiteral("name");
const QString &SiteField = MigrationSites::Field;
const QString Id = QStringLiteral("id");

MigrationType sites(CoreServices &core, const Identity &caller)
{
    MigrationType type{QStringLiteral("site"), {Name}, {}, {}};
    type.read = [&core](const MigrationSecrets &) -> Result<QList<QJsonObject>> {
        const Result<QList<Site>> all = core.sites().list();
        if (!all)
            return all.error();
        QList<QJsonObject> objects;
        for (const Site &site : all.value()) {
            QJsonObject object = site.toJson();
            object.remove(Id);
            objects.append(object);
        }
        MigrationType::sortBy(objects, {Name});
        return objects;
    };
    type.save = [&core, caller](const QList<MigrationEntry> &entries, int, const MigrationSecrets &,
                                QList<MigrationProblem> &problems) {
        return MigrationSites::saveEach(
            core, QStringLiteral("site"), entries, problems,
            [&](QJsonObject object, const MigrationSites &known) -> Result<void> {
                const std::optional<qint64> found = known.idOf(object.value(Name).toString());
                if (!found)
                    return MigrationType::done(core.sites().create(caller, QJsonArray{object}));
                object.insert(Id, *found);
                return MigrationType::done(core.sites().update(caller, QJsonArray{object}, true));
            });
    };
    return type;
}

MigrationType attributes(CoreServices &core, const Identity &caller)
{
    MigrationType type{
        QStringLiteral("attribute"), {SiteField, QStringLiteral("resource_name"), Name}, {}, {}};
    type.read = [&core](const MigrationSecrets &) -> Result<QList<QJsonObject>> {
        const Result<MigrationSites> known = MigrationSites::read(core);
        if (!known)
            return known.error();
        const Result<QList<Attribute>> all = core.attributes().list({});
        if (!all)
            return all.error();
        QList<QJsonObject> objects;
        for (const Attribute &attribute : all.value()) {
            QJsonObject object = attribute.toJson();
            object.remove(Id);
            object.insert(SiteField,
                          known->nameOf(object.take(QStringLiteral("site_id")).toInteger()));
            objects.append(object);
        }
        MigrationType::sortBy(objects, {SiteField, QStringLiteral("resource_name"), Name});
        return objects;
    };
    type.save = [&core, caller](const QList<MigrationEntry> &entries, int, const MigrationSecrets &,
                                QList<MigrationProblem> &problems) {
        return MigrationSites::saveEach(
            core, QStringLiteral("attribute"), entries, problems,
            [&](QJsonObject object, const MigrationSites &known) -> Result<void> {
                const Result<qint64> site = known.take(object);
                if (!site)
                    return site.error();
                AttributeFilter filter;
                filter.siteId = site.value();
                filter.resourceName = object.value(QLatin1String("resource_name")).toString();
                filter.name = object.value(Name).toString();
                const Result<QList<Attribute>> existing = core.attributes().list(filter);
                if (!existing)
                    return existing.error();
                if (existing->isEmpty())
                    return MigrationType::done(
                        core.attributes().create(caller, QJsonArray{object}, site.value()));
                object.insert(Id, existing->first().id);
                return MigrationType::done(
                    core.attributes().update(caller, QJsonArray{object}, true));
            });
    };
    return type;
}

MigrationType networks(CoreServices &core, const Identity &caller)
{
    MigrationType type{QStringLiteral("network"), {SiteField, QStringLiteral("cidr")}, {}, {}};
    type.read = [&core](const MigrationSecrets &) -> Result<QList<QJsonObject>> {
        const Result<MigrationSites> known = MigrationSites::read(core);
        if (!known)
            return known.error();
        NetworkFilter filter;
        filter.byAddress = true;
        const Result<QList<Network>> all = MigrationType::allPages<Network>(
            filter, [&](const NetworkFilter &page) { return core.networks().list(page); });
        if (!all)
            return all.error();
        QList<QJsonObject> objects;
        for (const Network &network : all.value()) {
            const QJsonObject shown = network.toJson();
            objects.append(
                {{SiteField, known->nameOf(network.siteId)},
                 {QStringLiteral("cidr"), shown.value(QLatin1String("cidr"))},
                 {QStringLiteral("state"), shown.value(QLatin1String("state"))},
                 {QStringLiteral("attributes"), shown.value(QLatin1String("attributes"))}});
        }
        MigrationType::sortBy(objects, {SiteField});
        return objects;
    };
    type.save = [&core, caller](const QList<MigrationEntry> &entries, int, const MigrationSecrets &,
                                QList<MigrationProblem> &problems) {
        // Wider networks first, so that each finds its parent already there.
        QList<MigrationEntry> ordered = entries;
        std::stable_sort(
            ordered.begin(), ordered.end(), [](const MigrationEntry &a, const MigrationEntry &b) {
                const auto length = [](const MigrationEntry &entry) {
                    const QString cidr = entry.object.value(QLatin1String("cidr")).toString();
                    return cidr.section(QLatin1Char('/'), 1).toInt();
                };
                return length(a) < length(b);
            });
        return MigrationSites::saveEach(
            core, QStringLiteral("network"), ordered, problems,
            [&](QJsonObject object, const MigrationSites &known) -> Result<void> {
                const Result<qint64> site = known.take(object);
                if (!site)
                    return site.error();
                const Result<Network> existing = core.networks().get(
                    object.value(QLatin1String("cidr")).toString(), site.value());
                if (!existing && existing.error().code != ErrorCode::NotFound)
                    return existing.error();
                if (!existing)
                    return MigrationType::done(
                        core.networks().create(caller, QJsonArray{object}, site.value()));
                object.remove(QStringLiteral("cidr"));
                object.insert(Id, existing->id);
                return MigrationType::done(
                    core.networks().update(caller, QJsonArray{object}, true));
            });
    };
    return type;
}

// Interfaces in two passes: each interface, then the parent each names (on its own device).
MigrationType interfaces(CoreServices &core, const Identity &caller)
{
    MigrationType type{
        QStringLiteral("interface"), {SiteField, QStringLiteral("device"), Name}, {}, {}, 2};
    type.read = [&core](const MigrationSecrets &) -> Result<QList<QJsonObject>> {
        const Result<MigrationSites> known = MigrationSites::read(core);
        if (!known)
            return known.error();
        const Result<QList<Interface>> all =
            MigrationType::allPages<Interface>(InterfaceFilter{}, [&](const InterfaceFilter &page) {
                return core.interfaces().list(page);
            });
        if (!all)
            return all.error();
        QList<QJsonObject> objects;
        for (const Interface &interface : all.value()) {
            QJsonObject object = interface.toJson();
            for (const char *key : {"id", "parent_id", "name_slug", "device_hostname", "networks"})
                object.remove(QLatin1String(key));
            object.insert(SiteField, known->nameOf(interface.siteId));
            object.insert(QStringLiteral("device"), interface.deviceHostname);
            object.insert(QStringLiteral("parent"),
                          interface.parentId ? QJsonValue(interface.parentName) : QJsonValue());
            objects.append(object);
        }
        MigrationType::sortBy(objects, {SiteField, QStringLiteral("device"), Name});
        return objects;
    };
    type.save = [&core, caller](const QList<MigrationEntry> &entries, int pass,
                                const MigrationSecrets &, QList<MigrationProblem> &problems) {
        return MigrationSites::saveEach(
            core, QStringLiteral("interface"), entries, problems,
            [&](QJsonObject object, const MigrationSites &known) -> Result<void> {
                const Result<qint64> site = known.take(object);
                if (!site)
                    return site.error();
                const QString device = object.value(QLatin1String("device")).toString();
                const QString slug = device + QLatin1Char(':') + object.value(Name).toString();
                const QJsonValue parent = object.take(QStringLiteral("parent"));
                const Result<Interface> existing = core.interfaces().get(slug, site.value());
                if (!existing && existing.error().code != ErrorCode::NotFound)
                    return existing.error();
                if (pass == 1) {
                    if (!existing || parent.isNull() || parent.isUndefined())
                        return {};
                    return MigrationType::done(core.interfaces().update(
                        caller,
                        QJsonArray{
                            QJsonObject{{Id, existing->id},
                                        {QStringLiteral("parent_id"),
                                         QString(device + QLatin1Char(':') + parent.toString())}}},
                        true));
                }
                if (!existing)
                    return MigrationType::done(
                        core.interfaces().create(caller, QJsonArray{object}, site.value()));
                object.remove(QStringLiteral("device"));
                object.insert(Id, existing->id);
                return MigrationType::done(
                    core.interfaces().update(caller, QJsonArray{object}, true));
            });
    };
    return type;
}

} // namespace

QList<MigrationType> migrationInventoryTypes(CoreServices &core, const Identity &caller)
{
    return {sites(core, caller), attributes(core, caller), networks(core, caller),
            interfaces(core, caller)};
}

} // namespace Cairn
