#include "AutomationPools.h"

#include "AutomationInventory.h"
#include "AutomationLinks.h"
#include "EnmsValues.h"
#include "PoolRules.h"
#include "auth/PermissionService.h"

namespace Cairn {

// The devices and links as eNMS shows them, read once per request.
struct AutomationPools::Everything
{
    QJsonArray devices;
    QJsonArray links;
    QSet<QString> deviceProperties;
    QSet<QString> linkProperties;
    QHash<QString, qint64> deviceIds;
    QHash<QString, qint64> linkIds;
};

namespace {

QSet<QString> propertiesOf(const QJsonArray &objects, QSet<QString> known)
{
    for (const QJsonValue object : objects) {
        for (const QString &key : object.toObject().keys())
            known.insert(key);
    }
    return known;
}

// The names of `objects` a pool holds: the hand-picked ids, or those its rules match.
// The objects (devices or links as eNMS shows them) that are members of `pool`.
QList<QJsonObject> memberObjects(const Pool &pool, const QString &type, const QJsonArray &objects,
                                 const QList<qint64> &picked)
{
    const QSet<qint64> ids(picked.cbegin(), picked.cend());
    const PoolRules::Compiled rules = PoolRules::compile(pool.rules);
    QList<QJsonObject> members;
    for (const QJsonValue value : objects) {
        const QJsonObject object = value.toObject();
        const bool member = pool.manuallyDefined
                                ? ids.contains(object.value(QStringLiteral("id")).toInteger())
                                : PoolRules::matches(rules, type, object);
        if (member)
            members << object;
    }
    return members;
}

QJsonArray membersOf(const Pool &pool, const QString &type, const QJsonArray &objects,
                     const QList<qint64> &picked)
{
    QJsonArray names;
    for (const QJsonObject &object : memberObjects(pool, type, objects, picked))
        names.append(object.value(QStringLiteral("name")));
    return names;
}

// The ids `names` (a JSON array) stands for, or a 400 naming the first unknown one.
Result<QList<qint64>> idsOf(const QString &field, const QJsonValue &names,
                            const QHash<QString, qint64> &byName)
{
    if (!names.isArray())
        return Error::invalidField(field, QStringLiteral("A list of names."));
    QList<qint64> ids;
    for (const QJsonValue name : names.toArray()) {
        const auto found = byName.constFind(name.toString());
        if (found == byName.cend())
            return Error::invalidField(
                field, QStringLiteral("No %1 named %2.").arg(field.chopped(1), name.toString()));
        ids << found.value();
    }
    return ids;
}

QHash<QString, qint64> idsByName(const QJsonArray &objects)
{
    QHash<QString, qint64> ids;
    for (const QJsonValue object : objects)
        ids.insert(object[QStringLiteral("name")].toString(),
                   object[QStringLiteral("id")].toInteger());
    return ids;
}

} // namespace

Result<AutomationPools::Everything> AutomationPools::everything(const QList<Pool> &pools,
                                                                bool onlyMembers)
{
    // Each device with what the pools' rules read, its name and id.
    QSet<QString> read{QStringLiteral("id"), QStringLiteral("name")};
    for (const Pool &pool : pools)
        read.unite(PoolRules::properties(PoolRules::compile(pool.rules), QStringLiteral("device")));
    // One pool's members: the database leaves out the devices its rules cannot match.
    const bool narrowed = onlyMembers && pools.size() == 1 && !pools.first().manuallyDefined;
    const Result<AutomationInventory::DeviceView> devices = m_devices.viewDevices(
        read, false,
        narrowed ? PoolRules::narrowing(PoolRules::compile(pools.first().rules),
                                        QStringLiteral("device"))
                 : QList<DeviceFilter::TextMatch>());
    if (!devices)
        return devices.error();
    const Result<QJsonArray> links = m_links.queryLinks({});
    if (!links)
        return links.error();
    QJsonArray shown;
    for (const QJsonObject &device : devices->devices)
        shown.append(device);
    return Everything{shown,
                      links.value(),
                      devices->known,
                      propertiesOf(links.value(), {QStringLiteral("name")}),
                      idsByName(shown),
                      idsByName(links.value())};
}

QJsonObject AutomationPools::shown(const Pool &pool, const Everything &all)
{
    QJsonObject json = pool.rules;
    json.insert(QStringLiteral("id"), pool.id);
    json.insert(QStringLiteral("name"), pool.name);
    json.insert(QStringLiteral("description"), pool.description);
    json.insert(QStringLiteral("manually_defined"), pool.manuallyDefined);
    json.insert(QStringLiteral("devices"),
                membersOf(pool, QStringLiteral("device"), all.devices, pool.deviceIds));
    json.insert(QStringLiteral("links"),
                membersOf(pool, QStringLiteral("link"), all.links, pool.linkIds));
    return json;
}

Result<QJsonObject> AutomationPools::pool(const QString &name)
{
    const Result<std::optional<Pool>> found = m_pools.byName(name);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(QStringLiteral("pool %1 not found.").arg(name));
    const Result<Everything> all = everything({found->value()}, true);
    if (!all)
        return all.error();
    return shown(found->value(), all.value());
}

Result<QJsonObject> AutomationPools::removePool(const Identity &caller, const QString &name)
{
    const Result<void> allowed = m_permissions.require(caller, QString::fromLatin1(ObjectType),
                                                       std::nullopt, Action::Delete);
    if (!allowed)
        return allowed.error();
    Result<QJsonObject> before = pool(name);
    if (!before)
        return before.error();
    const Result<void> removed = m_pools.remove(before->value(QStringLiteral("id")).toInteger());
    if (!removed)
        return removed.error();
    return before;
}

Result<QString> AutomationPools::savePool(const Identity &caller, const QJsonValue &value,
                                          const Everything &all)
{
    const Result<EnmsValues::Named> toSave = EnmsValues::namedObject(value);
    if (!toSave)
        return toSave.error();
    const QJsonObject &object = toSave->object;
    const QString &name = toSave->name;
    static const QStringList Fields{
        QStringLiteral("name"),        QStringLiteral("new_name"),
        QStringLiteral("description"), QStringLiteral("manually_defined"),
        QStringLiteral("devices"),     QStringLiteral("links"),
        QStringLiteral("id")};
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!Fields.contains(it.key()) && !it.key().startsWith(QLatin1String("device_")) &&
            !it.key().startsWith(QLatin1String("link_")))
            return Error::invalidField(it.key(), QStringLiteral("Pools have no such property."));
    }
    for (const char *text : {"new_name", "description"}) {
        const QJsonValue given = object.value(QLatin1String(text));
        if (!given.isUndefined() && !given.isString())
            return Error::invalidField(QString::fromLatin1(text),
                                       QStringLiteral("Not a valid string."));
    }
    const QJsonValue manual = object.value(QStringLiteral("manually_defined"));
    if (!manual.isUndefined() && !manual.isBool())
        return Error::invalidField(QStringLiteral("manually_defined"),
                                   QStringLiteral("true or false."));
    const Result<std::optional<Pool>> existing = EnmsValues::existingToSave(
        m_permissions, caller, ObjectType, [&] { return m_pools.byName(name); });
    if (!existing)
        return existing.error();
    Pool pool = existing->value_or(Pool{});
    if (!existing->has_value())
        pool.name = name;
    if (object.contains(QStringLiteral("new_name")))
        pool.name = object.value(QStringLiteral("new_name")).toString().trimmed();
    if (pool.name.isEmpty())
        return Error::invalidField(QStringLiteral("new_name"), QStringLiteral("A name is needed."));
    if (object.contains(QStringLiteral("description")))
        pool.description = object.value(QStringLiteral("description")).toString();
    if (manual.isBool())
        pool.manuallyDefined = manual.toBool();
    const Result<QJsonObject> rules =
        PoolRules::read(object, all.deviceProperties, all.linkProperties);
    if (!rules)
        return rules.error();
    // The rule keys given replace those keys only: `device_vendor_invert` alone keeps the value.
    for (auto it = rules->begin(); it != rules->end(); ++it)
        pool.rules.insert(it.key(), it.value());
    for (const auto &[field, byName, ids] :
         {std::tuple{QStringLiteral("devices"), &all.deviceIds, &pool.deviceIds},
          std::tuple{QStringLiteral("links"), &all.linkIds, &pool.linkIds}}) {
        if (!object.contains(field))
            continue;
        const Result<QList<qint64>> picked = idsOf(field, object.value(field), *byName);
        if (!picked)
            return picked.error();
        *ids = picked.value();
    }
    // Members are a manual pool's; a pool of rules keeps none that could surprise it later.
    if (!pool.manuallyDefined) {
        pool.deviceIds.clear();
        pool.linkIds.clear();
    }
    const Result<void> saved = m_pools.save(pool);
    if (!saved && saved.error().code == ErrorCode::Conflict)
        return Error::invalidField(QStringLiteral("new_name"),
                                   QStringLiteral("A pool named %1 exists.").arg(pool.name));
    if (!saved)
        return saved.error();
    return pool.name;
}

