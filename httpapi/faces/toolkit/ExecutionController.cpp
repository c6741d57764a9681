#include "ExecutionController.h"

#include "CoreServices.h"
#include "ToolkitSupport.h"
#include "inventory/Fields.h"
#include "routing/JsonSchema.h"
#include "routing/Router.h"

namespace Cairn {

namespace {

// 403 and 429 of an execute call carry {"error", "details"}; the rest the usual shapes.
HttpResponse refusal(Face face, const Error &error)
{
    if (error.code != ErrorCode::Forbidden && error.code != ErrorCode::TooManyRequests)
        return FaceErrors::response(face, error);
    return Toolkit::errorWithDetails(face, error);
}

Result<qint64> deviceIdOf(const QJsonObject &fields)
{
    const Result<std::optional<qint64>> id = Fields::integer(fields, QStringLiteral("device_id"));
    if (!id)
        return id.error();
    if (!id.value())
        return Fields::required(QStringLiteral("device_id"));
    return *id.value();
}

const QStringList ExecutionFields{QStringLiteral("device_id"), QStringLiteral("credential_token"),
                                  QStringLiteral("variables"), QStringLiteral("timeout")};

// One execution as a request body (execute) or an item of bulk-execute gives it.
Result<ExecutionRequest> executionOf(const QJsonObject &body, qint64 commandId)
{
    ExecutionRequest execution;
    execution.commandId = commandId;
    const Result<qint64> device = deviceIdOf(body);
    if (!device)
        return device.error();
    execution.deviceId = device.value();
    const Result<std::optional<qint64>> timeout = Fields::integer(body, QStringLiteral("timeout"));
    if (!timeout)
        return timeout.error();
    execution.timeoutSeconds = int(timeout->value_or(30));
    const QJsonValue variables = body.value(QLatin1String("variables"));
    if (!variables.isUndefined() && !variables.isNull() && !variables.isObject())
        return Error::invalidField(QStringLiteral("variables"),
                                   QStringLiteral("Expected an object of name: value."));
    execution.variables = variables.toObject();
    execution.credentialToken = body.value(QLatin1String("credential_token")).toString();
    return execution;
}

Result<ExecutionRequest> requestOf(const ApiRequest &request)
{
    const Result<QJsonObject> body = request.bodyObject();
    if (!body)
        return body.error();
    const Result<qint64> command = Toolkit::pathId(request);
    if (!command)
        return command.error();
    const Result<void> known = Fields::onlyKnown(body.value(), ExecutionFields);
    if (!known)
        return known.error();
    return executionOf(body.value(), command.value());
}

// bulk-execute's items: each read on its own, so one bad item is reported in its place.
Result<QList<Result<ExecutionRequest>>> bulkOf(const QJsonObject &body)
{
    const QJsonValue executions = body.value(QLatin1String("executions"));
    if (!executions.isArray() || executions.toArray().isEmpty())
        return Error::invalidField(QStringLiteral("executions"),
                                   QStringLiteral("A non-empty list of executions is required."));
    // Every name checked before anything runs: a misspelt one is a mistake in the whole request.
    Result<void> known =
        Fields::onlyKnown(body, {QStringLiteral("executions"), QStringLiteral("async")});
    const QJsonArray all = executions.toArray();
    for (qsizetype index = 0; known && index < all.size(); ++index) {
        known = Fields::onlyKnown(all.at(index).toObject(),
                                  ExecutionFields + QStringList{QStringLiteral("command_id")},
                                  QStringLiteral("executions[%1].").arg(index));
    }
    if (!known)
        return known.error();
    QList<Result<ExecutionRequest>> items;
    for (const QJsonValue item : executions.toArray()) {
        const Result<std::optional<qint64>> command =
            Fields::integer(item.toObject(), QStringLiteral("command_id"));
        if (!item.isObject())
            items << Error::badRequest(QStringLiteral("Each execution is an object."));
        else if (!command)
            items << command.error();
        else if (!command.value())
            items << Fields::required(QStringLiteral("command_id"));
        else
            items << executionOf(item.toObject(), *command.value());
    }
    return items;
}

QJsonObject outcomeJson(const ExecutionOutcome &outcome)
{
    const CommandLog &log = outcome.log;
    const std::optional<DeviceErrorPattern> &error = outcome.deviceError;
    return {
        {QStringLiteral("success"), log.success},
        {QStringLiteral("output"), log.output},
        {QStringLiteral("parsed_output"), log.parsedOutput.value_or(QJsonObject())},
        {QStringLiteral("error_message"), log.errorMessage},
        {QStringLiteral("execution_time"), log.executionDuration},
        {QStringLiteral("command_log_id"), log.id},
        {QStringLiteral("command"),
         QJsonObject{{QStringLiteral("id"), outcome.command.id},
                     {QStringLiteral("name"), outcome.command.name},
                     {QStringLiteral("command_type"), outcome.command.commandType}}},
        {QStringLiteral("device"), QJsonObject{{QStringLiteral("id"), outcome.device.id},
                                               {QStringLiteral("name"), outcome.device.hostname}}},
        {QStringLiteral("syntax_error"),
         QJsonObject{{QStringLiteral("detected"), error.has_value()},
                     {QStringLiteral("type"), error ? error->type : QString()},
                     {QStringLiteral("vendor"), error ? outcome.vendor : QString()},
                     {QStringLiteral("guidance"), error ? error->guidance : QString()}}}};
}

HttpResponse execute(CoreServices &core, const ApiRequest &request)
{
    Result<ExecutionRequest> execution = requestOf(request);
    if (!execution)
        return Toolkit::error(request, execution.error());
    // The work runs after this handler returns: it owns copies of what it needs.
    return HttpResponse::later([services = &core, caller = *request.identity,
                                face = Toolkit::faceOf(request),
                                wanted = std::move(execution).value()] {
        const Result<ExecutionOutcome> outcome = services->executor().execute(caller, wanted);
        if (!outcome)
            return refusal(face, outcome.error());
        return HttpResponse::json(outcomeJson(outcome.value()), outcome->log.success ? 200 : 400);
    });
}

HttpResponse jobAccepted(const Job &job)
{
    return HttpResponse::json(
        QJsonObject{{QStringLiteral("job_id"), job.id},
                    {QStringLiteral("state"), jobStateName(job.state)},
                    {QStringLiteral("url"), QStringLiteral("/api/jobs/%1/").arg(job.id)}},
        202);
}

HttpResponse bulkExecute(CoreServices &core, const ApiRequest &request)
{
    const Result<QJsonObject> body = request.bodyObject();
    if (!body)
        return Toolkit::error(request, body.error());
    Result<QList<Result<ExecutionRequest>>> executions = bulkOf(body.value());
    if (!executions)
        return Toolkit::error(request, executions.error());
    const bool wait = !body->value(QLatin1String("async")).toBool();
    return HttpResponse::later([services = &core, caller = *request.identity, wait,
                                face = Toolkit::faceOf(request),
                                wanted = std::move(executions).value()] {
        const Result<Job> started = services->bulkExecutor().start(caller, wanted);
        if (!started)
            return FaceErrors::response(face, started.error());
        if (!wait)
            return jobAccepted(started.value());
        // Each execution has its own timeout (at most 300 s); this bounds the whole.
        constexpr int LongestWaitMs = 3600 * 1000;
        const Result<Job> finished = services->jobs().waitFor(started->id, LongestWaitMs);
        if (!finished || !isFinished(finished->state))
            return jobAccepted(started.value());
        QJsonObject answer = finished->result;
        answer.insert(QStringLiteral("job_id"), finished->id);
        answer.insert(QStringLiteral("job_state"), jobStateName(finished->state));
        return HttpResponse::json(answer);
    });
}

// The command of the path and the device a request names (body or query).
Result<std::pair<Command, Device>> commandAndDevice(CoreServices &core, const ApiRequest &request,
                                                    const QJsonObject &fields)
{
    const Result<qint64> id = Toolkit::pathId(request);
    const Result<qint64> device = deviceIdOf(fields);
    if (!id || !device)
        return id ? device.error() : id.error();
    return core.executor().target(id.value(), device.value());
}

HttpResponse validateVariables(CoreServices &core, const ApiRequest &request)
{
    const Result<QJsonObject> body = request.bodyObject();
    if (!body)
        return Toolkit::error(request, body.error());
    const auto target = commandAndDevice(core, request, body.value());
    if (!target)
        return Toolkit::error(request, target.error());
    const auto &[command, device] = target.value();
    const QJsonObject given = body->value(QLatin1String("variables")).toObject();
    const Result<QHash<QString, QString>> values =
        core.executor().checkVariables(command, device, given);
    if (values)
        return HttpResponse::json(
            QJsonObject{{QStringLiteral("detail"), QStringLiteral("Variables are valid")}});
    if (values.error().code != ErrorCode::BadRequest ||
        !values.error().fields.contains(QLatin1String("variables")))
        return Toolkit::error(request, values.error());
    const QJsonObject problems = values.error().fields.value(QLatin1String("variables")).toObject();
    QJsonObject details;
    for (const CommandVariable &variable : command.variables) {
        details.insert(variable.name,
                       QJsonObject{{QStringLiteral("variable_type"), variable.type},
                                   {QStringLiteral("value"), given.value(variable.name)},
                                   {QStringLiteral("valid"), !problems.contains(variable.name)},
                                   {QStringLiteral("message"), problems.value(variable.name)}});
    }
    return HttpResponse::json(QJsonObject{{QStringLiteral("variables"), problems},
                                          {QStringLiteral("validation_details"), details}},
                              400);
}

HttpResponse variableChoices(CoreServices &core, const ApiRequest &request)
{
    const QJsonObject query{
        {QStringLiteral("device_id"), request.http.queryValue(QStringLiteral("device_id"))}};
    const auto target = commandAndDevice(core, request, query);
    if (!target)
        return Toolkit::error(request, target.error());
    const auto &[command, device] = target.value();
    const Result<DeviceFacts> facts = core.executor().factsOf(device);
    if (!facts)
        return Toolkit::error(request, facts.error());
    return HttpResponse::json(VariableValues::choices(command, facts.value()));
}

} // namespace

void ExecutionController::registerRoutes(Router &router, CoreServices &core)
{
    RouteSpec spec;
    spec.face = Face::Toolkit;
    spec.method = "POST";
    spec.path = Toolkit::Base + QStringLiteral("commands/{id}/execute/");
    spec.summary = QStringLiteral("Run a command on a device");
    spec.description = QStringLiteral(
        "Checks the variables against the device, the execute_show/execute_config permission, "
        "the device's rate limit and the credential set, then runs the command over SSH and "
        "logs it. 200 when it ran cleanly; 400 with the same shape when the device could not "
        "be reached or reported an error.");
    spec.requestSchema = JsonSchema::requiring(
        JsonSchema::object(
            {{QStringLiteral("device_id"), JsonSchema::ofType("integer")},
             {QStringLiteral("credential_token"), JsonSchema::ofType("string")},
             {QStringLiteral("variables"), JsonSchema::ofType("object")},
             {QStringLiteral("timeout"),
              JsonSchema::ofType("integer", QStringLiteral("Seconds, 5 to 300 (30)."))}}),
        {QStringLiteral("device_id"), QStringLiteral("credential_token")});
    spec.responseSchema = JsonSchema::ofType("object");
    router.add(spec, [&core](const ApiRequest &request) { return execute(core, request); });

    spec.path = Toolkit::Base + QStringLiteral("commands/bulk-execute/");
    spec.summary = QStringLiteral("Run many commands on many devices");
    spec.description = QStringLiteral(
        "Runs the executions as one job, several at once (`[toolkit] bulk_concurrency`), each "
        "under the checks of execute. 200 {results [{execution_id, success, command_log_id, "
        "execution_time} | {execution_id, success: false, error, details}], summary {total, "
        "successful, failed}, job_id}; with \"async\": true, 202 {job_id, url} at once and the "
        "same answer as the job's result at /api/jobs/{id}/.");
    QJsonObject item = JsonSchema::requiring(
        JsonSchema::object({{QStringLiteral("command_id"), JsonSchema::ofType("integer")},
                            {QStringLiteral("device_id"), JsonSchema::ofType("integer")},
                            {QStringLiteral("credential_token"), JsonSchema::ofType("string")},
                            {QStringLiteral("variables"), JsonSchema::ofType("object")},
                            {QStringLiteral("timeout"), JsonSchema::ofType("integer")}}),
        {QStringLiteral("command_id"), QStringLiteral("device_id"),
         QStringLiteral("credential_token")});
    spec.requestSchema = JsonSchema::requiring(
        JsonSchema::object(
            {{QStringLiteral("executions"), JsonSchema::arrayOf(item)},
             {QStringLiteral("async"),
              JsonSchema::ofType("boolean", QStringLiteral("Answer 202 with the job at once."))}}),
        {QStringLiteral("executions")});
    router.add(spec, [&core](const ApiRequest &request) { return bulkExecute(core, request); });

    spec.path = Toolkit::Base + QStringLiteral("commands/{id}/validate-variables/");
    spec.summary = QStringLiteral("Check variables without running the command");
    spec.description = QStringLiteral(
        "The checks execute makes against the device (interfaces, addresses, VLAN ranges): "
        "200 {detail} or 400 {variables, validation_details}.");
    spec.requestSchema = JsonSchema::requiring(
        JsonSchema::object({{QStringLiteral("device_id"), JsonSchema::ofType("integer")},
                            {QStringLiteral("variables"), JsonSchema::ofType("object")}}),
        {QStringLiteral("device_id")});
    router.add(spec,
               [&core](const ApiRequest &request) { return validateVariables(core, request); });

    spec.method = "GET";
    spec.path = Toolkit::Base + QStringLiteral("commands/{id}/variable-choices/");
    spec.summary = QStringLiteral("What each variable may be on a device");
    spec.description = QStringLiteral("Per variable: type, choices (the device's interfaces or "
                                      "addresses; null for free values), help_text, "
                                      "default_value.");
    spec.requestSchema = {};
    spec.queryParameters = {{QStringLiteral("device_id"), QStringLiteral("integer"),
                             QStringLiteral("The device."), true}};
    router.add(spec, [&core](const ApiRequest &request) { return variableChoices(core, request); });
}

} // namespace Cairn
