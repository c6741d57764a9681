#include "Site.h"

namespace Cairn {

QJsonObject Site::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("description"), description}};
}

} // namespace Cairn
