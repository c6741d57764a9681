#pragma once

#include "AutomationCredentials.h"
#include "AutomationInventory.h"
#include "AutomationLinks.h"
#include "AutomationPools.h"
#include "AutomationRuns.h"
#include "AutomationServices.h"
#include "AutomationTasks.h"
#include "CoreServices.h"

namespace Cairn {

// The automation engine's parts over the core's services, built for one request: they hold no
// state of their own, so nothing is kept between requests or shared between threads.
struct AutomationParts
{
    explicit AutomationParts(CoreServices &core)
        : devices(core.database(), core.devices(), core.sites(), core.serviceRunner().texts())
        , links(core.database(), core.devices(), core.permissions())
        , pools(core.database(), devices, links, core.permissions())
        , services(core.database(), core.devices(), core.permissions(), core.serverKey())
        , credentials(core.database(), core.credentialSets(), pools)
        , runs(core.database(), core.serviceRunner(), pools, credentials, core.devices(),
               core.permissions())
        , tasks({core.database(), core.devices(), core.permissions(), core.users(), runs, [&core] {
                     core.taskScheduler().wake();
                 }})
    {
    }

    AutomationInventory devices;
    AutomationLinks links;
    AutomationPools pools;
    AutomationServices services;
    AutomationCredentials credentials;
    AutomationRuns runs;
    AutomationTasks tasks;
};

} // namespace Cairn
