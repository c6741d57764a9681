#pragma once

#include "Device.h"
#include "DeviceRepository.h"
#include "Result.h"
#include "auth/Identity.h"
#include "jobs/Progress.h"

#include <QJsonArray>

namespace Cairn {

class AttributeService;
class AttributeValueRepository;
class Database;
class PermissionService;
class SiteService;

// Devices: validation, attribute rules, permissions (per site) and the change log. Bulk
// operations are atomic: one bad item and nothing is applied.
class DeviceService
{
public:
    DeviceService(Database &database, PermissionService &permissions, SiteService &sites,
                  AttributeService &attributes, AttributeValueRepository &values);

    Result<QList<Device>> list(const DeviceFilter &filter);
    // Where the devices list() would give are, and no more: for work over many devices.
    Result<QList<DevicePlace>> places(const DeviceFilter &filter);
    // The custom attributes some device has a value of.
    Result<QSet<QString>> attributeNamesInUse();
    Result<qint64> count(const DeviceFilter &filter);
    // By id, or by hostname (within `siteId` when given; a hostname in several sites is 400).
    Result<Device> get(const QString &key, std::optional<qint64> siteId = std::nullopt);
    Result<QList<qint64>> query(std::optional<qint64> siteId, const QString &setQuery);
    // Reads the large texts (Device::TextFields) of `devices`, in one query.
    Result<void> attachTexts(QList<Device> &devices);

    // `fields` may omit site_id when `defaultSite` is given (nested routes, faces without sites).
    Result<QList<Device>> create(const Identity &caller, const QJsonArray &items,
                                 std::optional<qint64> defaultSite);
    // Each item carries its `id`. PUT (`partial` false) replaces every mutable field and the
    // whole attribute dictionary; PATCH merges attributes, null deleting one.
    Result<QList<Device>> update(const Identity &caller, const QJsonArray &items, bool partial);
    // `progress` told after each chunk; asked to stop, it removes nothing.
    Result<void> remove(const Identity &caller, const QList<qint64> &ids,
                        const Progress &progress = {});

    // Devices removed with a few statements at a time.
    static constexpr qsizetype RemoveChunk = 2000;

private:
    Result<Device> applyFields(Device device, const QJsonObject &fields, bool partial);
    // Every one of `ids` (in one query per 500), or NotFound naming the first missing.
    Result<QHash<qint64, Device>> byIds(const QList<qint64> &ids);

    Database &m_database;
    PermissionService &m_permissions;
    SiteService &m_sites;
    AttributeService &m_attributes;
    AttributeValueRepository &m_values;
    DeviceRepository m_devices;
};

} // namespace Cairn
