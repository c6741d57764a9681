#pragma once

#include <QString>

namespace Cairn {

// Where a device is, for work that needs no more of it (links naming their endpoints, an
// import replacing every device): its id, its site and its name, read without the rest.
struct DevicePlace
{
    qint64 id = 0;
    qint64 siteId = 0;
    QString hostname;
};

} // namespace Cairn
