#include "DocumentSection.h"
#include "ServerFixture.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

using namespace Cairn::Test;

class DocsTest : public ServerFixture
{
protected:
    static void SetUpTestSuite() { startServer(); }

    // Headless Chromium with every host but this machine unresolvable: the network is off.
    static QString renderedDom(const QByteArray &path)
    {
        QProcess chromium;
        chromium.start(
            QStringLiteral("chromium"),
            {QStringLiteral("--headless"), QStringLiteral("--no-sandbox"),
             QStringLiteral("--disable-gpu"), QStringLiteral("--disable-quic"),
             QStringLiteral("--no-first-run"), QStringLiteral("--disable-background-networking"),
             QStringLiteral("--disable-component-update"), QStringLiteral("--disable-sync"),
             QStringLiteral("--user-data-dir=") + s_dir->filePath(QStringLiteral("chromium")),
             QStringLiteral("--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"),
             QStringLiteral("--virtual-time-budget=15000"), QStringLiteral("--dump-dom"),
             QStringLiteral("http://127.0.0.1:%1%2")
                 .arg(s_server->port())
                 .arg(QString::fromLatin1(path))});
        if (!chromium.waitForFinished(90000))
            chromium.kill();
        return QString::fromUtf8(chromium.readAllStandardOutput());
    }
};

TEST_F(DocsTest, SchemaPassesAnIndependentOpenApiValidator)
{
    QProcess node;
    node.setProcessChannelMode(QProcess::MergedChannels);
    node.start(QStringLiteral("node"),
               {QStringLiteral(CAIRN_SOURCE_DIR "/tests/api/validate-openapi.js"),
                QStringLiteral("http://127.0.0.1:%1/api/schema/").arg(s_server->port())});
    ASSERT_TRUE(node.waitForFinished(60000));
    EXPECT_EQ(node.exitCode(), 0) << node.readAll().constData();
}

// The document also describes what switches call on the ZTP listener, and where.
TEST_F(DocsTest, TheZtpListenersApiIsDescribedWithItsServer)
{
    const QJsonObject paths =
        client().get("/api/schema/").json()[QStringLiteral("paths")].toObject();
    const QJsonObject nodes = paths[QStringLiteral("/nodes")].toObject();
    ASSERT_TRUE(nodes.contains(QStringLiteral("post")))
        << QStringList(paths.keys()).join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(nodes[QStringLiteral("servers")][0][QStringLiteral("url")].toString().startsWith(
        QLatin1String("http")));
    EXPECT_TRUE(paths.contains(QStringLiteral("/nodes/{id}/startup-config")));
}

// Enomalism's operations name the variables they read, so Swagger's "Try it out" has fields:
// in the body of a POST or PUT, in the query of a GET.
TEST_F(DocsTest, EnomalismOperationsNameTheirVariables)
{
    const QJsonObject paths =
        client().get("/api/schema/").json()[QStringLiteral("paths")].toObject();
    const auto bodyFields = [&](const char *path, const char *method) {
        return QStringList(paths[QLatin1String(path)][QLatin1String(method)][QStringLiteral(
            "requestBody")][QStringLiteral("content")][QStringLiteral("application/json")]
                                [QStringLiteral("schema")][QStringLiteral("properties")]
                                    .toObject()
                                    .keys());
    };
    EXPECT_EQ(bodyFields("/rest/user/create/", "post"),
              (QStringList{QStringLiteral("email"), QStringLiteral("is_superuser"),
                           QStringLiteral("password"), QStringLiteral("username")}));
    EXPECT_TRUE(
        bodyFields("/rest/networks/{uuid}/iprange/", "post").contains(QStringLiteral("start_ip")));
    EXPECT_TRUE(bodyFields("/rest/machine/{uuid}/actions/provision/", "put")
                    .contains(QStringLiteral("pkguuid")));
    const QJsonArray query = paths[QStringLiteral("/rest/machine/{uuid}/hypervisors/")]
                                  [QStringLiteral("get")][QStringLiteral("parameters")]
                                      .toArray();
    QStringList names;
    for (const QJsonValue parameter : query)
        names << parameter[QStringLiteral("name")].toString();
    EXPECT_TRUE(names.contains(QStringLiteral("virt_url"))) << names.join(u' ').toStdString();
}

// Quantities say their unit: a machine's and a hypervisor's memory are in KiB.
TEST_F(DocsTest, MemoryFieldsSayTheirUnit)
{
    const QJsonObject paths =
        client().get("/api/schema/").json()[QStringLiteral("paths")].toObject();
    const auto schemaOf = [&](const char *path) {
        return paths[QLatin1String(path)][QStringLiteral("get")][QStringLiteral("responses")]
                    [QStringLiteral("200")][QStringLiteral("content")]
                    [QStringLiteral("application/json")][QStringLiteral("schema")]
                        .toObject();
    };
    EXPECT_EQ(schemaOf("/api/machines/{uuid}/")[QStringLiteral("properties")][QStringLiteral(
                  "memory")][QStringLiteral("description")],
              QStringLiteral("KiB."));
    EXPECT_EQ(schemaOf("/api/hypervisors/{uuid}/")[QStringLiteral("properties")][QStringLiteral(
                  "capacity")][QStringLiteral("properties")][QStringLiteral("free_memory")]
                                                  [QStringLiteral("description")],
              QStringLiteral("KiB."));
}

