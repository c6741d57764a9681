#pragma once

#include "Device.h"
#include "DevicePlace.h"
#include "Result.h"

#include <QList>
#include <QPair>
#include <QSet>
#include <QSqlDatabase>

namespace Cairn {

class Database;

// What a listing is sorted by (a table's column in the GUI); the id breaks ties.
enum class DeviceOrder
{
    Id,
    Hostname,
    Site,
    IpAddress,
    Platform,
    Vendor,
    Model,
    SerialNumber,
    Description,
};

struct DeviceFilter
{
    std::optional<qint64> siteId;
    QString hostname;
    // when set, only devices with one of these hostnames (names looked up together)
    std::optional<QStringList> hostnames;
    QString ipAddress;
    // attribute name = value pairs, all of which must hold
    QList<QPair<QString, QString>> attributes;
    // when set, only these ids (the result of a set query)
    std::optional<QList<qint64>> ids;
    // Also read the large texts (Device::TextFields).
    bool withTexts = false;
    // Texts that must hold a value: a narrowing for searches that check the texts again
    // themselves, made by the database where it decides exactly as they do (a regex only on
    // SQLite, whose REGEXP is Qt's QRegularExpression).
    struct TextMatch
    {
        enum class Kind
        {
            Contains,
            Equals,
            Regex,
        };
        // hostname, one of Device::TextFields or a text one of Device::DetailFields; any other
        // is ignored.
        QString column;
        QString value;
        Kind kind = Kind::Contains;
    };
    QList<TextMatch> textMatches;
    DeviceOrder order = DeviceOrder::Id;
    bool descending = false;
    int limit = 1000;
    int offset = 0;
};

class DeviceRepository
{
public:
    explicit DeviceRepository(Database &database)
        : m_database(database)
    {
    }

    // Without attributes: the service loads them for the whole page at once.
    Result<QList<Device>> list(const DeviceFilter &filter);
    Result<qint64> count(const DeviceFilter &filter);
    // What list() gives, as places only.
    Result<QList<DevicePlace>> places(const DeviceFilter &filter);
    // New devices in one statement; sets their ids and timestamps.
    Result<void> insertAll(const QSqlDatabase &db, QList<Device> &devices);
    // The (site, hostname) keys among `devices` that existing devices already hold.
    Result<QSet<QPair<qint64, QString>>> taken(const QSqlDatabase &db,
                                               const QList<Device> &devices);
    Result<void> update(const QSqlDatabase &db, const Device &device);
    // In one statement (what the devices own goes with them: ON DELETE CASCADE).
    Result<void> remove(const QSqlDatabase &db, const QList<qint64> &ids);

private:
    Database &m_database;
};

} // namespace Cairn
