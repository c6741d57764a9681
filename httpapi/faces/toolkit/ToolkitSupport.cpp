#include "ToolkitSupport.h"

#include "routing/Router.h"

#include <QDateTime>
#include <QUrlQuery>

namespace Cairn::Toolkit {

namespace {

const QString NativeBase = QStringLiteral("/api/");

// By the decoded segments the route matched, so that no spelling of a toolkit path
// (percent-encoded, doubled slashes) is answered in the other style.
bool isNative(const ApiRequest &request)
{
    static const QStringList toolkit = Base.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    return request.http.segments.mid(0, toolkit.size()) != toolkit;
}

} // namespace

Face faceOf(const ApiRequest &request)
{
    return isNative(request) ? Face::Native : Face::Toolkit;
}

void mountNatively(Router &router)
{
    const QList<Route> toolkit = router.routes();
    for (const Route &route : toolkit) {
        if (route.spec().face != Face::Toolkit)
            continue;
        RouteSpec spec = route.spec();
        spec.face = Face::Native;
        spec.path = NativeBase + spec.path.mid(Base.size());
        router.add(spec, [route](const ApiRequest &request) { return route.handle(request); });
    }
}

HttpResponse error(const ApiRequest &request, const Error &error)
{
    return FaceErrors::response(faceOf(request), error);
}

HttpResponse errorWithDetails(Face face, const Error &error)
{
    if (face != Face::Toolkit)
        return FaceErrors::response(face, error);
    return HttpResponse::json(QJsonObject{{QStringLiteral("error"), error.message},
                                          {QStringLiteral("details"), error.fields}},
                              FaceErrors::statusOf(error.code));
}

Result<Page> page(const ApiRequest &request)
{
    return isNative(request) ? Page::fromRequest(request) : Page::netbox(request);
}

QString urlOf(const ApiRequest &request, const QString &collection, qint64 id)
{
    return request.baseUrl() + (isNative(request) ? NativeBase : Base) + collection +
           QString::number(id) + QLatin1Char('/');
}

Result<qint64> pathId(const ApiRequest &request)
{
    bool numeric = false;
    const qint64 id = request.pathParam(QStringLiteral("id")).toLongLong(&numeric);
    if (!numeric)
        return Error::notFound(QStringLiteral("Not found."));
    return id;
}

QStringList queryValues(const ApiRequest &request, const QString &name)
{
    return request.http.query.allQueryItemValues(name, QUrl::FullyDecoded);
}

Result<std::optional<qint64>> timeParam(const ApiRequest &request, const QString &name)
{
    const QString text = request.http.queryValue(name);
    if (text.isEmpty())
        return std::optional<qint64>();
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (date.isValid() && text.size() == 10)
        return std::optional<qint64>(date.startOfDay(Qt::UTC).toMSecsSinceEpoch());
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return Error::invalidField(name, QStringLiteral("Enter a valid date/time."));
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    return std::optional<qint64>(time.toMSecsSinceEpoch());
}

QList<QueryParameter> listParameters(const QList<QueryParameter> &filters)
{
    return QList<QueryParameter>{
               parameter("limit", "Page size (50; 0 for the largest).", "integer"),
               parameter("offset", "Rows to skip.", "integer")} +
           filters;
}

QueryParameter parameter(const char *name, const char *description, const char *type)
{
    return {QString::fromLatin1(name), QString::fromLatin1(type), QString::fromLatin1(description),
            false};
}

Result<QList<qint64>> idsOfBody(const ApiRequest &request)
{
    const Result<QJsonValue> body = request.jsonBody();
    if (!body)
        return body.error();
    if (!body->isArray() || body->toArray().isEmpty())
        return Error::badRequest(QStringLiteral("Expected a list of objects, each with its id."));
    QList<qint64> ids;
    for (const QJsonValue item : body->toArray()) {
        const QJsonValue id = item.isObject() ? item.toObject().value(QLatin1String("id")) : item;
        if (!id.isDouble() || id.toDouble() != double(id.toInteger()))
            return Error::invalidField(QStringLiteral("id"),
                                       QStringLiteral("Each item needs an integer id."));
        ids << id.toInteger();
    }
    return ids;
}

} // namespace Cairn::Toolkit
