#include "DeviceRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace Cairn {

namespace {

const QString Columns = QStringLiteral(
    "SELECT id, site_id, hostname, ip_address, port, platform, vendor, model, os_version, "
    "serial_number, mac_address, location, latitude, longitude, description, icon, created_at, "
    "updated_at%1 FROM devices");
const QString TextColumns = QStringLiteral(", configuration, operational_data, specialized_data");

// The text columns DeviceFilter::textMatches may name.
const QStringList MatchableColumns =
    QStringList{QStringLiteral("hostname"),      QStringLiteral("ip_address"),
                QStringLiteral("platform"),      QStringLiteral("vendor"),
                QStringLiteral("model"),         QStringLiteral("os_version"),
                QStringLiteral("serial_number"), QStringLiteral("mac_address"),
                QStringLiteral("location"),      QStringLiteral("description"),
                QStringLiteral("icon")} +
    Device::TextFields;

// ORDER BY of a listing: names fixed here, never taken from the caller.
QString orderColumn(DeviceOrder order)
{
    switch (order) {
    case DeviceOrder::Id:
        return {};
    case DeviceOrder::Hostname:
        return QStringLiteral("hostname");
    case DeviceOrder::Site:
        return QStringLiteral("(SELECT name FROM sites WHERE sites.id = site_id)");
    case DeviceOrder::IpAddress:
        return QStringLiteral("ip_address");
    case DeviceOrder::Platform:
        return QStringLiteral("platform");
    case DeviceOrder::Vendor:
        return QStringLiteral("vendor");
    case DeviceOrder::Model:
        return QStringLiteral("model");
    case DeviceOrder::SerialNumber:
        return QStringLiteral("serial_number");
    case DeviceOrder::Description:
        return QStringLiteral("description");
    }
    return {};
}

QString orderOf(const DeviceFilter &filter)
{
    const QString direction = filter.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    const QString column = orderColumn(filter.order);
    return QStringLiteral(" ORDER BY ") +
           (column.isEmpty() ? QString() : column + direction + QStringLiteral(", ")) +
           QStringLiteral("id") + direction + QStringLiteral(" LIMIT ? OFFSET ?");
}

// Devices a listing makes room for at once.
constexpr int MaxReserved = 100000;

Device deviceFrom(const QSqlQuery &query, bool withTexts)
{
    Device device;
    device.id = query.value(0).toLongLong();
    device.siteId = query.value(1).toLongLong();
    device.hostname = query.value(2).toString();
    device.ipAddress = query.value(3).toString();
    device.port = query.value(4).toInt();
    device.platform = query.value(5).toString();
    device.vendor = query.value(6).toString();
    device.model = query.value(7).toString();
    device.osVersion = query.value(8).toString();
    device.serialNumber = query.value(9).toString();
    device.macAddress = query.value(10).toString();
    device.location = query.value(11).toString();
    if (!query.value(12).isNull())
        device.latitude = query.value(12).toDouble();
    if (!query.value(13).isNull())
        device.longitude = query.value(13).toDouble();
    device.description = query.value(14).toString();
    device.icon = query.value(15).toString();
    device.createdAt = query.value(16).toLongLong();
    device.updatedAt = query.value(17).toLongLong();
    if (withTexts) {
        for (int i = 0; i < Device::TextFields.size(); ++i)
            device.texts.insert(Device::TextFields.at(i), query.value(18 + i).toString());
    }
    return device;
}

// The WHERE clause and its values. The text is built from constants only; every value the
// caller gave travels as a bound parameter.
QPair<QString, QVariantList> whereOf(const DeviceFilter &filter, const QSqlDatabase &db)
{
    // Only the conditions given: `(? OR hostname = ?)` would hide the column from SQLite's
    // planner, and every lookup by name would read every device.
    QString where = QStringLiteral(" WHERE 1 = 1");
    QVariantList values;
    if (filter.siteId) {
        where += QStringLiteral(" AND site_id = ?");
        values << *filter.siteId;
    }
    if (!filter.hostname.isEmpty()) {
        where += QStringLiteral(" AND hostname = ?");
        values << filter.hostname;
    }
    if (filter.hostnames) {
        const auto [condition, names] =
            SqlQuery::inTexts(db, QStringLiteral("hostname"), *filter.hostnames);
        where += QStringLiteral(" AND ") + condition;
        values << names;
    }
    if (!filter.ipAddress.isEmpty()) {
        where += QStringLiteral(" AND ip_address = ?");
        values << filter.ipAddress;
    }
    for (const auto &[name, value] : filter.attributes) {
        where += QStringLiteral(" AND id IN (SELECT resource_id FROM attribute_values WHERE "
                                "resource_name = 'Device' AND name = ? AND value = ?)");
        values << name << value;
    }
    const bool sqlite = db.driverName() == QLatin1String("QSQLITE");
    for (const DeviceFilter::TextMatch &match : filter.textMatches) {
        // The column is one of the text columns, never text a client chose.
        if (!MatchableColumns.contains(match.column))
            continue;
        QString condition;
        if (match.kind == DeviceFilter::TextMatch::Kind::Equals)
            condition = QStringLiteral("%1 = ?");
        else if (match.kind == DeviceFilter::TextMatch::Kind::Contains)
            condition =
                sqlite ? QStringLiteral("instr(%1, ?) > 0") : QStringLiteral("strpos(%1, ?) > 0");
        else if (sqlite)
            condition = QStringLiteral("%1 REGEXP ?");
        else
            continue;
        where += QStringLiteral(" AND ") + condition.arg(match.column);
        values << match.value;
    }
    if (filter.ids) {
        const auto [condition, ids] = SqlQuery::inIds(db, QStringLiteral("id"), *filter.ids);
        where += QStringLiteral(" AND ") + condition;
        values << ids;
    }
    return {where, values};
}

QVariant coordinate(std::optional<double> value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<double>());
}

