#include "DeviceService.h"

#include "AttributeRules.h"
#include "AttributeService.h"
#include "AttributeValueRepository.h"
#include "BulkItems.h"
#include "ChangeLog.h"
#include "Fields.h"
#include "SetQuery.h"
#include "SiteGate.h"
#include "SiteService.h"
#include "auth/PermissionService.h"
#include "db/SqlQuery.h"
#include "db/Transaction.h"

#include <QRegularExpression>
#include <QSet>

namespace Cairn {

namespace {

const QString DeviceResource = QStringLiteral("Device");
// Large enough for any running configuration; the request size limit applies first.
constexpr int MaxTextLength = 16 * 1024 * 1024;
const QString SiteType = QStringLiteral("site");

Result<std::optional<double>> coordinateField(const QJsonObject &fields, const QString &name,
                                              double limit)
{
    const QJsonValue value = fields.value(name);
    if (value.isUndefined() || value.isNull())
        return std::optional<double>();
    if (!value.isDouble() || qAbs(value.toDouble()) > limit)
        return Error::invalidField(
            name, QStringLiteral("A number between -%1 and %1 is required.").arg(limit));
    return std::optional<double>(value.toDouble());
}

} // namespace

DeviceService::DeviceService(Database &database, PermissionService &permissions, SiteService &sites,
                             AttributeService &attributes, AttributeValueRepository &values)
    : m_database(database)
    , m_permissions(permissions)
    , m_sites(sites)
    , m_attributes(attributes)
    , m_values(values)
    , m_devices(database)
{
}

Result<QHash<qint64, Device>> DeviceService::byIds(const QList<qint64> &ids)
{
    return BulkItems::fetchAll<Device>(ids, QStringLiteral("Device"),
                                       [&](const QList<qint64> &batch) {
                                           DeviceFilter filter;
                                           filter.ids = batch;
                                           filter.limit = int(batch.size());
                                           return list(filter);
                                       });
}

Result<QList<Device>> DeviceService::list(const DeviceFilter &filter)
{
    Result<QList<Device>> devices = m_devices.list(filter);
    if (!devices)
        return devices;
    const Result<void> attached = m_values.attach(DeviceResource, devices.value());
    if (!attached)
        return attached.error();
    return devices;
}

Result<QList<DevicePlace>> DeviceService::places(const DeviceFilter &filter)
{
    return m_devices.places(filter);
}

Result<QSet<QString>> DeviceService::attributeNamesInUse()
{
    return m_values.namesInUse(DeviceResource);
}

Result<qint64> DeviceService::count(const DeviceFilter &filter)
{
    return m_devices.count(filter);
}

Result<Device> DeviceService::get(const QString &key, std::optional<qint64> siteId)
{
    return BulkItems::findOne<Device, DeviceFilter>(
        key, siteId, QStringLiteral("Device"),
        [&](const DeviceFilter &filter) { return list(filter); },
        [](DeviceFilter &filter, const QString &naturalKey) -> Result<void> {
            filter.hostname = naturalKey;
            return {};
        });
}

Result<void> DeviceService::attachTexts(QList<Device> &devices)
{
    DeviceFilter filter;
    filter.ids = QList<qint64>();
    for (const Device &device : std::as_const(devices))
        filter.ids->append(device.id);
    filter.withTexts = true;
    filter.limit = int(devices.size());
    const Result<QList<Device>> read = m_devices.list(filter);
    if (!read)
        return read.error();
    QHash<qint64, QHash<QString, QString>> texts;
    for (const Device &device : read.value())
        texts.insert(device.id, device.texts);
    for (Device &device : devices)
        device.texts = texts.value(device.id);
    return {};
}

Result<QList<qint64>> DeviceService::query(std::optional<qint64> siteId, const QString &setQuery)
{
    return SetQuery::evaluate(m_database, DeviceResource, QStringLiteral("devices"), siteId,
                              setQuery);
}

Result<Device> DeviceService::applyFields(Device device, const QJsonObject &fields, bool partial)
{
    static const QRegularExpression hostnamePattern(QStringLiteral(
        "^[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*$"));
    if (fields.contains(QStringLiteral("hostname")) || !partial) {
        const Result<QString> hostname = Fields::requiredText(fields, QStringLiteral("hostname"));
        if (!hostname)
            return hostname.error();
        if (!hostnamePattern.match(hostname.value()).hasMatch())
            return Error::invalidField(
                QStringLiteral("hostname"),
                QStringLiteral("Invalid hostname: %1").arg(hostname.value()));
        device.hostname = hostname.value();
    }
    QString *texts[] = {&device.ipAddress,  &device.platform,  &device.vendor,
                        &device.model,      &device.osVersion, &device.serialNumber,
                        &device.macAddress, &device.location,  &device.description,
                        &device.icon};
    const QStringList textNames{QStringLiteral("ip_address"),  QStringLiteral("platform"),
                                QStringLiteral("vendor"),      QStringLiteral("model"),
                                QStringLiteral("os_version"),  QStringLiteral("serial_number"),
                                QStringLiteral("mac_address"), QStringLiteral("location"),
                                QStringLiteral("description"), QStringLiteral("icon")};
    for (qsizetype i = 0; i < textNames.size(); ++i) {
        if (!fields.contains(textNames[i]) && partial)
            continue;
        const Result<QString> text = Fields::text(fields, textNames[i]);
        if (!text)
            return text.error();
        *texts[i] = text.value();
    }
    // The large texts: written when given, kept otherwise (even by a PUT, which cannot know
    // them without asking for them).
    for (const QString &name : Device::TextFields) {
        if (!fields.contains(name))
            continue;
        const Result<QString> text = Fields::text(fields, name, MaxTextLength);
        if (!text)
            return text.error();
        device.texts.insert(name, text.value());
    }
    if (fields.contains(QStringLiteral("port")) || !partial) {
        const QJsonValue port = fields.value(QStringLiteral("port"));
        if (port.isUndefined() || port.isNull())
            device.port = 22;
        else if (!port.isDouble() || port.toDouble() != double(port.toInt()) || port.toInt() < 1 ||
                 port.toInt() > 65535)
            return Error::invalidField(QStringLiteral("port"),
                                       QStringLiteral("A port from 1 to 65535 is required."));
        else
            device.port = port.toInt();
    }
    for (const auto &[name, limit, target] :
         {std::tuple{QStringLiteral("latitude"), 90.0, &device.latitude},
          std::tuple{QStringLiteral("longitude"), 180.0, &device.longitude}}) {
        if (!fields.contains(name) && partial)
            continue;
        const Result<std::optional<double>> value = coordinateField(fields, name, limit);
        if (!value)
            return value.error();
        *target = value.value();
    }
    return device;
}

namespace {

Error duplicateHostname(const QString &hostname)
{
    return Error{ErrorCode::Conflict,
                 QStringLiteral("A device named %1 exists in this site.").arg(hostname),
                 {{QStringLiteral("hostname"),
                   QStringLiteral("Device with this site and hostname already exists.")}}};
}

// A unique violation while writing `hostname` (two requests racing for one name).
Error duplicateHostname(const Error &error, const QString &hostname)
{
    return error.code == ErrorCode::Conflict ? duplicateHostname(hostname) : error;
}

} // namespace

Result<QList<Device>> DeviceService::create(const Identity &caller, const QJsonArray &items,
                                            std::optional<qint64> defaultSite)
{
    AttributeRules rules(m_attributes, m_values, DeviceResource);
    SiteGate gate(m_sites, m_permissions, caller, Action::Add);
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<QList<Device>> {
        QList<Device> created;
        created.reserve(items.size());
        QSet<QPair<qint64, QString>> keys;
        BulkItems::ItemCursor cursor(items.size());
        for (const QJsonValue item : items) {
            cursor.next();
            if (!item.isObject())
                return cursor.locate(
                    Error::badRequest(QStringLiteral("Expected a JSON object for each device.")));
            const QJsonObject fields = item.toObject();
            const Result<qint64> siteId = gate.siteOf(fields, defaultSite);
            if (!siteId)
                return cursor.locate(siteId.error());
            Device blank;
            blank.siteId = siteId.value();
            Result<Device> device = applyFields(blank, fields, false);
            if (!device)
                return cursor.locate(device.error());
            const Result<QJsonObject> attributes =
                rules.resolve(blank.siteId, fields, {}, AttributeWrite::Create);
            if (!attributes)
                return cursor.locate(attributes.error());
            device->attributes = attributes.value();
            if (keys.contains({device->siteId, device->hostname}))
                return cursor.locate(duplicateHostname(device->hostname));
            keys.insert({device->siteId, device->hostname});
            created << std::move(device).value();
        }
        cursor.done();
        const Result<QSet<QPair<qint64, QString>>> taken = m_devices.taken(db, created);
        if (!taken)
            return taken.error();
        for (const Device &device : std::as_const(created)) {
            if (taken->contains({device.siteId, device.hostname}))
                return duplicateHostname(device.hostname);
        }
        const Result<void> inserted = m_devices.insertAll(db, created);
        if (!inserted)
            return inserted.error(); // a race with another request: a plain 409
        // Values and change-log entries, like the rows, are written once for the whole request.
        AttributeValueRows values;
        QList<ChangeRecord> changes;
        changes.reserve(created.size());
        for (const Device &device : std::as_const(created)) {
            const Result<void> collected =
                rules.collect(values, device.siteId, device.id, device.attributes);
            if (!collected)
                return collected.error();
            changes << ChangeRecord{device.siteId, QStringLiteral("Create"), DeviceResource,
                                    device.id, device.toJson()};
        }
        const Result<void> done =
            Transaction::allOf({[&] { return m_values.insert(db, DeviceResource, values); },
                                [&] {
                                    return ChangeLog::recordAll(db, caller.user.id, changes);
                                }});
        if (!done)
            return done.error();
        return created;
    });
}

