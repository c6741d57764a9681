#pragma once

#include "Result.h"
#include "RunOrder.h"
#include "ServiceRun.h"
#include "auth/Identity.h"

#include <QJsonObject>

namespace Cairn {

class Database;
class DeviceService;

// What a run's shared job stores for the node that claims it (JobManager::share): whom it runs
// as, the run, its service, devices and payload, by ids, read back when it starts. What else the
// order needs (the workflow's steps, credential sets) and the caller's rights are worked out
// again then (ServiceRunner's order check): a run waiting in the queue runs as things are when
// it starts, as an eNMS worker reads them.
class RunWork
{
public:
    static QJsonObject of(const Identity &caller, const RunOrder &order, const ServiceRun &run);
    static qint64 runId(const QJsonObject &work);

    struct Loaded
    {
        Identity caller;
        RunOrder order;
        ServiceRun run;
    };
    // Devices deleted since the run was asked for are left out (its report's errors name
    // them); a service or user gone since, or a user who may no longer sign in, is why the run
    // cannot start.
    static Result<Loaded> load(Database &database, DeviceService &devices, const QJsonObject &work);
};

} // namespace Cairn
