#include "CommandVariable.h"

namespace Cairn {

const QStringList CommandVariable::Types{QStringLiteral("text"), QStringLiteral("interface"),
                                         QStringLiteral("vlan"), QStringLiteral("vlan_name"),
                                         QStringLiteral("ip")};

QJsonObject CommandVariable::toJson() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("display_name"), displayName.isEmpty() ? name : displayName},
            {QStringLiteral("variable_type"), type},
            {QStringLiteral("required"), required},
            {QStringLiteral("help_text"), helpText},
            {QStringLiteral("default_value"), defaultValue}};
}

} // namespace Cairn
