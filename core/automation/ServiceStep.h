#pragma once

#include "Result.h"
#include "Service.h"
#include "auth/Identity.h"
#include "inventory/Device.h"

#include <QJsonObject>
#include <QJsonValue>
#include <functional>

namespace Cairn {

// What one try of a service on one device (or once, without a device) works from.
struct StepInput
{
    const Identity &caller;
    const Service &service;
    // Null when the service runs once for all its devices.
    const Device *device;
    const QJsonObject &payload;
    // The run's name (what backups record as their last runtime).
    const QString &runtime;
    // Whether the run was asked to stop; steps that wait check it.
    std::function<bool()> stopped;
    // What the service's templates saw (device, payload): the service's fields come rendered
    // with it; a data extraction's query is evaluated in it.
    const QJsonObject &context;
};

// What a step gave: `result` is the output eNMS shows as a result's `result`; `details` are the
// step's own keys beside it (the commands sent, a REST call's status code...). A step that could
// not do its work returns an error instead; one that did it but found the answer wrong (a
// device-side error, an unexpected status) sets `success` to false.
struct StepOutput
{
    QJsonValue result;
    QJsonObject details;
    bool success = true;
};

// One service type's work (a command, a ping, a REST call...). Steps are built once per runner
// and run from many threads at once: they keep no state of their own between runs.
class ServiceStep
{
public:
    virtual ~ServiceStep() = default;
    virtual Result<StepOutput> run(const StepInput &input) = 0;
};

} // namespace Cairn