SaveReport AutomationPools::savePools(const Identity &caller, const QJsonArray &objects)
{
    const Result<Everything> all = everything({});
    return EnmsValues::saveEach(objects, [&](const QJsonValue &object) -> Result<QString> {
        if (!all)
            return all.error();
        return savePool(caller, object, all.value());
    });
}

Result<QList<qint64>> AutomationPools::memberDevices(const QStringList &names,
                                                     const QList<qint64> &ids,
                                                     QStringList &problems)
{
    if (names.isEmpty() && ids.isEmpty())
        return QList<qint64>();
    const Result<QList<Pool>> pools = m_pools.list();
    if (!pools)
        return pools.error();
    const Result<Everything> all = everything(pools.value());
    if (!all)
        return all.error();
    QSet<QString> unknown(names.cbegin(), names.cend());
    QList<qint64> members;
    QSet<qint64> seen;
    for (const Pool &pool : pools.value()) {
        if (!unknown.remove(pool.name) && !ids.contains(pool.id))
            continue;
        for (const QJsonObject &device :
             memberObjects(pool, QStringLiteral("device"), all->devices, pool.deviceIds)) {
            const qint64 id = device.value(QStringLiteral("id")).toInteger();
            if (!seen.contains(id)) {
                seen.insert(id);
                members << id;
            }
        }
    }
    for (const QString &name : names) {
        if (unknown.contains(name))
            problems << QStringLiteral("No pool named %1.").arg(name);
    }
    return members;
}