QVariantList columnValues(const Device &device)
{
    return {device.siteId,
            device.hostname,
            device.ipAddress,
            device.port,
            device.platform,
            device.vendor,
            device.model,
            device.osVersion,
            device.serialNumber,
            device.macAddress,
            device.location,
            coordinate(device.latitude),
            coordinate(device.longitude),
            device.description,
            device.icon};
}

// The large texts in TextFields order; `absent` for those the device does not carry.
QVariantList textValues(const Device &device, const QVariant &absent)
{
    QVariantList values;
    for (const QString &field : Device::TextFields) {
        const auto text = device.texts.constFind(field);
        values << (text == device.texts.cend() ? absent : QVariant(*text));
    }
    return values;
}

} // namespace

Result<QList<Device>> DeviceRepository::list(const DeviceFilter &filter)
{
    auto [where, values] = whereOf(filter, m_database.connection());
    values << filter.limit << filter.offset;
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        Columns.arg(filter.withTexts ? TextColumns : QString()) + where + orderOf(filter), values);
    if (!query)
        return query.error();
    QList<Device> devices;
    // Room for a whole answer up front: growing a list of 100k devices step by step copies
    // it again and again (untouched room costs no memory).
    devices.reserve(qMin(filter.limit, MaxReserved));
    while (query->next())
        devices << deviceFrom(query.value(), filter.withTexts);
    return devices;
}

Result<QList<DevicePlace>> DeviceRepository::places(const DeviceFilter &filter)
{
    auto [where, values] = whereOf(filter, m_database.connection());
    values << filter.limit << filter.offset;
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT id, site_id, hostname FROM devices") + where + orderOf(filter),
        values);
    if (!query)
        return query.error();
    QList<DevicePlace> places;
    places.reserve(qMin(filter.limit, MaxReserved));
    while (query->next())
        places.append({query->value(0).toLongLong(), query->value(1).toLongLong(),
                       query->value(2).toString()});
    return places;
}

Result<qint64> DeviceRepository::count(const DeviceFilter &filter)
{
    const auto [where, values] = whereOf(filter, m_database.connection());
    const Result<QVariant> total = SqlQuery::scalar(
        m_database.connection(), QStringLiteral("SELECT COUNT(*) FROM devices") + where, values);
    if (!total)
        return total.error();
    return total->toLongLong();
}

