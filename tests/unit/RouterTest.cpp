#include "routing/Router.h"

#include <QJsonArray>
#include <QJsonObject>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

HttpRequest requestFor(const QByteArray &method, const QString &path)
{
    HttpRequest request;
    request.method = method;
    request.rawPath = path;
    request.segments = HttpRequest::splitPath(path);
    return request;
}

RouteSpec publicSpec(const QByteArray &method, const QString &path)
{
    RouteSpec spec;
    spec.method = method;
    spec.path = path;
    spec.face = Face::Nsot;
    spec.isPublic = true;
    spec.summary = QStringLiteral("Networks");
    return spec;
}

HttpResponse echoParams(const ApiRequest &request)
{
    QJsonObject params;
    for (auto it = request.pathParams.cbegin(); it != request.pathParams.cend(); ++it)
        params.insert(it.key(), it.value());
    return HttpResponse::json(params);
}

} // namespace

TEST(Router, MatchesParametersCatchAllsAndEncodedSlashes)
{
    Router router;
    router.add(publicSpec("GET", QStringLiteral("/api/sites/{site}/networks/{cidr*}/children/")),
               echoParams);
    router.add(publicSpec("GET", QStringLiteral("/api/devices/{id}/")), echoParams);

    HttpResponse children = router.dispatch(
        requestFor("GET", QStringLiteral("/api/sites/1/networks/10.0.0.0/8/children/")));
    EXPECT_EQ(children.status, 200);
    EXPECT_EQ(children.body, QByteArray(R"({"cidr":"10.0.0.0/8","site":"1"})"));

    // Without the trailing slash the same route answers; an encoded '/' stays in one segment.
    HttpResponse device = router.dispatch(requestFor("GET", QStringLiteral("/api/devices/a%2Fb")));
    EXPECT_EQ(device.body, QByteArray(R"({"id":"a/b"})"));
}

TEST(Router, AnswersUnknownPathsMethodsHeadAndOptions)
{
    Router router;
    RouteSpec post = publicSpec("POST", QStringLiteral("/api/networks/"));
    post.requestSchema = QJsonObject{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("required"), QJsonArray{QStringLiteral("cidr")}},
        {QStringLiteral("properties"),
         QJsonObject{{QStringLiteral("cidr"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}}}};
    router.add(post, echoParams);
    router.add(publicSpec("GET", QStringLiteral("/api/networks/")), echoParams);

    const HttpResponse missing =
        router.dispatch(requestFor("GET", QStringLiteral("/api/nothing/")));
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.body,
              QByteArray(R"({"error":{"code":404,"message":"Endpoint not found."}})"));

    HttpResponse wrongMethod =
        router.dispatch(requestFor("DELETE", QStringLiteral("/api/networks/")));
    EXPECT_EQ(wrongMethod.status, 405);
    ASSERT_FALSE(wrongMethod.headers.isEmpty());
    EXPECT_EQ(wrongMethod.headers.first().second, QByteArray("POST, GET, HEAD, OPTIONS"));

    EXPECT_EQ(router.dispatch(requestFor("HEAD", QStringLiteral("/api/networks/"))).status, 200);
    EXPECT_EQ(router.dispatch(requestFor(QByteArray(), QStringLiteral("/api/networks/"))).status,
              501);

    const HttpResponse options =
        router.dispatch(requestFor("OPTIONS", QStringLiteral("/api/networks/")));
    EXPECT_EQ(options.status, 200);
    EXPECT_TRUE(options.body.contains(
        R"("cidr":{"label":"Cidr","read_only":false,"required":true,"type":"string"})"))
        << options.body.constData();
}

TEST(Router, SpeaksEachFacesErrorDialect)
{
    Router router;
    EXPECT_EQ(router.dispatch(requestFor("GET", QStringLiteral("/rest/nothing"))).body,
              QByteArray(R"({"alert":"Error 404 - Not found."})"));
    EXPECT_EQ(
        router.dispatch(requestFor("GET", QStringLiteral("/api/plugins/toolkit/nothing/"))).body,
        QByteArray(R"({"detail":"Not found."})"));
}