Result<QList<Device>> DeviceService::update(const Identity &caller, const QJsonArray &items,
                                            bool partial)
{
    const Result<QList<qint64>> ids = BulkItems::idsOf(items);
    if (!ids)
        return ids.error();
    AttributeRules rules(m_attributes, m_values, DeviceResource);
    const AttributeWrite write = partial ? AttributeWrite::Merge : AttributeWrite::Replace;
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<QList<Device>> {
        const Result<QHash<qint64, Device>> targets = byIds(ids.value());
        if (!targets)
            return targets.error();
        QList<Device> updated;
        BulkItems::ItemCursor cursor(items.size());
        for (qsizetype i = 0; i < items.size(); ++i) {
            cursor.at(i);
            const QJsonObject fields = items.at(i).toObject();
            const Device &current = *targets->constFind(ids->at(i));
            const Result<void> allowed =
                m_permissions.require(caller, SiteType, current.siteId, Action::Change);
            if (!allowed)
                return cursor.locate(allowed.error());
            Result<Device> device = applyFields(current, fields, partial);
            if (!device)
                return cursor.locate(device.error());
            const Result<QJsonObject> attributes =
                rules.resolve(device->siteId, fields, current.attributes, write);
            if (!attributes)
                return cursor.locate(attributes.error());
            device->attributes = attributes.value();
            const Result<void> done = Transaction::allOf(
                {[&] { return m_devices.update(db, device.value()); },
                 [&] {
                     return rules.store(db, device->siteId, device->id, device->attributes, write);
                 },
                 [&] {
                     return ChangeLog::record(db, caller.user.id, device->siteId,
                                              QStringLiteral("Update"), DeviceResource, device->id,
                                              device->toJson());
                 }});
            if (!done)
                return cursor.locate(duplicateHostname(done.error(), device->hostname));
            updated << device.value();
        }
        cursor.done();
        return updated;
    });
}

