#include "CommandsController.h"

#include "CoreServices.h"
#include "ToolkitSupport.h"
#include "routing/JsonSchema.h"
#include "routing/Page.h"
#include "routing/Router.h"
#include "transport/PlatformCatalog.h"

namespace Cairn {

namespace {

const QString Collection = QStringLiteral("commands/");

QJsonObject shown(const ApiRequest &request, const Command &command, bool brief)
{
    const QString url = Toolkit::urlOf(request, Collection, command.id);
    if (brief) {
        return {{QStringLiteral("id"), command.id},
                {QStringLiteral("url"), url},
                {QStringLiteral("display"), command.name},
                {QStringLiteral("name"), command.name},
                {QStringLiteral("command_type"), command.commandType}};
    }
    QJsonObject json = command.toJson();
    json.insert(QStringLiteral("url"), url);
    // Platforms as NetBox nests related objects; clients may send them back as they are.
    QJsonArray platforms;
    for (const QString &platform : command.platforms) {
        const PlatformProfile *profile = PlatformCatalog::find(platform);
        platforms.append(
            QJsonObject{{QStringLiteral("slug"), platform},
                        {QStringLiteral("name"), platform},
                        {QStringLiteral("display"), platform},
                        {QStringLiteral("vendor"), profile ? profile->vendor : QString()}});
    }
    json.insert(QStringLiteral("platforms"), platforms);
    return json;
}

QJsonArray shownAll(const ApiRequest &request, const QList<Command> &commands)
{
    const bool brief = request.queryFlag(QStringLiteral("brief"));
    QJsonArray rows;
    for (const Command &command : commands)
        rows.append(shown(request, command, brief));
    return rows;
}

Result<CommandFilter> filterOf(const ApiRequest &request)
{
    CommandFilter filter;
    const QStringList ids = Toolkit::queryValues(request, QStringLiteral("id"));
    if (!ids.isEmpty()) {
        filter.ids = QList<qint64>();
        for (const QString &id : ids) {
            bool numeric = false;
            filter.ids->append(id.toLongLong(&numeric));
            if (!numeric)
                return Error::invalidField(QStringLiteral("id"),
                                           QStringLiteral("Enter a whole number."));
        }
    }
    filter.name = request.http.queryValue(QStringLiteral("name"));
    filter.commandType = request.http.queryValue(QStringLiteral("command_type"));
    const QString platform = request.http.queryValue(QStringLiteral("platform_slug"));
    const PlatformProfile *profile = PlatformCatalog::find(platform);
    filter.platform = profile ? profile->name : platform;
    filter.tag = request.http.queryValue(QStringLiteral("tag"));
    filter.search = request.http.queryValue(QStringLiteral("q"));
    filter.nameContains = request.http.queryValue(QStringLiteral("name_icontains"));
    filter.descriptionContains = request.http.queryValue(QStringLiteral("description_icontains"));
    const Result<std::optional<qint64>> after =
        Toolkit::timeParam(request, QStringLiteral("created_after"));
    const Result<std::optional<qint64>> before =
        Toolkit::timeParam(request, QStringLiteral("created_before"));
    if (!after || !before)
        return after ? before.error() : after.error();
    filter.createdAfter = after.value();
    filter.createdBefore = before.value();
    filter.ordering = request.http.queryValue(QStringLiteral("ordering"))
                          .split(QLatin1Char(','), Qt::SkipEmptyParts);
    return filter;
}

HttpResponse list(CoreServices &core, const ApiRequest &request)
{
    const Result<Page> page = Toolkit::page(request);
    Result<CommandFilter> filter = filterOf(request);
    if (!page || !filter)
        return Toolkit::error(request, page ? filter.error() : page.error());
    filter->limit = page->rowsToFetch();
    filter->offset = page->offset;
    const Result<QList<Command>> rows = core.commands().list(filter.value());
    const Result<qint64> total = core.commands().count(filter.value());
    if (!rows || !total)
        return Toolkit::error(request, rows ? total.error() : rows.error());
    return page->respond(request, shownAll(request, rows.value()), total.value());
}

HttpResponse create(CoreServices &core, const ApiRequest &request)
{
    const Result<QJsonValue> body = request.jsonBody();
    if (!body)
        return Toolkit::error(request, body.error());
    const bool many = body->isArray();
    const Result<QList<Command>> created = core.commands().create(
        *request.identity, many ? body->toArray() : QJsonArray{body.value()});
    if (!created)
        return Toolkit::error(request, created.error());
    const QJsonArray rows = shownAll(request, created.value());
    return HttpResponse::json(many ? QJsonValue(rows) : rows.first(), 201);
}

HttpResponse bulkChange(CoreServices &core, const ApiRequest &request, bool partial)
{
    const Result<QJsonValue> body = request.jsonBody();
    if (!body)
        return Toolkit::error(request, body.error());
    if (!body->isArray())
        return Toolkit::error(request, Error::badRequest(QStringLiteral(
                                           "Expected a list of objects, each with its id.")));
    const Result<QList<Command>> updated =
        core.commands().update(*request.identity, body->toArray(), partial);
    if (!updated)
        return Toolkit::error(request, updated.error());
    return HttpResponse::json(shownAll(request, updated.value()));
}

HttpResponse bulkRemove(CoreServices &core, const ApiRequest &request)
{
    const Result<QList<qint64>> ids = Toolkit::idsOfBody(request);
    if (!ids)
        return Toolkit::error(request, ids.error());
    const Result<void> removed = core.commands().remove(*request.identity, ids.value());
    if (!removed)
        return Toolkit::error(request, removed.error());
    return HttpResponse::noContent();
}

HttpResponse detail(CoreServices &core, const ApiRequest &request)
{
    const Result<qint64> id = Toolkit::pathId(request);
    const Result<Command> command =
        id ? core.commands().get(id.value()) : Result<Command>(id.error());
    if (!command)
        return Toolkit::error(request, command.error());
    return HttpResponse::json(
        shown(request, command.value(), request.queryFlag(QStringLiteral("brief"))));
}

HttpResponse change(CoreServices &core, const ApiRequest &request, bool partial)
{
    const Result<qint64> id = Toolkit::pathId(request);
    Result<QJsonObject> body = request.bodyObject();
    if (!id || !body)
        return Toolkit::error(request, id ? body.error() : id.error());
    body->insert(QStringLiteral("id"), id.value());
    const Result<QList<Command>> updated =
        core.commands().update(*request.identity, QJsonArray{body.value()}, partial);
    if (!updated)
        return Toolkit::error(request, updated.error());
    return HttpResponse::json(shown(request, updated->first(), false));
}

HttpResponse remove(CoreServices &core, const ApiRequest &request)
{
    const Result<qint64> id = Toolkit::pathId(request);
    const Result<void> removed =
        id ? core.commands().remove(*request.identity, {id.value()}) : Result<void>(id.error());
    if (!removed)
        return Toolkit::error(request, removed.error());
    return HttpResponse::noContent();
}

QJsonObject commandSchema()
{
    const QJsonObject string = JsonSchema::ofType("string");
    QJsonObject commandType = string;
    commandType.insert(QStringLiteral("enum"),
                       QJsonArray{QStringLiteral("show"), QStringLiteral("config")});
    QJsonObject variableType = string;
    variableType.insert(QStringLiteral("enum"), QJsonArray::fromStringList(CommandVariable::Types));
    const QJsonObject variable = JsonSchema::requiring(
        JsonSchema::object({{QStringLiteral("name"), JsonSchema::text(50)},
                            {QStringLiteral("display_name"), JsonSchema::text(100)},
                            {QStringLiteral("variable_type"), variableType},
                            {QStringLiteral("required"), JsonSchema::ofType("boolean")},
                            {QStringLiteral("help_text"), string},
                            {QStringLiteral("default_value"), string}}),
        {QStringLiteral("name")});
    return JsonSchema::requiring(
        JsonSchema::object(
            {{QStringLiteral("id"), JsonSchema::readOnly(JsonSchema::ofType("integer"))},
             {QStringLiteral("url"), JsonSchema::readOnly(string)},
             {QStringLiteral("display"), JsonSchema::readOnly(string)},
             {QStringLiteral("name"), JsonSchema::text(100)},
             {QStringLiteral("command"),
              JsonSchema::text(2000, QStringLiteral("One line; <variable> placeholders."))},
             {QStringLiteral("description"), JsonSchema::text(500)},
             {QStringLiteral("command_type"), commandType},
             {QStringLiteral("platforms"),
              JsonSchema::arrayOf(
                  JsonSchema::ofType("string", QStringLiteral("Platform name, alias or {slug}.")))},
             {QStringLiteral("tags"), JsonSchema::arrayOf(string)},
             {QStringLiteral("variables"), JsonSchema::arrayOf(variable)},
             {QStringLiteral("created"), JsonSchema::readOnly(string)},
             {QStringLiteral("last_updated"), JsonSchema::readOnly(string)}}),
        {QStringLiteral("name"), QStringLiteral("command"), QStringLiteral("platforms")});
}

QList<QueryParameter> listParameters()
{
    using Toolkit::parameter;
    return Toolkit::listParameters(
        {parameter("id", "Repeatable.", "integer"),
         parameter("q", "Substring of name, command or description."),
         parameter("name", "Exact name."), parameter("command_type", "show or config."),
         parameter("platform_slug", "Platform name or alias."), parameter("tag", "Tag name."),
         parameter("name_icontains", "Substring of the name."),
         parameter("description_icontains", "Substring of the description."),
         parameter("created_after", "Date or date-time."),
         parameter("created_before", "Date or date-time."),
         parameter("ordering", "id, name, command_type, created, last_updated; '-' descends."),
         parameter("brief", "id, url, display, name only.", "boolean")});
}

} // namespace

void CommandsController::registerRoutes(Router &router, CoreServices &core)
{
    const QString list_ = Toolkit::Base + Collection;
    const QString item = list_ + QStringLiteral("{id}/");
    const QJsonObject schema = commandSchema();
    const auto add = [&](const QByteArray &method, const QString &path, const QString &summary,
                         int status, auto handler) {
        RouteSpec spec = RouteSpec::of(Face::Toolkit, method, path, summary);
        spec.successStatus = status;
        if (method == "GET" && path == list_)
            spec.queryParameters = listParameters();
        if (method == "POST" || method == "PUT" || method == "PATCH")
            spec.requestSchema = schema;
        if (status != 204)
            spec.responseSchema =
                path == list_ && method != "POST" ? JsonSchema::arrayOf(schema) : schema;
        router.add(spec,
                   [&core, handler](const ApiRequest &request) { return handler(core, request); });
    };
    add("GET", list_, QStringLiteral("List commands"), 200, list);
    add("POST", list_, QStringLiteral("Create commands (one object or a list)"), 201, create);
    add("PUT", list_, QStringLiteral("Replace commands (a list, each with its id)"), 200,
        [](CoreServices &c, const ApiRequest &r) { return bulkChange(c, r, false); });
    add("PATCH", list_, QStringLiteral("Update commands (a list, each with its id)"), 200,
        [](CoreServices &c, const ApiRequest &r) { return bulkChange(c, r, true); });
    add("DELETE", list_, QStringLiteral("Delete commands (a list of ids)"), 204, bulkRemove);
    add("GET", item, QStringLiteral("Get a command"), 200, detail);
    add("PUT", item, QStringLiteral("Replace a command"), 200,
        [](CoreServices &c, const ApiRequest &r) { return change(c, r, false); });
    add("PATCH", item, QStringLiteral("Update a command"), 200,
        [](CoreServices &c, const ApiRequest &r) { return change(c, r, true); });
    add("DELETE", item, QStringLiteral("Delete a command"), 204, remove);
}

} // namespace Cairn
