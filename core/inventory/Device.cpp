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

QJsonObject Device::toJson() const
{
    const auto coordinate = [](std::optional<double> value) {
        return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
    };
    QJsonObject json{
        {QStringLiteral("id"), id},
        {QStringLiteral("site_id"), siteId},
        {QStringLiteral("hostname"), hostname},
        {QStringLiteral("attributes"), attributes},
        {QStringLiteral("ip_address"), ipAddress},
        {QStringLiteral("port"), port},
        {QStringLiteral("platform"), platform},
        {QStringLiteral("vendor"), vendor},
        {QStringLiteral("model"), model},
        {QStringLiteral("os_version"), osVersion},
        {QStringLiteral("serial_number"), serialNumber},
        {QStringLiteral("mac_address"), macAddress},
        {QStringLiteral("location"), location},
        {QStringLiteral("latitude"), coordinate(latitude)},
        {QStringLiteral("longitude"), coordinate(longitude)},
        {QStringLiteral("description"), description},
        {QStringLiteral("icon"), icon},
    };
    for (auto it = texts.cbegin(); it != texts.cend(); ++it)
        json.insert(it.key(), it.value());
    return json;
}

} // namespace Cairn
