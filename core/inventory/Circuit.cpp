#include "Circuit.h"

namespace Cairn {

QJsonObject Circuit::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("name_slug"), nameSlug()},
        {QStringLiteral("endpoint_a"), endpointASlug},
        {QStringLiteral("endpoint_z"), endpointZ ? QJsonValue(endpointZSlug) : QJsonValue()},
        {QStringLiteral("attributes"), attributes},
    };
}

} // namespace Cairn
