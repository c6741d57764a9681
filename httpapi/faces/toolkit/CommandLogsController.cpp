#include "CommandLogsController.h"

#include "CoreServices.h"
#include "ToolkitSupport.h"
#include "routing/JsonSchema.h"
#include "routing/Page.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

const QString Collection = QStringLiteral("command-logs/");

QJsonObject shown(const ApiRequest &request, const CommandLog &log, bool brief)
{
    const QString url = Toolkit::urlOf(request, Collection, log.id);
    if (brief) {
        return {{QStringLiteral("id"), log.id},
                {QStringLiteral("url"), url},
                {QStringLiteral("display"), log.toJson().value(QLatin1String("display"))},
                {QStringLiteral("success"), log.success}};
    }
    QJsonObject json = log.toJson();
    json.insert(QStringLiteral("url"), url);
    return json;
}

Result<CommandLogFilter> filterOf(const ApiRequest &request)
{
    CommandLogFilter filter;
    const auto idOf = [&](const QString &name, const QString &text) -> Result<qint64> {
        bool numeric = false;
        const qint64 id = text.toLongLong(&numeric);
        if (!numeric)
            return Error::invalidField(name, QStringLiteral("Enter a whole number."));
        return id;
    };
    const QString command = request.http.queryValue(QStringLiteral("command_id"));
    if (!command.isEmpty()) {
        const Result<qint64> id = idOf(QStringLiteral("command_id"), command);
        if (!id)
            return id.error();
        filter.commandId = id.value();
    }
    for (const QString &device : Toolkit::queryValues(request, QStringLiteral("device_id"))) {
        const Result<qint64> id = idOf(QStringLiteral("device_id"), device);
        if (!id)
            return id.error();
        filter.deviceIds << id.value();
    }
    filter.username = request.http.queryValue(QStringLiteral("username"));
    filter.success = request.queryBool(QStringLiteral("success"));
    const Result<std::optional<qint64>> after =
        Toolkit::timeParam(request, QStringLiteral("execution_time_after"));
    const Result<std::optional<qint64>> before =
        Toolkit::timeParam(request, QStringLiteral("execution_time_before"));
    if (!after || !before)
        return after ? before.error() : after.error();
    filter.after = after.value();
    filter.before = before.value();
    filter.search = request.http.queryValue(QStringLiteral("q"));
    filter.deviceNameContains = request.http.queryValue(QStringLiteral("device_name_icontains"));
    filter.commandNameContains = request.http.queryValue(QStringLiteral("command_name_icontains"));
    filter.ordering = request.http.queryValue(QStringLiteral("ordering"))
                          .split(QLatin1Char(','), Qt::SkipEmptyParts);
    return filter;
}

HttpResponse list(CoreServices &core, const ApiRequest &request)
{
    const Result<Page> page = Page::netbox(request);
    Result<CommandLogFilter> filter = filterOf(request);
    if (!page || !filter)
        return Toolkit::error(page ? filter.error() : page.error());
    filter->limit = page->rowsToFetch();
    filter->offset = page->offset;
    CommandLogService &logs = core.commandLogs();
    const Result<QList<CommandLog>> rows = logs.list(*request.identity, filter.value());
    const Result<qint64> total = logs.count(*request.identity, filter.value());
    if (!rows || !total)
        return Toolkit::error(rows ? total.error() : rows.error());
    const bool brief = request.queryFlag(QStringLiteral("brief"));
    QJsonArray array;
    for (const CommandLog &log : rows.value())
        array.append(shown(request, log, brief));
    return page->respond(request, array, total.value());
}

HttpResponse detail(CoreServices &core, const ApiRequest &request)
{
    const Result<qint64> id = Toolkit::pathId(request);
    const Result<CommandLog> log =
        id ? core.commandLogs().get(*request.identity, id.value()) : Result<CommandLog>(id.error());
    if (!log)
        return Toolkit::error(log.error());
    return HttpResponse::json(shown(request, log.value(), false));
}

} // namespace

void CommandLogsController::registerRoutes(Router &router, CoreServices &core)
{
    RouteSpec spec;
    spec.face = Face::Toolkit;
    spec.method = "GET";
    spec.path = Toolkit::Base + Collection;
    spec.summary = QStringLiteral("List command logs");
    spec.description = QStringLiteral("Newest first: your executions, or everyone's for a "
                                      "superuser.");
    using Toolkit::parameter;
    spec.queryParameters = Toolkit::listParameters(
        {parameter("command_id", "A command.", "integer"),
         parameter("device_id", "Repeatable.", "integer"),
         parameter("success", "true or false.", "boolean"), parameter("username", "The operator."),
         parameter("q", "Substring of command, device, output or error."),
         parameter("execution_time_after", "Date or date-time."),
         parameter("execution_time_before", "Date or date-time."),
         parameter("device_name_icontains", "Substring of the device's name."),
         parameter("command_name_icontains", "Substring of the command's name."),
         parameter("ordering", "id, execution_time, execution_duration, success, username, "
                               "device, command; '-' descends."),
         parameter("brief", "id, url, display, success only.", "boolean")});
    spec.responseSchema = JsonSchema::ofType("object");
    router.add(spec, [&core](const ApiRequest &request) { return list(core, request); });

    spec.path = Toolkit::Base + Collection + QStringLiteral("{id}/");
    spec.summary = QStringLiteral("Get a command log");
    spec.description.clear();
    spec.queryParameters = {};
    router.add(spec, [&core](const ApiRequest &request) { return detail(core, request); });
}

} // namespace Cairn
