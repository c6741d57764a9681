#include "ApiRoutes.h"

#include "CoreServices.h"
#include "docs/DocsController.h"
#include "faces/enms/HistoryController.h"
#include "faces/enms/InstancesController.h"
#include "faces/enms/IsAliveController.h"
#include "faces/enms/MigrationController.h"
#include "faces/enms/RunsController.h"
#include "faces/enms/TopologyController.h"
#include "faces/enomalism/AccountsController.h"
#include "faces/enomalism/ClustersController.h"
#include "faces/enomalism/MachineLifecycleController.h"
#include "faces/enomalism/StaticNetworksController.h"
#include "faces/enomalism/TransactionsController.h"
#include "faces/enomalism/VirtController.h"
#include "faces/enomalism/VmFeedController.h"
#include "faces/native/AutomationResourcesController.h"
#include "faces/native/JobsController.h"
#include "faces/native/NativeAccountsController.h"
#include "faces/native/NativePermissionsController.h"
#include "faces/native/TransfersController.h"
#include "faces/native/VirtResourcesController.h"
#include "faces/native/ZtpNodesController.h"
#include "faces/nsot/ApiRootController.h"
#include "faces/nsot/AttributesController.h"
#include "faces/nsot/AuthController.h"
#include "faces/nsot/ChangesController.h"
#include "faces/nsot/CircuitsController.h"
#include "faces/nsot/DevicesController.h"
#include "faces/nsot/InterfacesController.h"
#include "faces/nsot/NetworksController.h"
#include "faces/nsot/ProtocolsController.h"
#include "faces/nsot/SitesController.h"
#include "faces/nsot/UsersController.h"
#include "faces/toolkit/CommandLogsController.h"
#include "faces/toolkit/CommandsController.h"
#include "faces/toolkit/CredentialSetsController.h"
#include "faces/toolkit/ExecutionController.h"
#include "faces/toolkit/ToolkitSupport.h"
#include "faces/ztp/ZtpController.h"
#include "routing/ResponseCache.h"
#include "routing/Router.h"

namespace Cairn {

void ApiRoutes::cacheInventoryReads(Router &router, ResponseCache &cache)
{
    router.setCache(&cache, [](const RouteSpec &spec) {
        // A user's record shows secrets to its owner only; everything else reads the same
        // for every caller.
        return spec.face == Face::Nsot && !spec.path.startsWith(QLatin1String("/api/users"));
    });
}

void ApiRoutes::registerAll(Router &router, CoreServices &core, const ApiSettings &settings,
                            MetricsController::RequestTotals requests)
{
    IsAliveController::registerRoutes(router, core, settings);
    if (!requests)
        requests = [] {
            return QHash<QByteArray, RequestMetrics::Route>();
        };
    MetricsController::registerRoutes(router, core, settings, std::move(requests));
    InstancesController::registerRoutes(router, core);
    RunsController::registerRoutes(router, core);
    HistoryController::registerRoutes(router, core);
    TopologyController::registerRoutes(router, core);
    MigrationController::registerRoutes(router, core);
    AuthController::registerRoutes(router, core);
    UsersController::registerRoutes(router, core);
    ApiRootController::registerRoutes(router);
    SitesController::registerRoutes(router, core);
    AttributesController::registerRoutes(router, core);
    DevicesController::registerRoutes(router, core);
    NetworksController::registerRoutes(router, core);
    // Before the interfaces: /interfaces/{key*}/circuit/ must win over the instance route.
    CircuitsController::registerRoutes(router, core);
    InterfacesController::registerRoutes(router, core);
    ProtocolsController::registerRoutes(router, core);
    ChangesController::registerRoutes(router, core);
    JobsController::registerRoutes(router, core);
    TransfersController::registerRoutes(router, core);
    ZtpNodesController::registerRoutes(router, core);
    CredentialSetsController::registerRoutes(router, core);
    CommandsController::registerRoutes(router, core);
    ExecutionController::registerRoutes(router, core);
    CommandLogsController::registerRoutes(router, core);
    Toolkit::mountNatively(router);
    VirtController::registerRoutes(router, core);
    MachineLifecycleController::registerRoutes(router, core);
    VmFeedController::registerRoutes(router, core);
    AccountsController::registerRoutes(router, core);
    ClustersController::registerRoutes(router, core);
    TransactionsController::registerRoutes(router, core);
    StaticNetworksController::registerRoutes(router, core);
    VirtResourcesController::registerRoutes(router, core);
    AutomationResourcesController::registerRoutes(router, core);
    NativeAccountsController::registerRoutes(router, core);
    NativePermissionsController::registerRoutes(router, core);
    // The ZTP listener's routes, only to be described: that listener has a router of its own.
    auto ztp = std::make_shared<Router>();
    registerZtp(*ztp, core);
    DocsController::registerRoutes(router, ztp, core.ztp().settings().serverUrl);
}

void ApiRoutes::registerZtp(Router &router, CoreServices &core)
{
    router.speakOnly(Face::Ztp);
    ZtpController::registerRoutes(router, core);
}

} // namespace Cairn
