#include "ChangesController.h"

#include "CoreServices.h"
#include "NsotSupport.h"
#include "routing/JsonSchema.h"
#include "routing/Page.h"
#include "routing/Representation.h"
#include "routing/Router.h"

#include <QJsonDocument>

namespace Cairn {

namespace {

const QStringList Visible{QStringLiteral("id"),          QStringLiteral("site"),
                          QStringLiteral("user"),        QStringLiteral("change_at"),
                          QStringLiteral("event"),       QStringLiteral("resource_name"),
                          QStringLiteral("resource_id"), QStringLiteral("resource")};

Result<ChangeFilter> filterOf(CoreServices &core, const ApiRequest &request)
{
    const Result<std::optional<qint64>> site = Nsot::nestedSite(core, request);
    const Result<Page> page = Page::fromRequest(request);
    if (!site || !page)
        return site ? page.error() : site.error();
    ChangeFilter filter;
    filter.siteId = site.value();
    filter.event = request.http.queryValue(QStringLiteral("event"));
    filter.resourceName = request.http.queryValue(QStringLiteral("resource_name"));
    const QString resourceId = request.http.queryValue(QStringLiteral("resource_id"));
    if (!resourceId.isEmpty())
        filter.resourceId = resourceId.toLongLong();
    filter.limit = page->rowsToFetch();
    filter.offset = page->offset;
    return filter;
}

HttpResponse list(CoreServices &core, const ApiRequest &request)
{
    const Result<ChangeFilter> filter = filterOf(core, request);
    if (!filter)
        return Nsot::error(filter.error());
    const Page page = Page::fromRequest(request).value();
    const Result<QList<Change>> changes = core.changes().list(filter.value());
    const Result<qint64> total =
        page.limit ? core.changes().count(filter.value()) : Result<qint64>(0);
    if (!changes || !total)
        return Nsot::error(changes ? total.error() : changes.error());
    const Representation representation(request);
    QJsonArray array;
    for (const Change &change : changes.value())
        array.append(representation.shape(change.toJson(), Visible));
    return page.respond(request, array, total.value());
}

Result<Change> target(CoreServices &core, const ApiRequest &request)
{
    bool numeric = false;
    const qint64 id = request.pathParam(QStringLiteral("id")).toLongLong(&numeric);
    if (!numeric)
        return Error::notFound(QStringLiteral("Change not found."));
    return core.changes().find(id);
}

HttpResponse detail(CoreServices &core, const ApiRequest &request)
{
    const Result<Change> change = target(core, request);
    if (!change)
        return Nsot::error(change.error());
    return HttpResponse::json(Representation(request).shape(change->toJson(), Visible));
}

QString pretty(const QJsonObject &object)
{
    return object.isEmpty()
               ? QString()
               : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

HttpResponse diff(CoreServices &core, const ApiRequest &request)
{
    const Result<Change> change = target(core, request);
    if (!change)
        return Nsot::error(change.error());
    const Result<std::optional<Change>> previous = core.changes().previous(change.value());
    if (!previous)
        return Nsot::error(previous.error());
    const QJsonObject before = previous->has_value() ? previous.value()->resource : QJsonObject();
    const QJsonObject after =
        change->event == QLatin1String("Delete") ? QJsonObject() : change->resource;
    return HttpResponse::json(ChangesController::lineDiff(pretty(before), pretty(after)));
}

HttpResponse values(CoreServices &core, const ApiRequest &request)
{
    const Result<std::optional<qint64>> site = Nsot::nestedSite(core, request);
    const Result<Page> page = Page::fromRequest(request);
    if (!site || !page)
        return Nsot::error(site ? page.error() : site.error());
    const ValueFilter filter{request.http.queryValue(QStringLiteral("name")),
                             request.http.queryValue(QStringLiteral("value")),
                             request.http.queryValue(QStringLiteral("resource_name")),
                             site.value()};
    AttributeValueRepository &values = core.attributeValues();
    const Result<QJsonArray> rows = values.list(filter, page->rowsToFetch(), page->offset);
    const Result<qint64> total = page->limit ? values.count(filter) : Result<qint64>(0);
    if (!rows || !total)
        return Nsot::error(rows ? total.error() : rows.error());
    static const QStringList ValueFields{QStringLiteral("id"),
                                         QStringLiteral("name"),
                                         QStringLiteral("value"),
                                         QStringLiteral("attribute"),
                                         QStringLiteral("resource_name"),
                                         QStringLiteral("resource_id")};
    const Representation representation(request);
    QJsonArray shaped;
    for (const QJsonValue row : rows.value())
        shaped.append(representation.shape(row.toObject(), ValueFields));
    return page->respond(request, shaped, total.value());
}

} // namespace

QString ChangesController::lineDiff(const QString &before, const QString &after)
{
    const QStringList a = before.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QStringList b = after.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    // Longest common subsequence of lines; snapshots are small.
    QList<QList<int>> common(a.size() + 1, QList<int>(b.size() + 1, 0));
    for (qsizetype i = a.size() - 1; i >= 0; --i) {
        for (qsizetype j = b.size() - 1; j >= 0; --j)
            common[i][j] =
                a[i] == b[j] ? common[i + 1][j + 1] + 1 : qMax(common[i + 1][j], common[i][j + 1]);
    }
    QStringList lines{QStringLiteral("--- before"), QStringLiteral("+++ after")};
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && j < b.size() && a[i] == b[j]) {
            lines << QLatin1Char(' ') + a[i++];
            ++j;
        } else if (j < b.size() && (i == a.size() || common[i][j + 1] >= common[i + 1][j])) {
            lines << QLatin1Char('+') + b[j++];
        } else {
            lines << QLatin1Char('-') + a[i++];
        }
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void ChangesController::registerRoutes(Router &router, CoreServices &core)
{
    for (const QString &prefix : {QStringLiteral("/api"), QStringLiteral("/api/sites/{site_id}")}) {
        RouteSpec spec;
        spec.face = Face::Nsot;
        spec.method = "GET";
        spec.path = prefix + QStringLiteral("/changes/");
        spec.summary = QStringLiteral("Change List");
        spec.description =
            QStringLiteral("Every mutation, newest first, with a snapshot of the object.");
        spec.queryParameters = {
            {QStringLiteral("event"), QStringLiteral("string"),
             QStringLiteral("Create, Update or Delete."), false},
            {QStringLiteral("resource_name"), QStringLiteral("string"), {}, false},
            {QStringLiteral("resource_id"), QStringLiteral("integer"), {}, false},
            {QStringLiteral("limit"), QStringLiteral("integer"), {}, false},
            {QStringLiteral("offset"), QStringLiteral("integer"), {}, false}};
        spec.responseSchema = JsonSchema::arrayOf(JsonSchema::ofType("object"));
        router.add(spec, [&core](const ApiRequest &request) { return list(core, request); });

        spec.path = prefix + QStringLiteral("/values/");
        spec.summary = QStringLiteral("Value List");
        spec.description = QStringLiteral("Attribute values, read-only.");
        spec.queryParameters = Nsot::listParameters(
            {{QStringLiteral("name"), QStringLiteral("string"), {}, false},
             {QStringLiteral("value"), QStringLiteral("string"), {}, false},
             {QStringLiteral("resource_name"), QStringLiteral("string"), {}, false}});
        router.add(spec, [&core](const ApiRequest &request) { return values(core, request); });
    }
    RouteSpec spec;
    spec.face = Face::Nsot;
    spec.method = "GET";
    spec.path = QStringLiteral("/api/changes/{id}/");
    spec.summary = QStringLiteral("Change Instance");
    spec.responseSchema = JsonSchema::ofType("object");
    router.add(spec, [&core](const ApiRequest &request) { return detail(core, request); });
    spec.path = QStringLiteral("/api/changes/{id}/diff/");
    spec.summary = QStringLiteral("Change Diff");
    spec.description =
        QStringLiteral("Line diff between the previous snapshot of the resource and this one.");
    spec.responseSchema = JsonSchema::ofType("string");
    router.add(spec, [&core](const ApiRequest &request) { return diff(core, request); });
}

} // namespace Cairn
