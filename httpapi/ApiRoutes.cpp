#include "ApiRoutes.h"

#include "docs/DocsController.h"
#include "faces/enms/IsAliveController.h"
#include "faces/native/JobsController.h"
#include "faces/nsot/AuthController.h"
#include "faces/nsot/UsersController.h"

namespace Cairn {

void ApiRoutes::registerAll(Router &router, CoreServices &core, const ApiSettings &settings)
{
    IsAliveController::registerRoutes(router, settings);
    AuthController::registerRoutes(router, core);
    UsersController::registerRoutes(router, core);
    JobsController::registerRoutes(router, core);
    DocsController::registerRoutes(router);
}

} // namespace Cairn