Result<void> DeviceRepository::insertAll(const QSqlDatabase &db, QList<Device> &devices)
{
    if (devices.isEmpty())
        return {};
    QJsonArray rows;
    for (const Device &device : std::as_const(devices)) {
        QJsonArray row;
        for (const QVariant &value : columnValues(device) + textValues(device, QString()))
            row.append(QJsonValue::fromVariant(value));
        rows.append(row);
    }
    const QString text = QStringLiteral("text");
    const QString real = QStringLiteral("double precision");
    const auto [columns, source] = SqlQuery::jsonRows(
        db, {QStringLiteral("bigint"), text, text, QStringLiteral("integer"), text, text, text,
             text, text, text, text, real, real, text, text, text, text, text});
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Result<QSqlQuery> inserted = SqlQuery::run(
        db,
        QStringLiteral("INSERT INTO devices (site_id, hostname, ip_address, port, platform, "
                       "vendor, model, os_version, serial_number, mac_address, location, "
                       "latitude, longitude, description, icon%1, created_at, updated_at) "
                       "SELECT %2, CAST(? AS bigint), CAST(? AS bigint) FROM %3 "
                       "RETURNING id, site_id, hostname")
            .arg(TextColumns, columns, source),
        {now, now, QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact))});
    if (!inserted)
        return inserted.error();
    // RETURNING gives no order: rows are matched back by their natural key.
    QHash<QPair<qint64, QString>, qint64> ids;
    ids.reserve(devices.size());
    while (inserted->next()) {
        ids.insert({inserted->value(1).toLongLong(), inserted->value(2).toString()},
                   inserted->value(0).toLongLong());
    }
    for (Device &device : devices) {
        device.id = ids.value({device.siteId, device.hostname});
        device.createdAt = now;
        device.updatedAt = now;
    }
    return {};
}

Result<QSet<QPair<qint64, QString>>> DeviceRepository::taken(const QSqlDatabase &db,
                                                             const QList<Device> &devices)
{
    QJsonArray hostnames;
    for (const Device &device : devices)
        hostnames.append(QJsonArray{device.hostname});
    const auto [column, source] = SqlQuery::jsonRows(db, {QStringLiteral("text")});
    Result<QSqlQuery> query = SqlQuery::run(
        db,
        QStringLiteral("SELECT site_id, hostname FROM devices WHERE hostname IN (SELECT %1 FROM "
                       "%2)")
            .arg(column, source),
        {QString::fromUtf8(QJsonDocument(hostnames).toJson(QJsonDocument::Compact))});
    if (!query)
        return query.error();
    QSet<QPair<qint64, QString>> keys;
    while (query->next())
        keys.insert({query->value(0).toLongLong(), query->value(1).toString()});
    return keys;
}

Result<void> DeviceRepository::update(const QSqlDatabase &db, const Device &device)
{
    return SqlQuery::exec(
        db,
        QStringLiteral(
            "UPDATE devices SET site_id = ?, hostname = ?, ip_address = ?, port = ?, "
            "platform = ?, vendor = ?, model = ?, os_version = ?, serial_number = ?, "
            "mac_address = ?, location = ?, latitude = ?, longitude = ?, description = ?, "
            "icon = ?, updated_at = ?, configuration = COALESCE(?, configuration), "
            "operational_data = COALESCE(?, operational_data), specialized_data = "
            "COALESCE(?, specialized_data) WHERE id = ?"),
        columnValues(device) + QVariantList{QDateTime::currentMSecsSinceEpoch()} +
            textValues(device, QVariant(QMetaType::fromType<QString>())) + QVariantList{device.id});
}

Result<void> DeviceRepository::remove(const QSqlDatabase &db, const QList<qint64> &ids)
{
    const auto [condition, values] = SqlQuery::inIds(db, QStringLiteral("id"), ids);
    return SqlQuery::exec(db, QStringLiteral("DELETE FROM devices WHERE ") + condition, {values});
}

} // namespace Cairn
