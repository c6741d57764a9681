#include "AutomationCredentials.h"

#include "AutomationPools.h"
#include "EnmsValues.h"
#include "toolkit/CredentialSetService.h"
#include "transport/PlatformCatalog.h"

#include <QSet>

namespace Cairn {

namespace {

// What eNMS's credential adds to the toolkit's set.
const QStringList BindingFields{QStringLiteral("name"), QStringLiteral("device_pools"),
                                QStringLiteral("priority")};
const QStringList SetFields{QStringLiteral("description"),    QStringLiteral("username"),
                            QStringLiteral("password"),       QStringLiteral("private_key"),
                            QStringLiteral("key_passphrase"), QStringLiteral("enable_password"),
                            QStringLiteral("platforms")};

} // namespace

Result<std::optional<CredentialPoolRepository::Binding>>
AutomationCredentials::own(const Identity &caller, const QString &name)
{
    const Result<QList<CredentialPoolRepository::Binding>> all =
        m_bindings.bindings(caller.user.id);
    if (!all)
        return all.error();
    for (const CredentialPoolRepository::Binding &binding : all.value()) {
        if (binding.setName == name)
            return std::optional(binding);
    }
    return std::optional<CredentialPoolRepository::Binding>();
}

Result<QJsonObject> AutomationCredentials::shown(const Identity &caller,
                                                 const CredentialPoolRepository::Binding &set,
                                                 const QList<Pool> &pools)
{
    const Result<CredentialSet> found = m_sets.get(caller, set.setId);
    if (!found)
        return found.error();
    QStringList poolNames;
    for (const Pool &pool : pools) {
        if (set.poolIds.contains(pool.id))
            poolNames << pool.name;
    }
    QJsonObject json = found->toJson();
    json.insert(QStringLiteral("device_pools"), QJsonArray::fromStringList(poolNames));
    json.insert(QStringLiteral("priority"), set.priority);
    return json;
}

Result<QString> AutomationCredentials::saveCredential(const Identity &caller,
                                                      const QJsonValue &value)
{
    const Result<EnmsValues::Named> toSave = EnmsValues::namedObject(value);
    if (!toSave)
        return toSave.error();
    const QJsonObject &object = toSave->object;
    const QString &name = toSave->name;
    QJsonObject setFields;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (SetFields.contains(it.key()))
            setFields.insert(it.key(), it.value());
        else if (!BindingFields.contains(it.key()))
            return Error::invalidField(it.key(),
                                       QStringLiteral("Credentials have no such property."));
    }
    const QJsonValue priority = object.value(QStringLiteral("priority"));
    if (!priority.isUndefined() &&
        (!priority.isDouble() || priority.toDouble() != double(priority.toInt()) ||
         priority.toInt() < 0 || priority.toInt() > MaxPriority))
        return Error::invalidField(
            QStringLiteral("priority"),
            QStringLiteral("A whole number from 0 to %1; the highest is tried first.")
                .arg(MaxPriority));
    std::optional<QList<qint64>> poolIds;
    if (object.contains(QStringLiteral("device_pools"))) {
        const QJsonValue names = object.value(QStringLiteral("device_pools"));
        if (!names.isArray())
            return Error::invalidField(QStringLiteral("device_pools"),
                                       QStringLiteral("A list of pool names."));
        if (names.toArray().size() > MaxPools)
            return Error::invalidField(QStringLiteral("device_pools"),
                                       QStringLiteral("At most %1 pools.").arg(MaxPools));
        // Every pool read once, not one query per name.
        const Result<QList<Pool>> pools = m_pools.list();
        if (!pools)
            return pools.error();
        QHash<QString, qint64> byName;
        for (const Pool &pool : pools.value())
            byName.insert(pool.name, pool.id);
        poolIds.emplace();
        for (const QJsonValue pool : names.toArray()) {
            const auto found = byName.constFind(pool.toString());
            if (found == byName.cend())
                return Error::invalidField(
                    QStringLiteral("device_pools"),
                    QStringLiteral("No pool named %1.").arg(pool.toString()));
            poolIds->append(found.value());
        }
    }
    const Result<std::optional<CredentialPoolRepository::Binding>> existing = own(caller, name);
    if (!existing)
        return existing.error();
    qint64 setId = 0;
    if (existing->has_value()) {
        setId = existing->value().setId;
        if (!setFields.isEmpty()) {
            const Result<CredentialSet> updated = m_sets.update(caller, setId, setFields, true);
            if (!updated)
                return updated.error();
        }
    } else {
        setFields.insert(QStringLiteral("name"), name);
        const Result<IssuedCredentialSet> created = m_sets.create(caller, setFields);
        if (!created)
            return created.error();
        setId = created->set.id;
    }
    const Result<void> bound = m_bindings.bind(
        setId,
        priority.isUndefined() ? existing->value_or(CredentialPoolRepository::Binding{}).priority
                               : priority.toInt(),
        poolIds.value_or(existing->value_or(CredentialPoolRepository::Binding{}).poolIds));
    if (!bound) {
        // A set made for this save goes with it (a pool deleted meanwhile): nothing half-saved.
        if (!existing->has_value())
            (void)m_sets.remove(caller, setId);
        return bound.error();
    }
    return name;
}