TEST_F(DocsTest, EveryNonPublicRouteDemandsCredentials)
{
    const QJsonObject schema = client().get("/api/schema/").json().toObject();
    const QJsonObject paths = schema[QStringLiteral("paths")].toObject();
    ASSERT_GT(paths.size(), 5);
    QStringList publicRoutes;
    int checked = 0;
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        const QString concrete =
            QString(path.key())
                .replace(QRegularExpression(QStringLiteral("\\{[^}]+\\}")), QStringLiteral("1"));
        const QJsonObject operations = path.value().toObject();
        // The ZTP listener's routes are served elsewhere, without credentials by design.
        if (operations.contains(QStringLiteral("servers")))
            continue;
        for (auto operation = operations.begin(); operation != operations.end(); ++operation) {
            if (operation.value().toObject().contains(QStringLiteral("security"))) {
                publicRoutes << operation.key().toUpper() + QLatin1Char(' ') + path.key();
                continue;
            }
            const HttpReply reply =
                client().request(operation.key().toUpper().toLatin1(), concrete.toLatin1(), "{}");
            EXPECT_EQ(reply.status, 401)
                << qPrintable(operation.key()) << ' ' << qPrintable(concrete);
            ++checked;
        }
    }
    EXPECT_GT(checked, 3);
    // A new public route is a security decision: it must be added here on purpose.
    publicRoutes.sort();
    EXPECT_EQ(publicRoutes,
              (QStringList{QStringLiteral("GET /api/docs/"), QStringLiteral("GET /api/redoc/"),
                           QStringLiteral("GET /api/schema/"), QStringLiteral("GET /metrics"),
                           QStringLiteral("GET /rest/is_alive"),
                           QStringLiteral("POST /api/authenticate/"),
                           QStringLiteral("POST /api/verify_token/")}));
}

TEST_F(DocsTest, UnknownPathsAndMethodsAnswerInJson)
{
    const HttpReply missing = client().get("/api/no-such-thing/");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.json()[QStringLiteral("error")][QStringLiteral("message")].toString(),
              QStringLiteral("Endpoint not found."));
    const HttpReply notAllowed = client().request("DELETE", "/rest/is_alive");
    EXPECT_EQ(notAllowed.status, 405);
    EXPECT_EQ(notAllowed.header("Allow"), QByteArray("GET, HEAD, OPTIONS"));
    EXPECT_TRUE(notAllowed.json().toObject().contains(QStringLiteral("alert")));
    const HttpReply options = client().request("OPTIONS", "/api/authenticate/");
    EXPECT_EQ(options.status, 200);
    EXPECT_TRUE(
        options.json()[QStringLiteral("actions")][QStringLiteral("POST")].toObject().contains(
            QStringLiteral("secret_key")));
    EXPECT_EQ(client().get("/api/docs/assets/..%2F..%2Fswagger.html").status, 404);
}

TEST_F(DocsTest, SwaggerUiRendersWithTheNetworkOff)
{
    // Swagger UI renders the operations one tag after another; the first is the eNMS face's.
    const QString dom = renderedDom("/api/docs/");
    EXPECT_TRUE(dom.contains(QLatin1String("data-path=\"/rest/instance/{type}\"")))
        << qPrintable(dom.left(800));
    EXPECT_TRUE(dom.contains(QLatin1String("Create or update objects by name")));
}

TEST_F(DocsTest, RedocRendersWithTheNetworkOff)
{
    const QString dom = renderedDom("/api/redoc/");
    EXPECT_TRUE(dom.contains(QLatin1String("/rest/is_alive"))) << qPrintable(dom.left(800));
    EXPECT_TRUE(dom.contains(QLatin1String("Health check")));
}

// docs/security.md says who may call what; the route table is the truth. A route that becomes
// public (or a new face) changes `cairn routes`, and this fails until the document says so.
TEST_F(DocsTest, TheSecurityDocumentListsEveryPublicRoute)
{
    const CliResult routes = s_server->cli({QStringLiteral("routes")});
    ASSERT_EQ(routes.exitCode, 0) << routes.err.constData();
    const std::optional<QByteArray> table =
        documentSection(QStringLiteral(CAIRN_SOURCE_DIR "/docs/security.md"), "routes");
    ASSERT_TRUE(table.has_value());
    EXPECT_EQ(*table, routes.out) << "run `cairn routes` and put its table into docs/security.md";
}

TEST_F(DocsTest, TheServersAddressLandsOnAPageThatLeadsOn)
{
    const HttpReply landing = client().get("/");
    ASSERT_EQ(landing.status, 200);
    EXPECT_TRUE(landing.header("Content-Type").startsWith("text/html"));
    EXPECT_FALSE(landing.header("Content-Security-Policy").isEmpty());
    for (const char *link : {"href=\"/api/docs/\"", "href=\"/api/redoc/\"", "href=\"/api/\"",
                             "href=\"/rest/is_alive\""})
        EXPECT_TRUE(landing.body.contains(link)) << link;
    EXPECT_TRUE(landing.body.contains(QByteArray("version " CAIRN_VERSION)));
}
