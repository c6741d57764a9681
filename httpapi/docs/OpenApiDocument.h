#pragma once

#include <QJsonObject>
#include <QString>

namespace Cairn {

class Router;

// The OpenAPI 3 description of every documented route, built from the route metadata; with
// `ztp`, also the zero-touch provisioning listener's routes, served at `ztpUrl`.
class OpenApiDocument
{
public:
    static QJsonObject build(const Router &router, const Router *ztp = nullptr,
                             const QString &ztpUrl = {});
};

} // namespace Cairn
