#include "AutomationLinks.h"

#include "EnmsValues.h"
#include "auth/PermissionService.h"
#include "db/Transaction.h"
#include "inventory/DeviceService.h"

#include <QSet>
#include <algorithm>
#include <limits>

namespace Cairn {

namespace {

const QStringList Properties{QStringLiteral("name"),        QStringLiteral("new_name"),
                             QStringLiteral("source_name"), QStringLiteral("destination_name"),
                             QStringLiteral("color"),       QStringLiteral("description")};

} // namespace

Result<Link> AutomationLinks::byName(const QString &name)
{
    const Result<std::optional<Link>> found = m_links.byName(name);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(QStringLiteral("link %1 not found.").arg(name));
    return found->value();
}

Result<QJsonObject> AutomationLinks::link(const QString &name)
{
    const Result<Link> found = byName(name);
    if (!found)
        return found.error();
    return found->toJson();
}

struct AutomationLinks::Lookups
{
    // By name; a name looked up and missing holds nullopt.
    QHash<QString, std::optional<Link>> links;
    QHash<QString, QList<DevicePlace>> devicesByName;
    QHash<qint64, qint64> siteOfDevice;
    // The caller's right to each action on each site, asked once.
    QHash<QPair<qint64, int>, std::optional<Error>> refusals;
};

Result<AutomationLinks::Lookups> AutomationLinks::lookupsFor(const QJsonArray &objects)
{
    Lookups lookups;
    QStringList names;
    QSet<QString> deviceNames;
    for (const QJsonValue value : objects) {
        const QJsonObject object = value.toObject();
        names << object.value(QLatin1String("name")).toString();
        for (const char *end : {"source_name", "destination_name"}) {
            const QJsonValue device = object.value(QLatin1String(end));
            if (device.isString())
                deviceNames.insert(device.toString());
        }
    }
    const Result<QList<Link>> links = m_links.byNames(names);
    if (!links)
        return links.error();
    for (const QString &name : std::as_const(names))
        lookups.links.insert(name, std::nullopt);
    QList<qint64> endpoints;
    for (const Link &link : links.value()) {
        lookups.links.insert(link.name, link);
        endpoints << link.sourceId << link.destinationId;
    }
    DeviceFilter byName;
    byName.hostnames = QStringList(deviceNames.cbegin(), deviceNames.cend());
    byName.limit = std::numeric_limits<int>::max();
    const Result<QList<DevicePlace>> named = m_devices.places(byName);
    if (!named)
        return named.error();
    for (const QString &name : std::as_const(deviceNames))
        lookups.devicesByName.insert(name, {});
    for (const DevicePlace &device : named.value()) {
        lookups.devicesByName[device.hostname].append(device);
        lookups.siteOfDevice.insert(device.id, device.siteId);
    }
    DeviceFilter byId;
    byId.ids = endpoints;
    byId.limit = std::numeric_limits<int>::max();
    const Result<QList<DevicePlace>> current = m_devices.places(byId);
    if (!current)
        return current.error();
    for (const DevicePlace &device : current.value())
        lookups.siteOfDevice.insert(device.id, device.siteId);
    return lookups;
}

Result<void> AutomationLinks::mayAct(const Identity &caller, const Link &link, Action action,
                                     Lookups &lookups)
{
    for (const qint64 deviceId : {link.sourceId, link.destinationId}) {
        auto site = lookups.siteOfDevice.constFind(deviceId);
        if (site == lookups.siteOfDevice.cend()) {
            const Result<Device> device = m_devices.get(QString::number(deviceId));
            if (!device)
                return device.error();
            site = lookups.siteOfDevice.insert(deviceId, device->siteId);
        }
        const QPair<qint64, int> key{site.value(), int(action)};
        auto refusal = lookups.refusals.constFind(key);
        if (refusal == lookups.refusals.cend()) {
            const Result<void> allowed =
                m_permissions.require(caller, QStringLiteral("site"), site.value(), action);
            refusal = lookups.refusals.insert(key, allowed ? std::nullopt
                                                           : std::optional<Error>(allowed.error()));
        }
        if (refusal.value())
            return *refusal.value();
    }
    return {};
}

Result<QJsonObject> AutomationLinks::removeLink(const Identity &caller, const QString &name)
{
    const Result<Link> found = byName(name);
    if (!found)
        return found.error();
    if (found->id == 0)
        return Error::conflict(QStringLiteral("%1 is the NSoT circuit %2; delete it there "
                                              "(DELETE /api/circuits/%2/).")
                                   .arg(found->name)
                                   .arg(*found->circuitId));
    Lookups lookups;
    const Result<void> allowed = mayAct(caller, found.value(), Action::Delete, lookups);
    if (!allowed)
        return allowed.error();
    const Result<void> removed = m_links.remove(found->id);
    if (!removed)
        return removed.error();
    return found->toJson();
}

Result<qint64> AutomationLinks::endpoint(const QString &field, const QJsonValue &name,
                                         Lookups &lookups)
{
    if (!name.isString() || name.toString().isEmpty())
        return Error::invalidField(field, QStringLiteral("The name of a device."));
    auto found = lookups.devicesByName.constFind(name.toString());
    if (found == lookups.devicesByName.cend()) {
        DeviceFilter filter;
        filter.hostname = name.toString();
        filter.limit = 2;
        const Result<QList<DevicePlace>> listed = m_devices.places(filter);
        if (!listed)
            return listed.error();
        found = lookups.devicesByName.insert(name.toString(), listed.value());
    }
    if (found->size() != 1)
        return Error::invalidField(
            field, found->isEmpty()
                       ? QStringLiteral("No device %1.").arg(name.toString())
                       : QStringLiteral("Several sites have a device %1.").arg(name.toString()));
    lookups.siteOfDevice.insert(found->first().id, found->first().siteId);
    return found->first().id;
}

Result<QString> AutomationLinks::saveLink(const Identity &caller, const QJsonValue &value,
                                          Lookups &lookups)
{
    const Result<Link> link = prepared(caller, value, lookups);
    if (!link)
        return link.error();
    return written(value.toObject().value(QLatin1String("name")).toString(), link.value(), lookups);
}

Result<Link> AutomationLinks::prepared(const Identity &caller, const QJsonValue &value,
                                       Lookups &lookups)
{
    if (!value.isObject())
        return Error::badRequest(QStringLiteral("Expected an object."));
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!Properties.contains(it.key()) && it.key() != QLatin1String("id"))
            return Error::invalidField(it.key(), QStringLiteral("Links have no such property."));
    }
    const Result<QString> name = EnmsValues::nameOf(object);
    if (!name)
        return name.error();
    auto known = lookups.links.constFind(name.value());
    if (known == lookups.links.cend()) {
        const Result<std::optional<Link>> found = m_links.byName(name.value());
        if (!found)
            return found.error();
        known = lookups.links.insert(name.value(), found.value());
    }
    const std::optional<Link> existing = known.value();
    Link link = existing.value_or(Link{});
    if (existing) {
        // The link must be the caller's to change where it is now, not only where it goes.
        const Result<void> allowed = mayAct(caller, link, Action::Change, lookups);
        if (!allowed)
            return allowed.error();
    } else {
        link.name = name.value();
        for (const char *required : {"source_name", "destination_name"}) {
            if (!object.contains(QLatin1String(required)))
                return Error::invalidField(QString::fromLatin1(required),
                                           QStringLiteral("This field is required."));
        }
    }
    const auto text = [&](const char *key, QString &into) -> Result<void> {
        const QJsonValue given = object.value(QLatin1String(key));
        if (given.isUndefined())
            return {};
        if (!given.isString())
            return Error::invalidField(QString::fromLatin1(key),
                                       QStringLiteral("Not a valid string."));
        into = given.toString().trimmed();
        return {};
    };
    for (const Result<void> &done : {text("new_name", link.name), text("color", link.color),
                                     text("description", link.description)}) {
        if (!done)
            return done.error();
    }
    if (link.name.isEmpty())
        return Error::invalidField(QStringLiteral("new_name"), QStringLiteral("A name is needed."));
    for (const auto &[key, into] :
         {std::pair{QStringLiteral("source_name"), &link.sourceId},
          std::pair{QStringLiteral("destination_name"), &link.destinationId}}) {
        if (!object.contains(key))
            continue;
        const Result<qint64> device = endpoint(key, object.value(key), lookups);
        if (!device)
            return device.error();
        *into = device.value();
    }
    const Result<void> allowed = mayAct(caller, link, Action::Change, lookups);
    if (!allowed)
        return allowed.error();
    return link;
}

