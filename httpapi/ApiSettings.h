#pragma once

#include <QString>

namespace Cairn {

// What the API says about this server node.
struct ApiSettings
{
    QString nodeName;
    int clusterId = 1;
};

} // namespace Cairn
