#include "MigrationInventoryTypes.h"

#include "CoreServices.h"
#include "inventory/AttributeService.h"
#include "inventory/InterfaceService.h"
#include "inventory/NetworkService.h"
#include "inventory/SiteService.h"

#include <QJsonArray>
#include <algorithm>

namespace Cairn {

namespace {

const QString Name = QStringLiteral("name");
const QString SiteField = QStringLiteral("site");
const QString Id = QStringLiteral("id");

struct SiteNames
{
    QHash<qint64, QString> names;
    QHash<QString, qint64> ids;
};

Result<SiteNames> siteNames(CoreServices &core)
{
    const Result<QList<Site>> sites = core.sites().list();
    if (!sites)
        return sites.error();
    SiteNames all;
    for (const Site &site : sites.value()) {
        all.names.insert(site.id, site.name);
        all.ids.insert(site.name, site.id);
    }
    return all;
}

// The id of the site `object` names, taken out of it.
Result<qint64> takeSite(QJsonObject &object, const SiteNames &sites)
{
    const QString name = object.take(SiteField).toString();
    const auto found = sites.ids.constFind(name);
    if (found == sites.ids.cend())
        return Error::invalidField(SiteField, QStringLiteral("No site named \"%1\".").arg(name));
    return found.value();
}

template <typename T> Result<void> done(const Result<T> &result)
{
    return result ? Result<void>() : Result<void>(result.error());
}

// Saves `entries` one at a time with `save`, given the sites by name as they were before.
Result<void>
saveEachWithSites(CoreServices &core, const QString &type, const QList<MigrationEntry> &entries,
                  QList<MigrationProblem> &problems,
                  const std::function<Result<void>(QJsonObject, const SiteNames &)> &save)
{
    const Result<SiteNames> known = siteNames(core);
    if (!known)
        return known.error();
    return MigrationType::saveEach(
        type, entries, [&](const QJsonObject &object) { return save(object, known.value()); },
        problems);
}

// In the order of `keys` (text values), so that two exports of the same data compare.
void sortBy(QList<QJsonObject> &objects, const QStringList &keys)
{
    std::stable_sort(objects.begin(), objects.end(),
                     [&keys](const QJsonObject &a, const QJsonObject &b) {
                         for (const QString &key : keys) {
                             const int order =
                                 QString::compare(a.value(key).toString(), b.value(key).toString());
                             if (order != 0)
                                 return order < 0;
                         }
                         return false;
                     });
}

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
        sortBy(objects, {Name});
        return objects;
    };
    type.save = [&core, caller](const QList<MigrationEntry> &entries, int, const MigrationSecrets &,
                                QList<MigrationProblem> &problems) {
        return saveEachWithSites(
            core, QStringLiteral("site"), entries, problems,
            [&](QJsonObject object, const SiteNames &known) -> Result<void> {
                const auto found = known.ids.constFind(object.value(Name).toString());
                if (found == known.ids.cend())
                    return done(core.sites().create(caller, QJsonArray{object}));
                object.insert(Id, found.value());
                return done(core.sites().update(caller, QJsonArray{object}, true));
            });
    };
    return type;
}

MigrationType attributes(CoreServices &core, const Identity &caller)
{
    MigrationType type{
        QStringLiteral("attribute"), {SiteField, QStringLiteral("resource_name"), Name}, {}, {}};
    type.read = [&core](const MigrationSecrets &) -> Result<QList<QJsonObject>> {
        const Result<SiteNames> known = siteNames(core);
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
                          known->names.value(object.take(QStringLiteral("site_id")).toInteger()));
            objects.append(object);
        }
        sortBy(objects, {SiteField, QStringLiteral("resource_name"), Name});
        return objects;
    };
    type.save = [&core, caller](const QList<MigrationEntry> &entries, int, const MigrationSecrets &,
                                QList<MigrationProblem> &problems) {
        return saveEachWithSites(
            core, QStringLiteral("attribute"), entries, problems,
            [&](QJsonObject object, const SiteNames &known) -> Result<void> {
                const Result<qint64> site = takeSite(object, known);
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
                    return done(core.attributes().create(caller, QJsonArray{object}, site.value()));
                object.insert(Id, existing->first().id);
                return done(core.attributes().update(caller, QJsonArray{object}, true));
            });
    };
    return type;
}

MigrationType networks(CoreServices &core, const Identity &caller)
{
    MigrationType type{QStringLiteral("network"), {SiteField, QStringLiteral("cidr")}, {}, {}};
    type.read = [&core](const MigrationSecrets &) -> Result<QList<QJsonObject>> {
        const Result<SiteNames> known = siteNames(core);
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
                {{SiteField, known->names.value(network.siteId)},
                 {QStringLiteral("cidr"), shown.value(QLatin1String("cidr"))},
                 {QStringLiteral("state"), shown.value(QLatin1String("state"))},
                 {QStringLiteral("attributes"), shown.value(QLatin1String("attributes"))}});
        }
        sortBy(objects, {SiteField});
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
        return saveEachWithSites(
            core, QStringLiteral("network"), ordered, problems,
            [&](QJsonObject object, const SiteNames &known) -> Result<void> {
                const Result<qint64> site = takeSite(object, known);
                if (!site)
                    return site.error();
                const Result<Network> existing = core.networks().get(
                    object.value(QLatin1String("cidr")).toString(), site.value());
                if (!existing && existing.error().code != ErrorCode::NotFound)
                    return existing.error();
                if (!existing)
                    return done(core.networks().create(caller, QJsonArray{object}, site.value()));
                object.remove(QStringLiteral("cidr"));
                object.insert(Id, existing->id);
                return done(core.networks().update(caller, QJsonArray{object}, true));
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
        const Result<SiteNames> known = siteNames(core);
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
            object.insert(SiteField, known->names.value(interface.siteId));
            object.insert(QStringLiteral("device"), interface.deviceHostname);
            object.insert(QStringLiteral("parent"),
                          interface.parentId ? QJsonValue(interface.parentName) : QJsonValue());
            objects.append(object);
        }
        sortBy(objects, {SiteField, QStringLiteral("device"), Name});
        return objects;
    };
    type.save = [&core, caller](const QList<MigrationEntry> &entries, int pass,
                                const MigrationSecrets &, QList<MigrationProblem> &problems) {
        return saveEachWithSites(
            core, QStringLiteral("interface"), entries, problems,
            [&](QJsonObject object, const SiteNames &known) -> Result<void> {
                const Result<qint64> site = takeSite(object, known);
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
                    return done(core.interfaces().update(
                        caller,
                        QJsonArray{
                            QJsonObject{{Id, existing->id},
                                        {QStringLiteral("parent_id"),
                                         QString(device + QLatin1Char(':') + parent.toString())}}},
                        true));
                }
                if (!existing)
                    return done(core.interfaces().create(caller, QJsonArray{object}, site.value()));
                object.remove(QStringLiteral("device"));
                object.insert(Id, existing->id);
                return done(core.interfaces().update(caller, QJsonArray{object}, true));
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
