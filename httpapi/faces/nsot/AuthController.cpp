#include "AuthController.h"

#include "CoreServices.h"
#include "routing/JsonSchema.h"
#include "routing/Respond.h"
#include "routing/Router.h"

#include <QJsonArray>

namespace Cairn {

namespace {

HttpResponse authenticate(CoreServices &core, const ApiRequest &request)
{
    const Result<QJsonObject> body = request.bodyObject();
    if (!body)
        return FaceErrors::response(Face::Nsot, body.error());
    QJsonObject missing;
    for (const QString &field : {QStringLiteral("email"), QStringLiteral("secret_key")}) {
        if (body->value(field).toString().isEmpty())
            missing.insert(field, QStringLiteral("This field is required."));
    }
    if (!missing.isEmpty())
        return FaceErrors::response(Face::Nsot, Error::badRequest(QString(), missing));
    const Result<QString> token =
        core.authTokens().issue(body->value(QStringLiteral("email")).toString(),
                                body->value(QStringLiteral("secret_key")).toString());
    if (!token)
        return FaceErrors::response(Face::Nsot, token.error());
    return HttpResponse::json(QJsonObject{{QStringLiteral("auth_token"), token.value()}});
}

HttpResponse verifyToken(CoreServices &core, const ApiRequest &request)
{
    const QByteArray authorization = request.http.header("authorization");
    const qsizetype space = authorization.indexOf(' ');
    const qsizetype colon = authorization.indexOf(':', space);
    if (space < 0 || authorization.left(space).toLower() != "authtoken" || colon < 0)
        return FaceErrors::response(
                   Face::Nsot, Error::unauthorized(QStringLiteral("Invalid AuthToken header.")))
            .withHeader("WWW-Authenticate", "AuthToken");
    const Result<User> user = core.authTokens().verify(
        QString::fromUtf8(authorization.mid(space + 1, colon - space - 1).trimmed()),
        QString::fromLatin1(authorization.mid(colon + 1).trimmed()));
    if (!user)
        return FaceErrors::response(
            Face::Nsot, Error::invalidField(QStringLiteral("auth_token"),
                                            QStringLiteral("Invalid/expired auth_token.")));
    return HttpResponse::json(true);
}

} // namespace

void AuthController::registerRoutes(Router &router, CoreServices &core)
{
    RouteSpec spec;
    spec.method = "POST";
    spec.path = QStringLiteral("/api/authenticate/");
    spec.face = Face::Nsot;
    spec.summary = QStringLiteral("Get an AuthToken");
    spec.description =
        QStringLiteral("Trades a user's email and secret key for a short-lived token, used as "
                       "'Authorization: AuthToken <email>:<token>'.");
    spec.isPublic = true;
    spec.requestSchema = JsonSchema::object(
        {{QStringLiteral("email"),
          JsonSchema::ofType("string", QStringLiteral("The user's email."))},
         {QStringLiteral("secret_key"),
          JsonSchema::ofType("string", QStringLiteral("The user's secret key."))}},
        {QStringLiteral("email"), QStringLiteral("secret_key")});
    spec.responseSchema =
        JsonSchema::object({{QStringLiteral("auth_token"),
                             JsonSchema::ofType("string", QStringLiteral("The token."))}});
    router.add(spec, [&core](const ApiRequest &request) { return authenticate(core, request); });

    spec.path = QStringLiteral("/api/verify_token/");
    spec.summary = QStringLiteral("Check an AuthToken");
    spec.description = QStringLiteral("200 true while the AuthToken in the Authorization header is "
                                      "valid; 400 once it expired.");
    spec.requestSchema = {};
    spec.responseSchema = JsonSchema::ofType("boolean");
    router.add(spec, [&core](const ApiRequest &request) { return verifyToken(core, request); });
}

} // namespace Cairn