Result<void> DeviceService::remove(const Identity &caller, const QList<qint64> &ids,
                                   const Progress &progress)
{
    const QList<qint64> unique = BulkItems::distinctInOrder(ids);
    // The caller's right asked once per site, not once per device.
    QSet<qint64> allowedSites;
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
        // A few statements for each chunk of devices: a whole inventory replaced by an import
        // goes in seconds, not one device (and five statements) at a time, and only a chunk's
        // devices are held at once.
        for (qsizetype start = 0; start < unique.size(); start += RemoveChunk) {
            const QList<qint64> chunk = unique.mid(start, RemoveChunk);
            const Result<QHash<qint64, Device>> targets = byIds(chunk);
            if (!targets)
                return targets.error();
            QList<ChangeRecord> changes;
            changes.reserve(chunk.size());
            for (qint64 id : chunk) {
                const Device &device = *targets->constFind(id);
                if (!allowedSites.contains(device.siteId)) {
                    const Result<void> allowed =
                        m_permissions.require(caller, SiteType, device.siteId, Action::Delete);
                    if (!allowed)
                        return allowed.error();
                    allowedSites.insert(device.siteId);
                }
                changes << ChangeRecord{device.siteId, QStringLiteral("Delete"), DeviceResource, id,
                                        device.toJson()};
            }
            const QPair<QString, QVariant> byDevice =
                SqlQuery::inIds(db, QStringLiteral("device_id"), chunk);
            const QPair<QString, QVariant> byId = SqlQuery::inIds(db, QStringLiteral("id"), chunk);
            Result<void> removed = Transaction::allOf(
                {[&] {
                     return m_values.removeAllIn(db, DeviceResource,
                                                 QStringLiteral("SELECT id FROM devices WHERE ") +
                                                     byId.first,
                                                 {byId.second});
                 },
                 [&] {
                     // Its interfaces and protocols go with it (ON DELETE CASCADE); their
                     // values too.
                     return m_values.removeAllIn(
                         db, QStringLiteral("Interface"),
                         QStringLiteral("SELECT id FROM interfaces WHERE ") + byDevice.first,
                         {byDevice.second});
                 },
                 [&] {
                     return m_values.removeAllIn(db, QStringLiteral("Protocol"),
                                                 QStringLiteral("SELECT id FROM protocols WHERE ") +
                                                     byDevice.first,
                                                 {byDevice.second});
                 },
                 [&] { return m_devices.remove(db, chunk); },
                 [&] {
                     return ChangeLog::recordAll(db, caller.user.id, changes);
                 }});
            if (!removed)
                return removed;
            progress.report(double(start + chunk.size()) / double(unique.size()));
            if (progress.stopAsked())
                return Progress::stopped();
        }
        return {};
    });
}

} // namespace Cairn
