#pragma once

#include "Result.h"
#include "inventory/Device.h"

#include <QStringList>

namespace Cairn {
class DeviceService;
}

namespace Cairn::DeviceNames {

// The devices `names` stand for, each once, in order. eNMS names devices by hostname alone: a
// name no device has, or one devices of several sites share, is left out and told in `problems`.
Result<QList<Device>> resolve(DeviceService &devices, const QStringList &names,
                              QStringList &problems);

} // namespace Cairn::DeviceNames
