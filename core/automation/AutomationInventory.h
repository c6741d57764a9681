#pragma once

#include "Result.h"
#include "SaveReport.h"
#include "auth/Identity.h"
#include "inventory/Device.h"
#include "inventory/DeviceRepository.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <optional>

namespace Cairn {

class Database;
class DeviceService;
class DeviceTexts;
class SiteService;

// eNMS's view of the inventory's devices: the same rows NSoT, the toolkit and ZTP see, named by
// hostname (`name`), created or updated by name, with eNMS's property names (`driver` for the
// platform, custom properties for the attributes). Permissions are the device service's.
class AutomationInventory
{
public:
    AutomationInventory(Database &database, DeviceService &devices, SiteService &sites,
                        DeviceTexts &texts)
        : m_database(database)
        , m_devices(devices)
        , m_sites(sites)
        , m_texts(texts)
    {
    }

    // Every property, texts (configuration, operational_data, specialized_data) included.
    Result<QJsonObject> device(const QString &name);
    // The device as it was.
    Result<QJsonObject> removeDevice(const Identity &caller, const QString &name);
    // Each object on its own: created when its `name` is new, else updated (`new_name` renames).
    SaveReport saveDevices(const Identity &caller, const QJsonArray &objects);
    // The same, saying what became of each object, by position: its name as saved, or why it
    // was refused. The objects are saved together (the new ones in one create, the known ones
    // in one update) and, when the device service refuses a batch, again one by one, so that
    // each refusal is its own.
    QList<Result<QString>> saveTogether(const Identity &caller, const QJsonArray &objects);
    // The devices whose every property in `equal` has that value (as text); an unknown property
    // is a 400 naming it. `withTexts` adds configuration, operational_data and specialized_data.
    Result<QJsonArray> queryDevices(const QList<QPair<QString, QString>> &equal,
                                    bool withTexts = false);
    // Every device with only `properties` (all when none are named), and in `known` every
    // property a device has: pools and searches over 100k devices build what they read, not
    // each property of each device.
    struct DeviceView
    {
        QList<QJsonObject> devices;
        QSet<QString> known;
    };
    // `narrowing`: only devices whose texts may match (see DeviceFilter::TextMatch).
    Result<DeviceView> viewDevices(const std::optional<QSet<QString>> &properties, bool withTexts,
                                   const QList<DeviceFilter::TextMatch> &narrowing = {});
    // One of the device's texts: configuration (the default), operational_data or
    // specialized_data.
    Result<QString> deviceText(const QString &name, const QString &property);

    // A device as eNMS shows it, its site by name.
    // `statuses`: how its texts were last backed up (last_configuration_status...).
    // Whether every device shows `property` (not a custom one).
    static bool isStandard(const QString &property);
    // `only`: these properties alone.
    static QJsonObject toEnms(const Device &device, const QString &siteName,
                              const QJsonObject &statuses, const QSet<QString> *only = nullptr);

private:
    Result<QJsonObject> shown(const Device &device);
    Result<Device> byName(const QString &name, bool withTexts);
    // `siteIds`: sites already looked up, by name.
    Result<QString> saveDevice(const Identity &caller, const QJsonValue &object,
                               QHash<QString, qint64> &siteIds);
    // eNMS's fields as the device service reads them (hostname, platform, attributes...).
    Result<QJsonObject> deviceFields(const QJsonObject &object, QHash<QString, qint64> &siteIds);

    Database &m_database;
    DeviceService &m_devices;
    SiteService &m_sites;
    DeviceTexts &m_texts;
};

} // namespace Cairn
