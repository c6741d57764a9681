#include "Interface.h"

#include "net/MacAddress.h"

#include <QJsonArray>

namespace Cairn {

const QList<int> Interface::Types{6, 1, 135, 136, 161, 24, 150, 53, 131};

QJsonObject Interface::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("parent_id"), parentId ? QJsonValue(*parentId) : QJsonValue()},
        {QStringLiteral("parent"),
         parentId ? QJsonValue(deviceHostname + QLatin1Char(':') + parentName) : QJsonValue()},
        {QStringLiteral("name"), name},
        {QStringLiteral("name_slug"), nameSlug()},
        {QStringLiteral("device"), deviceId},
        {QStringLiteral("device_hostname"), deviceHostname},
        {QStringLiteral("description"), description},
        {QStringLiteral("addresses"), QJsonArray::fromStringList(addresses)},
        {QStringLiteral("networks"), QJsonArray::fromStringList(networks)},
        {QStringLiteral("mac_address"),
         macAddress ? QJsonValue(MacAddress::text(*macAddress)) : QJsonValue()},
        {QStringLiteral("speed"), speed ? QJsonValue(*speed) : QJsonValue()},
        {QStringLiteral("type"), type},
        {QStringLiteral("attributes"), attributes},
    };
}

QJsonObject Assignment::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("device"), deviceId},
        {QStringLiteral("hostname"), hostname},
        {QStringLiteral("interface"), interfaceId},
        {QStringLiteral("interface_name"), interfaceName},
        {QStringLiteral("address"), address},
    };
}

} // namespace Cairn
