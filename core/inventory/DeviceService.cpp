#include "DeviceService.h"

#include "AttributeService.h"
#include "AttributeValueRepository.h"
#include "ChangeLog.h"
#include "SetQuery.h"
#include "SiteService.h"
#include "auth/PermissionService.h"
#include "db/Transaction.h"

#include <QRegularExpression>
#include <QSet>

namespace Cairn {

namespace {

const QString DeviceResource = QStringLiteral("Device");
const QString SiteType = QStringLiteral("site");

Error required(const QString &field)
{
    return Error::invalidField(field, QStringLiteral("This field is required."));
}

Result<QString> textField(const QJsonObject &fields, const QString &name)
{
    const QJsonValue value = fields.value(name);
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString())
        return Error::invalidField(name, QStringLiteral("Not a valid string."));
    if (value.toString().size() > 255)
        return Error::invalidField(
            name, QStringLiteral("Ensure this field has no more than 255 characters."));
    return value.toString();
}

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

Result<QJsonObject> attributesOf(const QJsonObject &fields)
{
    const QJsonValue value = fields.value(QStringLiteral("attributes"));
    if (value.isUndefined() || value.isNull())
        return QJsonObject();
    if (!value.isObject())
        return Error::invalidField(QStringLiteral("attributes"),
                                   QStringLiteral("Expected a dictionary of items."));
    return value.toObject();
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

Result<QList<Device>> DeviceService::withAttributes(QList<Device> devices)
{
    QList<qint64> ids;
    ids.reserve(devices.size());
    for (const Device &device : std::as_const(devices))
        ids << device.id;
    const Result<QHash<qint64, QJsonObject>> attributes = m_values.load(DeviceResource, ids);
    if (!attributes)
        return attributes.error();
    for (Device &device : devices)
        device.attributes = attributes->value(device.id);
    return devices;
}

Result<QHash<qint64, Device>> DeviceService::byIds(const QList<qint64> &ids)
{
    constexpr qsizetype IdsPerQuery = 500; // well under every engine's bound-parameter limit
    QHash<qint64, Device> byId;
    for (qsizetype start = 0; start < ids.size(); start += IdsPerQuery) {
        DeviceFilter filter;
        filter.ids = ids.mid(start, IdsPerQuery);
        filter.limit = int(filter.ids->size());
        const Result<QList<Device>> devices = list(filter);
        if (!devices)
            return devices.error();
        for (const Device &device : devices.value())
            byId.insert(device.id, device);
    }
    for (qint64 id : ids) {
        if (!byId.contains(id))
            return Error::notFound(QStringLiteral("Device %1 not found.").arg(id));
    }
    return byId;
}

Result<QList<Device>> DeviceService::list(const DeviceFilter &filter)
{
    Result<QList<Device>> devices = m_devices.list(filter);
    if (!devices)
        return devices;
    return withAttributes(std::move(devices).value());
}

Result<qint64> DeviceService::count(const DeviceFilter &filter)
{
    return m_devices.count(filter);
}

Result<Device> DeviceService::get(const QString &key, std::optional<qint64> siteId)
{
    DeviceFilter filter;
    filter.siteId = siteId;
    bool numeric = false;
    const qint64 id = key.toLongLong(&numeric);
    if (numeric)
        filter.ids = QList<qint64>{id};
    else
        filter.hostname = key;
    filter.limit = 2;
    const Result<QList<Device>> found = list(filter);
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error::notFound(QStringLiteral("Device not found."));
    if (found->size() > 1)
        return Error::badRequest(
            QStringLiteral("More than one device is named %1; give a site or an id.").arg(key));
    return found->first();
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
        const QJsonValue hostname = fields.value(QStringLiteral("hostname"));
        if (!hostname.isString() || hostname.toString().isEmpty())
            return required(QStringLiteral("hostname"));
        if (hostname.toString().size() > 255 ||
            !hostnamePattern.match(hostname.toString()).hasMatch())
            return Error::invalidField(
                QStringLiteral("hostname"),
                QStringLiteral("Invalid hostname: %1").arg(hostname.toString()));
        device.hostname = hostname.toString();
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
        const Result<QString> text = textField(fields, textNames[i]);
        if (!text)
            return text.error();
        *texts[i] = text.value();
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

Result<QList<Device>> DeviceService::create(const Identity &caller, const QJsonArray &items,
                                            std::optional<qint64> defaultSite)
{
    QHash<qint64, QHash<QString, Attribute>> definitionsBySite;
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<QList<Device>> {
        QList<Device> created;
        for (const QJsonValue item : items) {
            if (!item.isObject())
                return Error::badRequest(QStringLiteral("Expected a JSON object for each device."));
            const QJsonObject fields = item.toObject();
            std::optional<qint64> siteId = defaultSite;
            if (fields.value(QStringLiteral("site_id")).isDouble())
                siteId = qint64(fields.value(QStringLiteral("site_id")).toDouble());
            if (!siteId)
                return required(QStringLiteral("site_id"));
            if (!definitionsBySite.contains(*siteId)) {
                if (!m_sites.get(*siteId))
                    return Error::invalidField(QStringLiteral("site_id"),
                                               QStringLiteral("Site does not exist."));
                const Result<void> allowed =
                    m_permissions.require(caller, SiteType, *siteId, Action::Add);
                if (!allowed)
                    return allowed.error();
                const Result<QHash<QString, Attribute>> definitions =
                    m_attributes.repository().definitions(*siteId, DeviceResource);
                if (!definitions)
                    return definitions.error();
                definitionsBySite.insert(*siteId, definitions.value());
            }
            Device blank;
            blank.siteId = *siteId;
            Result<Device> device = applyFields(blank, fields, false);
            if (!device)
                return device.error();
            const Result<QJsonObject> attributes = attributesOf(fields);
            if (!attributes)
                return attributes.error();
            const QHash<QString, Attribute> &definitions = definitionsBySite[*siteId];
            const Result<void> valid = AttributeService::validate(definitions, attributes.value());
            if (!valid)
                return valid.error();
            device->attributes = attributes.value();
            const Result<qint64> id = m_devices.insert(db, device.value());
            if (!id)
                return id.error().code == ErrorCode::Conflict
                           ? Error{ErrorCode::Conflict,
                                   QStringLiteral("A device named %1 exists in this site.")
                                       .arg(device->hostname),
                                   {{QStringLiteral("hostname"),
                                     QStringLiteral(
                                         "Device with this site and hostname already exists.")}}}
                           : id.error();
            device->id = id.value();
            const Result<void> done = Transaction::allOf(
                {[&] {
                     return m_values.insert(db, DeviceResource, device->id, device->attributes,
                                            definitions);
                 },
                 [&] {
                     return ChangeLog::record(db, caller.user.id, device->siteId,
                                              QStringLiteral("Create"), DeviceResource, device->id,
                                              device->toJson());
                 }});
            if (!done)
                return done.error();
            created << device.value();
        }
        return created;
    });
}

Result<QList<Device>> DeviceService::update(const Identity &caller, const QJsonArray &items,
                                            bool partial)
{
    QList<qint64> ids;
    for (const QJsonValue item : items) {
        const QJsonValue idValue = item.toObject().value(QStringLiteral("id"));
        if (!item.isObject() || !idValue.isDouble())
            return Error::invalidField(QStringLiteral("id"),
                                       QStringLiteral("Each item needs its integer id."));
        ids << qint64(idValue.toDouble());
    }
    QHash<qint64, QHash<QString, Attribute>> definitionsBySite;
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<QList<Device>> {
        const Result<QHash<qint64, Device>> targets = byIds(ids);
        if (!targets)
            return targets.error();
        QList<Device> updated;
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QJsonObject fields = items.at(i).toObject();
            const Device &current = *targets->constFind(ids.at(i));
            const Result<void> allowed =
                m_permissions.require(caller, SiteType, current.siteId, Action::Change);
            if (!allowed)
                return allowed.error();
            Result<Device> device = applyFields(current, fields, partial);
            if (!device)
                return device.error();
            if (!partial && !fields.contains(QStringLiteral("attributes")))
                return required(QStringLiteral("attributes"));
            const Result<QJsonObject> given = attributesOf(fields);
            if (!given)
                return given.error();
            QJsonObject attributes = partial ? current.attributes : QJsonObject();
            for (auto it = given->begin(); it != given->end(); ++it) {
                if (it.value().isNull())
                    attributes.remove(it.key());
                else
                    attributes.insert(it.key(), it.value());
            }
            if (!definitionsBySite.contains(device->siteId)) {
                const Result<QHash<QString, Attribute>> definitions =
                    m_attributes.repository().definitions(device->siteId, DeviceResource);
                if (!definitions)
                    return definitions.error();
                definitionsBySite.insert(device->siteId, definitions.value());
            }
            const QHash<QString, Attribute> &definitions = definitionsBySite[device->siteId];
            const Result<void> valid = AttributeService::validate(definitions, attributes);
            if (!valid)
                return valid.error();
            device->attributes = attributes;
            const Result<void> done = Transaction::allOf(
                {[&] { return m_devices.update(db, device.value()); },
                 [&] {
                     return m_values.replace(db, DeviceResource, device->id, attributes,
                                             definitions);
                 },
                 [&] {
                     return ChangeLog::record(db, caller.user.id, device->siteId,
                                              QStringLiteral("Update"), DeviceResource, device->id,
                                              device->toJson());
                 }});
            if (!done)
                return done.error().code == ErrorCode::Conflict
                           ? Error{ErrorCode::Conflict,
                                   QStringLiteral(
                                       "A device with that hostname exists in this site."),
                                   {{QStringLiteral("hostname"),
                                     QStringLiteral(
                                         "Device with this site and hostname already exists.")}}}
                           : done.error();
            updated << device.value();
        }
        return updated;
    });
}

Result<void> DeviceService::remove(const Identity &caller, const QList<qint64> &ids)
{
    const QList<qint64> unique = QSet<qint64>(ids.cbegin(), ids.cend()).values();
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
        const Result<QHash<qint64, Device>> targets = byIds(unique);
        if (!targets)
            return targets.error();
        for (qint64 id : unique) {
            const Device &device = *targets->constFind(id);
            const Result<void> allowed =
                m_permissions.require(caller, SiteType, device.siteId, Action::Delete);
            if (!allowed)
                return allowed.error();
            const Result<void> done = Transaction::allOf(
                {[&] { return m_values.removeAll(db, DeviceResource, id); },
                 [&] { return m_devices.remove(db, id); },
                 [&] {
                     return ChangeLog::record(db, caller.user.id, device.siteId,
                                              QStringLiteral("Delete"), DeviceResource, id,
                                              device.toJson());
                 }});
            if (!done)
                return done.error();
        }
        return {};
    });
}

} // namespace Cairn