SaveReport AutomationCredentials::saveCredentials(const Identity &caller, const QJsonArray &objects)
{
    SaveReport report = EnmsValues::saveEach(
        objects, [&](const QJsonValue &object) { return saveCredential(caller, object); });
    // Refused objects are answered back: without the secrets they carried.
    for (qsizetype i = 0; i < report.failure.size(); ++i) {
        QJsonArray refused = report.failure.at(i).toArray();
        QJsonObject object = refused.at(0).toObject();
        for (const char *secret : {"password", "private_key", "key_passphrase", "enable_password"})
            object.remove(QLatin1String(secret));
        refused.replace(0, object);
        report.failure.replace(i, refused);
    }
    return report;
}

Result<QJsonObject> AutomationCredentials::credential(const Identity &caller, const QString &name)
{
    const Result<std::optional<CredentialPoolRepository::Binding>> found = own(caller, name);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(QStringLiteral("credential %1 not found.").arg(name));
    const Result<QList<Pool>> pools = m_pools.list();
    if (!pools)
        return pools.error();
    return shown(caller, found->value(), pools.value());
}

Result<QJsonObject> AutomationCredentials::removeCredential(const Identity &caller,
                                                            const QString &name)
{
    Result<QJsonObject> before = credential(caller, name);
    if (!before)
        return before.error();
    const Result<void> removed =
        m_sets.remove(caller, before->value(QStringLiteral("id")).toInteger());
    if (!removed)
        return removed.error();
    return before;
}

Result<QJsonArray>
AutomationCredentials::queryCredentials(const Identity &caller,
                                        const QList<QPair<QString, QString>> &equal)
{
    const Result<QList<CredentialPoolRepository::Binding>> all =
        m_bindings.bindings(caller.user.id);
    if (!all)
        return all.error();
    const Result<QList<Pool>> pools = m_pools.list();
    if (!pools)
        return pools.error();
    QList<QJsonObject> objects;
    QSet<QString> known(BindingFields.cbegin(), BindingFields.cend());
    for (const CredentialPoolRepository::Binding &binding : all.value()) {
        const Result<QJsonObject> object = shown(caller, binding, pools.value());
        if (!object)
            return object.error();
        objects << object.value();
        for (auto it = object->begin(); it != object->end(); ++it)
            known.insert(it.key());
    }
    return EnmsValues::matching(objects, known, equal);
}

Result<QHash<qint64, QString>> AutomationCredentials::chosenFor(const Identity &caller,
                                                                const QList<Device> &devices)
{
    QHash<qint64, QString> chosen;
    const Result<QList<CredentialPoolRepository::Binding>> all =
        m_bindings.bindings(caller.user.id);
    if (!all)
        return all.error();
    QList<qint64> boundPools;
    for (const CredentialPoolRepository::Binding &binding : all.value())
        boundPools << binding.poolIds;
    if (boundPools.isEmpty() || devices.isEmpty())
        return chosen;
    const Result<QHash<qint64, QList<qint64>>> members = m_poolMembers.membersByPool(boundPools);
    if (!members)
        return members.error();
    // The platform each device logs in as, which a set may be limited to.
    QHash<qint64, QString> platforms;
    for (const Device &device : devices) {
        const PlatformProfile *profile = PlatformCatalog::find(device.platform);
        platforms.insert(device.id, profile ? profile->name : device.platform);
    }
    // The highest priority first: a device keeps the first set that reaches it and may be used
    // on its platform.
    for (const CredentialPoolRepository::Binding &binding : all.value()) {
        CredentialSet limits;
        limits.platforms = binding.platforms;
        for (const qint64 pool : binding.poolIds) {
            for (const qint64 id : members->value(pool)) {
                if (platforms.contains(id) && !chosen.contains(id) &&
                    limits.allowsPlatform(platforms.value(id)))
                    chosen.insert(id, binding.setName);
            }
        }
    }
    return chosen;
}

} // namespace Cairn
