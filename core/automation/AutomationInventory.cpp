#include "AutomationInventory.h"

#include "DeviceTexts.h"
#include "EnmsValues.h"
#include "inventory/DeviceService.h"
#include "inventory/SiteService.h"

#include <QSet>

namespace Cairn {

namespace {

// More than one answer of the automation face ever lists; a bound, not a page size.
constexpr int MaxDevices = 100000;

} // namespace

QJsonObject AutomationInventory::toEnms(const Device &device, const QString &siteName,
                                        const QJsonObject &statuses)
{
    QJsonObject json = device.toJson();
    for (const QString &text : Device::TextFields) {
        for (const char *field : {"status", "update", "failure", "runtime", "duration"}) {
            const QString key = QStringLiteral("last_%1_%2").arg(text, QLatin1String(field));
            json.insert(key, statuses.value(key).toString());
        }
    }
    const QJsonObject custom = json.take(QStringLiteral("attributes")).toObject();
    json.insert(QStringLiteral("name"), json.take(QStringLiteral("hostname")));
    json.insert(QStringLiteral("driver"), device.platform);
    json.insert(QStringLiteral("site"), siteName);
    // Custom properties sit beside the standard ones, as in eNMS; never over one.
    for (auto it = custom.begin(); it != custom.end(); ++it) {
        if (!json.contains(it.key()))
            json.insert(it.key(), it.value());
    }
    return json;
}

Result<Device> AutomationInventory::byName(const QString &name, bool withTexts)
{
    DeviceFilter filter;
    filter.hostname = name;
    filter.withTexts = withTexts;
    filter.limit = 2;
    const Result<QList<Device>> found = m_devices.list(filter);
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error::notFound(QStringLiteral("device %1 not found.").arg(name));
    if (found->size() > 1)
        return Error::badRequest(
            QStringLiteral("Several sites have a device named %1; rename one of them.").arg(name));
    return found->first();
}

Result<QJsonObject> AutomationInventory::shown(const Device &device)
{
    const Result<Site> site = m_sites.get(device.siteId);
    const Result<QHash<qint64, QJsonObject>> statuses = m_texts.statuses(device.id);
    if (!statuses)
        return statuses.error();
    return toEnms(device, site ? site->name : QString(), statuses->value(device.id));
}

Result<QJsonObject> AutomationInventory::device(const QString &name)
{
    const Result<Device> found = byName(name, true);
    if (!found)
        return found.error();
    return shown(found.value());
}

Result<QJsonObject> AutomationInventory::removeDevice(const Identity &caller, const QString &name)
{
    const Result<Device> found = byName(name, true);
    if (!found)
        return found.error();
    Result<QJsonObject> before = shown(found.value());
    if (!before)
        return before.error();
    const Result<void> removed = m_devices.remove(caller, {found->id});
    if (!removed)
        return removed.error();
    return before;
}

Result<QJsonObject> AutomationInventory::deviceFields(const QJsonObject &object)
{
    QJsonObject fields;
    QJsonObject custom;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString &key = it.key();
        if (key == QLatin1String("name") || key == QLatin1String("id"))
            continue;
        if (key == QLatin1String("new_name")) {
            fields.insert(QStringLiteral("hostname"), it.value());
        } else if (key == QLatin1String("driver")) {
            fields.insert(QStringLiteral("platform"), it.value());
        } else if (key == QLatin1String("site")) {
            const QString site = EnmsValues::textsOf(it.value()).value(0);
            const Result<Site> found = m_sites.get(site);
            if (!found)
                return Error::invalidField(QStringLiteral("site"),
                                           QStringLiteral("No site %1.").arg(site));
            fields.insert(QStringLiteral("site_id"), found->id);
        } else if (Device::DetailFields.contains(key) || Device::TextFields.contains(key) ||
                   key == QLatin1String("site_id")) {
            fields.insert(key, it.value());
        } else {
            custom.insert(key, it.value());
        }
    }
    if (!custom.isEmpty())
        fields.insert(QStringLiteral("attributes"), custom);
    return fields;
}

Result<QString> AutomationInventory::saveDevice(const Identity &caller, const QJsonValue &object)
{
    if (!object.isObject())
        return Error::badRequest(QStringLiteral("Expected an object."));
    const QJsonValue name = object.toObject().value(QStringLiteral("name"));
    if (!name.isString() || name.toString().trimmed().isEmpty())
        return Error::invalidField(QStringLiteral("name"),
                                   name.isUndefined() || name.isNull()
                                       ? QStringLiteral("This field is required.")
                                       : QStringLiteral("Not a valid string."));
    Result<QJsonObject> fields = deviceFields(object.toObject());
    if (!fields)
        return fields.error();
    const Result<Device> existing = byName(name.toString(), false);
    if (existing) {
        fields->insert(QStringLiteral("id"), existing->id);
        const Result<QList<Device>> updated = m_devices.update(caller, {fields.value()}, true);
        if (!updated)
            return updated.error();
        return updated->first().hostname;
    }
    if (existing.error().code != ErrorCode::NotFound)
        return existing.error();
    fields->insert(QStringLiteral("hostname"), name);
    // eNMS has no sites: a device goes to the one it names, else to Default (made on first
    // start), else to the only site there is.
    std::optional<qint64> site;
    if (!fields->contains(QStringLiteral("site_id"))) {
        const Result<qint64> chosen = m_sites.defaultSite(QStringLiteral("site"));
        if (!chosen)
            return chosen.error();
        site = chosen.value();
    }
    const Result<QList<Device>> created = m_devices.create(caller, {fields.value()}, site);
    if (!created)
        return created.error();
    return created->first().hostname;
}

SaveReport AutomationInventory::saveDevices(const Identity &caller, const QJsonArray &objects)
{
    return EnmsValues::saveEach(
        objects, [&](const QJsonValue &object) { return saveDevice(caller, object); });
}

Result<QJsonArray> AutomationInventory::queryDevices(const QList<QPair<QString, QString>> &equal,
                                                     bool withTexts)
{
    DeviceFilter filter;
    filter.limit = MaxDevices;
    filter.withTexts = withTexts;
    const Result<QList<Device>> devices = m_devices.list(filter);
    if (!devices)
        return devices.error();
    const Result<QList<Site>> sites = m_sites.list();
    if (!sites)
        return sites.error();
    QHash<qint64, QString> siteNames;
    for (const Site &site : sites.value())
        siteNames.insert(site.id, site.name);
    QList<QJsonObject> objects;
    QSet<QString> known;
    const Result<QHash<qint64, QJsonObject>> statuses = m_texts.statuses();
    if (!statuses)
        return statuses.error();
    for (const QString &key : toEnms(Device(), QString(), {}).keys())
        known.insert(key);
    for (const Device &device : devices.value()) {
        objects << toEnms(device, siteNames.value(device.siteId), statuses->value(device.id));
        for (auto it = device.attributes.begin(); it != device.attributes.end(); ++it)
            known.insert(it.key());
    }
    return EnmsValues::matching(objects, known, equal);
}

Result<QString> AutomationInventory::deviceText(const QString &name, const QString &property)
{
    if (!Device::TextFields.contains(property))
        return Error::invalidField(
            QStringLiteral("property"),
            QStringLiteral("One of %1.").arg(Device::TextFields.join(QLatin1String(", "))));
    const Result<Device> found = byName(name, true);
    if (!found)
        return found.error();
    return found->texts.value(property);
}

} // namespace Cairn
