#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace Cairn {

// The one device of the whole product: the NSoT face shows hostname and attributes, the
// automation and toolkit faces connect to ip_address:port with the platform's driver.
struct Device
{
    qint64 id = 0;
    qint64 siteId = 0;
    QString hostname;
    QString ipAddress;
    int port = 22;
    QString platform;
    QString vendor;
    QString model;
    QString osVersion;
    QString serialNumber;
    QString macAddress;
    QString location;
    std::optional<double> latitude;
    std::optional<double> longitude;
    QString description;
    QString icon;
    // configuration, operational_data, specialized_data: large, so read only when asked for
    // (empty when not read) and, on update, written only when given.
    QHash<QString, QString> texts;
    // Attribute name -> value (a string, or an array of strings for multi attributes).
    QJsonObject attributes;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;

    QJsonObject toJson() const;
    // One of DetailFields as JSON; undefined for any other name.
    QJsonValue detail(const QString &field) const;

    // Writable fields besides hostname and attributes, as JSON names.
    static const QStringList DetailFields;
    // Large texts kept out of listings; read on request only.
    static const QStringList TextFields;
};

} // namespace Cairn

// Lists of 100k devices grow by moving memory, not each device.
Q_DECLARE_TYPEINFO(Cairn::Device, Q_RELOCATABLE_TYPE);
