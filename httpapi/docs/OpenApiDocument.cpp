#include "OpenApiDocument.h"

#include "routing/Router.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace Cairn {

namespace {

QString openApiPath(const QString &path)
{
    QString converted = path;
    return converted.replace(QLatin1String("*}"), QLatin1String("}"));
}

QString operationId(const RouteSpec &spec)
{
    static const QRegularExpression separators(QStringLiteral("[^A-Za-z0-9]+"));
    QString id = QString::fromLatin1(spec.method).toLower() + QLatin1Char('_') +
                 QString(spec.path).replace(separators, QStringLiteral("_"));
    while (id.endsWith(QLatin1Char('_')))
        id.chop(1);
    return id;
}

QJsonObject errorResponse(const QString &description)
{
    return {
        {QStringLiteral("description"), description},
        {QStringLiteral("content"),
         QJsonObject{
             {QStringLiteral("application/json"),
              QJsonObject{{QStringLiteral("schema"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}}}}}}}};
}

QJsonObject operation(const Route &route)
{
    const RouteSpec &spec = route.spec();
    QJsonArray parameters;
    for (const QString &name : route.parameterNames())
        parameters.append(
            QJsonObject{{QStringLiteral("name"), name},
                        {QStringLiteral("in"), QStringLiteral("path")},
                        {QStringLiteral("required"), true},
                        {QStringLiteral("schema"),
                         QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}});
    for (const QueryParameter &query : spec.queryParameters)
        parameters.append(QJsonObject{
            {QStringLiteral("name"), query.name},
            {QStringLiteral("in"), QStringLiteral("query")},
            {QStringLiteral("required"), query.required},
            {QStringLiteral("description"), query.description},
            {QStringLiteral("schema"), QJsonObject{{QStringLiteral("type"), query.type}}}});

    QJsonObject success{{QStringLiteral("description"), QStringLiteral("Success")}};
    if (!spec.responseSchema.isEmpty())
        success.insert(QStringLiteral("content"),
                       QJsonObject{{spec.responseContentType,
                                    QJsonObject{{QStringLiteral("schema"), spec.responseSchema}}}});
    QJsonObject responses{{QString::number(spec.successStatus), success},
                          {QStringLiteral("400"), errorResponse(QStringLiteral("Invalid input"))}};
    if (!spec.isPublic) {
        responses.insert(QStringLiteral("401"),
                         errorResponse(QStringLiteral("No or invalid credentials")));
        responses.insert(QStringLiteral("403"), errorResponse(QStringLiteral("Not permitted")));
    }

    QJsonObject op{
        {QStringLiteral("operationId"), operationId(spec)},
        {QStringLiteral("summary"), spec.summary},
        {QStringLiteral("tags"), QJsonArray{faceName(spec.face)}},
        {QStringLiteral("responses"), responses},
    };
    if (!spec.description.isEmpty())
        op.insert(QStringLiteral("description"), spec.description);
    if (!parameters.isEmpty())
        op.insert(QStringLiteral("parameters"), parameters);
    if (!spec.requestSchema.isEmpty())
        op.insert(
            QStringLiteral("requestBody"),
            QJsonObject{
                {QStringLiteral("required"), true},
                {QStringLiteral("content"),
                 QJsonObject{{QStringLiteral("application/json"),
                              QJsonObject{{QStringLiteral("schema"), spec.requestSchema}}}}}});
    if (spec.isPublic)
        op.insert(QStringLiteral("security"), QJsonArray());
    return op;
}

QJsonObject securitySchemes()
{
    const auto headerKey = [](const QString &description) {
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("apiKey")},
                           {QStringLiteral("in"), QStringLiteral("header")},
                           {QStringLiteral("name"), QStringLiteral("Authorization")},
                           {QStringLiteral("description"), description}};
    };
    return {
        {QStringLiteral("token"), headerKey(QStringLiteral("'Token <key>' with an API token."))},
        {QStringLiteral("authToken"),
         headerKey(QStringLiteral("'AuthToken <email>:<token>' from POST /api/authenticate/."))},
        {QStringLiteral("basic"), QJsonObject{{QStringLiteral("type"), QStringLiteral("http")},
                                              {QStringLiteral("scheme"), QStringLiteral("basic")}}},
    };
}

} // namespace

QJsonObject OpenApiDocument::build(const Router &router, const Router *ztp, const QString &ztpUrl)
{
    QJsonObject paths;
    QStringList faces;
    const auto add = [&](const Route &route, const QJsonArray &servers) {
        const QString path = openApiPath(route.spec().path);
        QJsonObject item = paths.value(path).toObject();
        item.insert(QString::fromLatin1(route.spec().method).toLower(), operation(route));
        if (!servers.isEmpty())
            item.insert(QStringLiteral("servers"), servers);
        paths.insert(path, item);
        if (!faces.contains(faceName(route.spec().face)))
            faces << faceName(route.spec().face);
    };
    for (const Route &route : router.routes()) {
        if (route.spec().documented)
            add(route, {});
    }
    // Another listener: its paths say where they are served.
    const QJsonArray ztpServers{QJsonObject{
        {QStringLiteral("url"), ztpUrl},
        {QStringLiteral("description"),
         QStringLiteral("The zero-touch provisioning listener (--ztp-listen); switches call it "
                        "without credentials.")}}};
    if (ztp) {
        for (const Route &route : ztp->routes())
            add(route, ztpServers);
    }
    QJsonArray tags;
    for (const QString &face : faces)
        tags.append(QJsonObject{{QStringLiteral("name"), face}});
    return {
        {QStringLiteral("openapi"), QStringLiteral("3.0.3")},
        {QStringLiteral("info"),
         QJsonObject{{QStringLiteral("title"), QStringLiteral("Cairn API")},
                     {QStringLiteral("version"), QStringLiteral(CAIRN_VERSION)},
                     {QStringLiteral("description"),
                      QStringLiteral("Source of truth, automation, command toolkit, VM control and "
                                     "zero-touch provisioning in one server.")}}},
        {QStringLiteral("paths"), paths},
        {QStringLiteral("tags"), tags},
        {QStringLiteral("components"),
         QJsonObject{{QStringLiteral("securitySchemes"), securitySchemes()}}},
        {QStringLiteral("security"),
         QJsonArray{QJsonObject{{QStringLiteral("token"), QJsonArray()}},
                    QJsonObject{{QStringLiteral("authToken"), QJsonArray()}},
                    QJsonObject{{QStringLiteral("basic"), QJsonArray()}}}},
    };
}

} // namespace Cairn
