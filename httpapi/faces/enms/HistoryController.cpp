#include "HistoryController.h"

#include "CoreServices.h"
#include "automation/ConfigurationRestore.h"
#include "routing/FaceErrors.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

HttpResponse restore(CoreServices &core, const ApiRequest &request)
{
    // Every text of the history read and written back: off the listener.
    return HttpResponse::later([services = &core, caller = *request.identity] {
        ServiceRunner &runner = services->serviceRunner();
        ConfigurationRestore restore(runner.history(), runner.texts(), services->devices(),
                                     services->sites(), services->permissions());
        const Result<QJsonObject> restored = restore.restore(caller);
        if (!restored)
            return FaceErrors::response(Face::Enms, restored.error());
        return HttpResponse::json(restored.value());
    });
}

} // namespace

void HistoryController::registerRoutes(Router &router, CoreServices &core)
{
    const QString description = QStringLiteral(
        "Puts the texts of the configuration history's last commit (the git repository "
        "backup services commit to, one folder per device) back on the devices of the same site "
        "and hostname: `{restored, unknown, refused}`. Superusers only.");
    for (const QString &path : {QStringLiteral("/rest/get_git_content"),
                                QStringLiteral("/rest/update_database_configurations_from_git")}) {
        RouteSpec spec =
            RouteSpec::of(Face::Enms, "POST", path,
                          QStringLiteral("Restore configurations from git"), description);
        spec.responseSchema = JsonSchema::ofType("object");
        router.add(spec, [&core](const ApiRequest &request) { return restore(core, request); });
    }
}

} // namespace Cairn
