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
    const Result<Page> page = Toolkit::page(request);
    Result<CommandLogFilter> filter = filterOf(request);
    if (!page || !filter)
        return Toolkit::error(request, page ? filter.error() : page.error());
    filter->limit = page->rowsToFetch();
    filter->offset = page->offset;
    CommandLogService &logs = core.commandLogs();
    const Result<QList<CommandLog>> rows = logs.list(*request.identity, filter.value());
    const Result<qint64> total = logs.count(*request.identity, filter.value());
    if (!rows || !total)
        return Toolkit::error(request, rows ? total.error() : rows.error());
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
        return Toolkit::error(request, log.error());
    return HttpResponse::json(shown(request, log.value(), false));
}

HttpResponse statistics(CoreServices &core, const ApiRequest &request)
{
    const Result<CommandLogFilter> filter = filterOf(request);
    if (!filter)
        return Toolkit::error(request, filter.error());
    const Result<CommandLogStatistics> statistics =
        core.commandLogs().statistics(*request.identity, filter.value());
    if (!statistics)
        return Toolkit::error(request, statistics.error());
    return HttpResponse::json(statistics->toJson());
}

// start_date / end_date of an export: whole days (UTC), the end day included.
Result<std::optional<qint64>> dayParam(const ApiRequest &request, const QString &name, bool end)
{
    const QString text = request.http.queryValue(name);
    if (text.isEmpty())
        return std::optional<qint64>();
    const QDate day = QDate::fromString(text, QStringLiteral("yyyy-MM-dd"));
    if (!day.isValid())
        return Error{ErrorCode::BadRequest, QStringLiteral("Invalid date format"),
                     QJsonObject{{name, QStringLiteral("Use YYYY-MM-DD.")}}};
    const QDate from = end ? day.addDays(1) : day;
    return std::optional<qint64>(from.startOfDay(Qt::UTC).toMSecsSinceEpoch() - (end ? 1 : 0));
}

Result<CommandLogExport::Format> formatOf(const ApiRequest &request)
{
    const QString format = request.http.queryValue(QStringLiteral("format"));
    if (format.isEmpty() || format == QLatin1String("csv"))
        return CommandLogExport::Format::Csv;
    if (format == QLatin1String("json"))
        return CommandLogExport::Format::Json;
    return Error{ErrorCode::BadRequest, QStringLiteral("Unsupported export format"),
                 QJsonObject{{QStringLiteral("format"), QStringLiteral("Use csv or json.")}}};
}

HttpResponse exportLogs(CoreServices &core, const ApiRequest &request)
{
    Result<CommandLogFilter> filter = filterOf(request);
    const Result<CommandLogExport::Format> format = formatOf(request);
    const Result<std::optional<qint64>> start =
        dayParam(request, QStringLiteral("start_date"), false);
    const Result<std::optional<qint64>> end = dayParam(request, QStringLiteral("end_date"), true);
    for (const Error *problem :
         {filter ? nullptr : &filter.error(), format ? nullptr : &format.error(),
          start ? nullptr : &start.error(), end ? nullptr : &end.error()}) {
        if (problem)
            return Toolkit::errorWithDetails(Toolkit::faceOf(request), *problem);
    }
    if (start.value())
        filter->after = qMax(filter->after.value_or(0), *start.value());
    if (end.value())
        filter->before = filter->before ? qMin(*filter->before, *end.value()) : *end.value();
    const bool csv = format.value() == CommandLogExport::Format::Csv;
    std::shared_ptr<CommandLogExport> rows =
        core.commandLogs().exportOf(*request.identity, std::move(filter).value(), format.value());
    const QByteArray fileName = "command_logs_" +
                                QDate::currentDate().toString(Qt::ISODate).toLatin1() +
                                (csv ? ".csv" : ".json");
    return HttpResponse::streamed(csv ? "text/csv; charset=utf-8" : "application/json",
                                  [rows] { return rows->next(); })
        .withHeader("Content-Disposition", "attachment; filename=\"" + fileName + '"');
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
    const QList<QueryParameter> filters{
        parameter("command_id", "A command.", "integer"),
        parameter("device_id", "Repeatable.", "integer"),
        parameter("success", "true or false.", "boolean"),
        parameter("username", "The operator."),
        parameter("q", "Substring of command, device, output or error."),
        parameter("execution_time_after", "Date or date-time."),
        parameter("execution_time_before", "Date or date-time."),
        parameter("device_name_icontains", "Substring of the device's name."),
        parameter("command_name_icontains", "Substring of the command's name.")};
    spec.queryParameters = Toolkit::listParameters(
        filters +
        QList<QueryParameter>{
            parameter("ordering", "id, execution_time, execution_duration, success, username, "
                                  "device, command; '-' descends."),
            parameter("brief", "id, url, display, success only.", "boolean")});
    spec.responseSchema = JsonSchema::ofType("object");
    router.add(spec, [&core](const ApiRequest &request) { return list(core, request); });

    // Before {id}/, which would match these paths too.
    spec.path = Toolkit::Base + Collection + QStringLiteral("statistics/");
    spec.summary = QStringLiteral("Command log statistics");
    spec.description = QStringLiteral(
        "Over the logs you may see, narrowed by the list's filters: total_logs, success_rate (%), "
        "last_24h, top_commands and common_errors (ten each), per_device (ten busiest) and "
        "duration (average, max, p50, p90, p99 in seconds).");
    spec.queryParameters = filters;
    router.add(spec, [&core](const ApiRequest &request) { return statistics(core, request); });

    spec.path = Toolkit::Base + Collection + QStringLiteral("export/");
    spec.summary = QStringLiteral("Export command logs");
    spec.description = QStringLiteral(
        "Every log you may see under the filters, streamed (no row limit): CSV (ID, Command, "
        "Device, User, Success, Created, Execution Time, Error Message, Duration (s)) or JSON "
        "{count, results}. Errors are {error, details}.");
    spec.queryParameters =
        filters + QList<QueryParameter>{parameter("format", "csv (default) or json."),
                                        parameter("start_date", "YYYY-MM-DD, from its start."),
                                        parameter("end_date", "YYYY-MM-DD, to its end.")};
    spec.responseSchema = {};
    router.add(spec, [&core](const ApiRequest &request) { return exportLogs(core, request); });

    spec.responseSchema = JsonSchema::ofType("object");
    spec.path = Toolkit::Base + Collection + QStringLiteral("{id}/");
    spec.summary = QStringLiteral("Get a command log");
    spec.description.clear();
    spec.queryParameters = {};
    router.add(spec, [&core](const ApiRequest &request) { return detail(core, request); });
}

} // namespace Cairn