Result<QHash<qint64, QList<qint64>>> AutomationPools::membersByPool(const QList<qint64> &ids)
{
    const Result<QList<Pool>> pools = m_pools.list();
    if (!pools)
        return pools.error();
    QList<Pool> wanted;
    for (const Pool &pool : pools.value()) {
        if (ids.contains(pool.id))
            wanted << pool;
    }
    const Result<Everything> all = everything(wanted);
    if (!all)
        return all.error();
    QHash<qint64, QList<qint64>> members;
    for (const Pool &pool : std::as_const(wanted)) {
        QList<qint64> &devices = members[pool.id];
        for (const QJsonObject &device :
             memberObjects(pool, QStringLiteral("device"), all->devices, pool.deviceIds))
            devices << device.value(QStringLiteral("id")).toInteger();
    }
    return members;
}

Result<QJsonArray> AutomationPools::queryPools(const QList<QPair<QString, QString>> &equal)
{
    const Result<QList<Pool>> pools = m_pools.list();
    if (!pools)
        return pools.error();
    const Result<Everything> all = everything(pools.value());
    if (!all)
        return all.error();
    QList<QJsonObject> objects;
    QSet<QString> known{QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("description"),
                        QStringLiteral("manually_defined")};
    for (const Pool &pool : pools.value()) {
        objects << shown(pool, all.value());
        for (const QString &key : objects.last().keys())
            known.insert(key);
    }
    return EnmsValues::matching(objects, known, equal);
}

} // namespace Cairn
