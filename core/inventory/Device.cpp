#include "Device.h"

namespace Cairn {

const QStringList Device::DetailFields{
    QStringLiteral("ip_address"),    QStringLiteral("port"),        QStringLiteral("platform"),
    QStringLiteral("vendor"),        QStringLiteral("model"),       QStringLiteral("os_version"),
    QStringLiteral("serial_number"), QStringLiteral("mac_address"), QStringLiteral("location"),
    QStringLiteral("latitude"),      QStringLiteral("longitude"),   QStringLiteral("description"),
    QStringLiteral("icon")};

const QStringList Device::TextFields{QStringLiteral("configuration"),
                                     QStringLiteral("operational_data"),
                                     QStringLiteral("specialized_data")};

QJsonValue Device::detail(const QString &field) const
{
    const auto coordinate = [](std::optional<double> value) {
        return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
    };
    if (field == u"ip_address")
        return ipAddress;
    if (field == u"port")
        return port;
    if (field == u"platform")
        return platform;
    if (field == u"vendor")
        return vendor;
    if (field == u"model")
        return model;
    if (field == u"os_version")
        return osVersion;
    if (field == u"serial_number")
        return serialNumber;
    if (field == u"mac_address")
        return macAddress;
    if (field == u"location")
        return location;
    if (field == u"latitude")
        return coordinate(latitude);
    if (field == u"longitude")
        return coordinate(longitude);
    if (field == u"description")
        return description;
    if (field == u"icon")
        return icon;
    return QJsonValue::Undefined;
}

QJsonObject Device::toJson() const
{
    QJsonObject json{
        {QStringLiteral("id"), id},
        {QStringLiteral("site_id"), siteId},
        {QStringLiteral("hostname"), hostname},
        {QStringLiteral("attributes"), attributes},
    };
    for (const QString &field : DetailFields)
        json.insert(field, detail(field));
    for (auto it = texts.cbegin(); it != texts.cend(); ++it)
        json.insert(it.key(), it.value());
    return json;
}

} // namespace Cairn
