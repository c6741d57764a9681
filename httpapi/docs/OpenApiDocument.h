#pragma once

#include <QJsonObject>

namespace Cairn {

class Router;

// The OpenAPI 3 description of every documented route, built from the route metadata.
class OpenApiDocument
{
public:
    static QJsonObject build(const Router &router);
};

} // namespace Cairn