Result<QString> AutomationLinks::written(const QString &name, Link link, Lookups &lookups)
{
    // A circuit no link named yet becomes one, the same edge seen from both faces. In its own
    // savepoint: on PostgreSQL a refused statement would spoil an enclosing transaction.
    Transaction write(m_database);
    if (!write.begun())
        return write.begun().error();
    Result<void> saved = link.id != 0 ? m_links.update(link) : m_links.insert(link);
    if (saved)
        saved = write.commit();
    if (!saved && saved.error().code == ErrorCode::Conflict)
        return Error::invalidField(QStringLiteral("new_name"),
                                   QStringLiteral("A link named %1 exists.").arg(link.name));
    if (!saved)
        return saved.error();
    if (link.name != name)
        lookups.links.insert(name, std::nullopt);
    lookups.links.insert(link.name, link);
    return link.name;
}

SaveReport AutomationLinks::saveLinks(const Identity &caller, const QJsonArray &objects)
{
    return EnmsValues::reportOf(objects, saveTogether(caller, objects));
}

QList<Result<QString>> AutomationLinks::saveTogether(const Identity &caller,
                                                     const QJsonArray &objects)
{
    Result<Lookups> lookups = lookupsFor(objects);
    if (!lookups)
        return QList<Result<QString>>(objects.size(), lookups.error());
    // The others' new links are inserted together.
    const QList<bool> mustBeAlone = EnmsValues::savedAlone(objects);
    QList<Result<QString>> outcomes(objects.size(), QString());
    QList<qsizetype> alone;
    QList<Link> fresh;
    QList<qsizetype> freshIndexes;
    for (qsizetype i = 0; i < objects.size(); ++i) {
        const QJsonObject object = objects.at(i).toObject();
        const QString name = object.value(QLatin1String("name")).toString();
        if (mustBeAlone.at(i)) {
            alone << i;
            continue;
        }
        Result<Link> link = prepared(caller, objects.at(i), lookups.value());
        if (!link) {
            outcomes[i] = link.error();
        } else if (link->id != 0) {
            outcomes[i] = written(name, link.value(), lookups.value());
        } else {
            fresh << link.value();
            freshIndexes << i;
        }
    }
    Transaction batch(m_database);
    if (batch.begun() && m_links.insertAll(fresh) && batch.commit()) {
        for (qsizetype f = 0; f < fresh.size(); ++f) {
            outcomes[freshIndexes.at(f)] = fresh.at(f).name;
            lookups->links.insert(fresh.at(f).name, fresh.at(f));
        }
    } else {
        alone << freshIndexes;
        std::sort(alone.begin(), alone.end());
    }
    for (const qsizetype i : std::as_const(alone))
        outcomes[i] = saveLink(caller, objects.at(i), lookups.value());
    return outcomes;
}

Result<QJsonArray> AutomationLinks::queryLinks(const QList<QPair<QString, QString>> &equal)
{
    const Result<QList<Link>> links = m_links.list();
    if (!links)
        return links.error();
    QList<QJsonObject> objects;
    for (const Link &link : links.value())
        objects << link.toJson();
    QSet<QString> known;
    for (const QString &key : Link().toJson().keys())
        known.insert(key);
    return EnmsValues::matching(objects, known, equal);
}

} // namespace Cairn
