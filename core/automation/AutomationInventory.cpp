#include "AutomationInventory.h"

#include "DeviceTexts.h"
#include "EnmsValues.h"
#include "db/Transaction.h"
#include "inventory/DeviceService.h"
#include "inventory/SiteService.h"

#include <QSet>
#include <algorithm>
#include <limits>

namespace Cairn {

namespace {

// More than one answer of the automation face ever lists; a bound, not a page size.
constexpr int MaxDevices = 100000;

} // namespace

namespace {

const QStringList StatusFields{QStringLiteral("status"), QStringLiteral("update"),
                               QStringLiteral("failure"), QStringLiteral("runtime"),
                               QStringLiteral("duration")};

// The properties eNMS shows on every device, sorted: a QJsonObject keeps its keys sorted, and
// appending them in that order moves nothing (100k devices are shown at once).
const QStringList &enmsProperties()
{
    static const QStringList properties = [] {
        QStringList all =
            Device::DetailFields + Device::TextFields +
            QStringList{QStringLiteral("id"), QStringLiteral("site_id"), QStringLiteral("name"),
                        QStringLiteral("driver"), QStringLiteral("site")};
        for (const QString &text : Device::TextFields) {
            for (const QString &field : StatusFields)
                all << QStringLiteral("last_%1_%2").arg(text, field);
        }
        all.sort();
        return all;
    }();
    return properties;
}

// One of enmsProperties() of the device (undefined: a text that was not read).
QJsonValue enmsValue(const Device &device, const QString &siteName, const QJsonObject &statuses,
                     const QString &property)
{
    if (property == u"id")
        return device.id;
    if (property == u"site_id")
        return device.siteId;
    if (property == u"name")
        return device.hostname;
    if (property == u"driver")
        return device.platform;
    if (property == u"site")
        return siteName;
    if (property.startsWith(QLatin1String("last_")))
        return statuses.value(property).toString();
    if (Device::TextFields.contains(property)) {
        const auto text = device.texts.constFind(property);
        return text == device.texts.cend() ? QJsonValue(QJsonValue::Undefined)
                                           : QJsonValue(text.value());
    }
    return device.detail(property);
}

} // namespace

bool AutomationInventory::isStandard(const QString &property)
{
    return enmsProperties().contains(property);
}

QJsonObject AutomationInventory::toEnms(const Device &device, const QString &siteName,
                                        const QJsonObject &statuses, const QSet<QString> *only)
{
    QJsonObject json;
    for (const QString &property : enmsProperties()) {
        if (only && !only->contains(property))
            continue;
        const QJsonValue value = enmsValue(device, siteName, statuses, property);
        if (!value.isUndefined())
            json.insert(property, value);
    }
    // Custom properties sit beside the standard ones, as in eNMS; never over one.
    for (auto it = device.attributes.begin(); it != device.attributes.end(); ++it) {
        if ((!only || only->contains(it.key())) && !json.contains(it.key()))
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

Result<QJsonObject> AutomationInventory::deviceFields(const QJsonObject &object,
                                                      QHash<QString, qint64> &siteIds)
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
            auto known = siteIds.constFind(site);
            if (known == siteIds.cend()) {
                const Result<Site> found = m_sites.get(site);
                if (!found)
                    return Error::invalidField(QStringLiteral("site"),
                                               QStringLiteral("No site %1.").arg(site));
                known = siteIds.insert(site, found->id);
            }
            fields.insert(QStringLiteral("site_id"), known.value());
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

namespace {

// The object's name, or why it has none.
Result<QString> nameOf(const QJsonValue &object)
{
    if (!object.isObject())
        return Error::badRequest(QStringLiteral("Expected an object."));
    const QJsonValue name = object.toObject().value(QStringLiteral("name"));
    if (!name.isString() || name.toString().trimmed().isEmpty())
        return Error::invalidField(QStringLiteral("name"),
                                   name.isUndefined() || name.isNull()
                                       ? QStringLiteral("This field is required.")
                                       : QStringLiteral("Not a valid string."));
    return name.toString();
}

} // namespace

Result<QString> AutomationInventory::saveDevice(const Identity &caller, const QJsonValue &object,
                                                QHash<QString, qint64> &siteIds)
{
    const Result<QString> checkedName = nameOf(object);
    if (!checkedName)
        return checkedName.error();
    const QJsonValue name = checkedName.value();
    Result<QJsonObject> fields = deviceFields(object.toObject(), siteIds);
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
    return EnmsValues::reportOf(objects, saveTogether(caller, objects));
}

QList<Result<QString>> AutomationInventory::saveTogether(const Identity &caller,
                                                         const QJsonArray &objects)
{
    QList<Result<QString>> outcomes;
    outcomes.reserve(objects.size());
    for (const QJsonValue object : objects)
        outcomes << object.toObject().value(QLatin1String("name")).toString();
    QHash<QString, qint64> siteIds;
    // The devices already there, by name, read together.
    QStringList names;
    for (const QJsonValue object : objects)
        names << object.toObject().value(QLatin1String("name")).toString();
    DeviceFilter filter;
    filter.hostnames = names;
    filter.limit = std::numeric_limits<int>::max();
    const Result<QList<Device>> found = m_devices.list(filter);
    QHash<QString, QList<qint64>> existing;
    for (const Device &device : found ? found.value() : QList<Device>())
        existing[device.hostname] << device.id;
    // New devices in one create, known ones in one update; an object named twice, a name
    // several sites hold, or a batch the device service refuses is saved on its own after.
    QList<qsizetype> alone;
    QList<qsizetype> created;
    QList<qsizetype> updated;
    QJsonArray creates;
    QJsonArray updates;
    const QList<bool> mustBeAlone = EnmsValues::savedAlone(objects);
    bool anyWithoutSite = false;
    for (qsizetype i = 0; i < objects.size(); ++i) {
        const Result<QString> name = nameOf(objects.at(i));
        if (!name) {
            outcomes[i] = name.error();
            continue;
        }
        if (!found || mustBeAlone.at(i) || existing.value(name.value()).size() > 1) {
            alone << i;
            continue;
        }
        Result<QJsonObject> fields = deviceFields(objects.at(i).toObject(), siteIds);
        if (!fields) {
            outcomes[i] = fields.error();
            continue;
        }
        if (existing.contains(name.value())) {
            fields->insert(QStringLiteral("id"), existing.value(name.value()).first());
            updates.append(fields.value());
            updated << i;
        } else {
            fields->insert(QStringLiteral("hostname"), name.value());
            anyWithoutSite = anyWithoutSite || !fields->contains(QLatin1String("site_id"));
            creates.append(fields.value());
            created << i;
        }
    }
    // eNMS has no sites: a device goes to the one it names, else to Default (made on first
    // start), else to the only site there is.
    std::optional<qint64> site;
    if (anyWithoutSite) {
        const Result<qint64> chosen = m_sites.defaultSite(QStringLiteral("site"));
        if (chosen)
            site = chosen.value();
        else
            alone << created;
    }
    const auto together = [&](const QList<qsizetype> &indexes, const auto &save) {
        if (indexes.isEmpty())
            return;
        Transaction batch(m_database);
        if (!batch.begun() || !save() || !batch.commit())
            alone << indexes;
    };
    if (!anyWithoutSite || site)
        together(created, [&] { return m_devices.create(caller, creates, site).ok(); });
    together(updated, [&] { return m_devices.update(caller, updates, true).ok(); });
    std::sort(alone.begin(), alone.end());
    for (const qsizetype i : std::as_const(alone)) {
        Transaction one(m_database);
        Result<QString> saved = one.begun() ? saveDevice(caller, objects.at(i), siteIds)
                                            : Result<QString>(one.begun().error());
        if (saved) {
            if (const Result<void> kept = one.commit(); !kept)
                saved = kept.error();
        }
        outcomes[i] = saved;
    }
    return outcomes;
}

Result<AutomationInventory::DeviceView>
AutomationInventory::viewDevices(const std::optional<QSet<QString>> &properties, bool withTexts,
                                 const QList<DeviceFilter::TextMatch> &narrowing)
{
    DeviceFilter filter;
    filter.limit = MaxDevices;
    filter.withTexts = withTexts;
    // eNMS's names for the device's own columns; other properties (site, custom ones, statuses)
    // are not narrowed by the database.
    for (DeviceFilter::TextMatch match : narrowing) {
        if (match.column == u"name")
            match.column = QStringLiteral("hostname");
        else if (match.column == u"driver")
            match.column = QStringLiteral("platform");
        else if (match.column == u"hostname" ||
                 (!withTexts && Device::TextFields.contains(match.column)))
            continue; // a custom property: eNMS calls the hostname `name`, texts are not read
        filter.textMatches << match;
    }
    const Result<QList<Device>> devices = m_devices.list(filter);
    if (!devices)
        return devices.error();
    const Result<QList<Site>> sites = m_sites.list();
    if (!sites)
        return sites.error();
    QHash<qint64, QString> siteNames;
    for (const Site &site : sites.value())
        siteNames.insert(site.id, site.name);
    // Statuses only when a last_* property is shown.
    const bool withStatuses =
        !properties || std::any_of(properties->cbegin(), properties->cend(), [](const QString &p) {
            return p.startsWith(QLatin1String("last_"));
        });
    const Result<QHash<qint64, QJsonObject>> statuses =
        withStatuses ? m_texts.statuses() : QHash<qint64, QJsonObject>();
    if (!statuses)
        return statuses.error();
    DeviceView view;
    for (const QString &property : enmsProperties()) {
        if (withTexts || !Device::TextFields.contains(property))
            view.known.insert(property);
    }
    const QSet<QString> *only = properties ? &properties.value() : nullptr;
    view.devices.reserve(devices->size());
    for (const Device &device : devices.value()) {
        view.devices << toEnms(device, siteNames.value(device.siteId), statuses->value(device.id),
                               only);
        for (auto it = device.attributes.begin(); it != device.attributes.end(); ++it)
            view.known.insert(it.key());
    }
    return view;
}

Result<QJsonArray> AutomationInventory::queryDevices(const QList<QPair<QString, QString>> &equal,
                                                     bool withTexts)
{
    const Result<DeviceView> view = viewDevices(std::nullopt, withTexts);
    if (!view)
        return view.error();
    return EnmsValues::matching(view->devices, view->known, equal);
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
