#include "ServerFixture.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Cairn::Test;

// GET /metrics as Prometheus scrapes it, read by python3-prometheus-client's own parser.
class MetricsApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<QTemporaryDir>();
        const QByteArray digest =
            QCryptographicHash::hash("scrape-secret", QCryptographicHash::Sha256).toHex();
        // Loopback allowed, as by default, but a request forwarded by a proxy needs the token.
        startServer({QStringLiteral("--config"),
                     writeConfig("[metrics]\nallow = 127.0.0.1, 192.0.2.0/24\ntoken_sha256 = " +
                                 digest + "\n")});
    }
};

TEST_F(MetricsApiTest, AScraperWithTheTokenReadsRequestsJobsAndTheNodeInPrometheusText)
{
    const QJsonObject seen = runPython(QStringLiteral(R"(
import json, sys, requests
from prometheus_client.parser import text_string_to_metric_families
base, admin = sys.argv[1], sys.argv[2]
seen = {}
proxied = {"X-Forwarded-For": "203.0.113.7"}
seen["local"] = requests.get(base + "/metrics").status_code
seen["none"] = requests.get(base + "/metrics", headers=proxied).status_code
seen["real_ip"] = requests.get(base + "/metrics", headers={"X-Real-IP": "203.0.113.7"}).status_code
seen["empty_forwarded"] = requests.get(base + "/metrics", headers={"X-Forwarded-For": ""}).status_code
seen["lower_bearer"] = requests.get(base + "/metrics",
                                    headers=dict(proxied, Authorization="bearer scrape-secret")).status_code
seen["wrong"] = requests.get(base + "/metrics",
                             headers=dict(proxied, Authorization="Bearer nope")).status_code
seen["api_token"] = requests.get(base + "/metrics",
                                 headers=dict(proxied, Authorization="Token " + admin)).status_code
for _ in range(5):
    requests.get(base + "/api/devices/", headers={"Authorization": "Token " + admin})
requests.get(base + "/api/devices/4242/", headers={"Authorization": "Token " + admin})
requests.get(base + "/no/such/path")
reply = requests.get(base + "/metrics",
                     headers=dict(proxied, Authorization="Bearer scrape-secret"))
seen["status"] = reply.status_code
seen["type"] = reply.headers.get("Content-Type")
families = {}
for family in text_string_to_metric_families(reply.text):
    families[family.name] = {"type": family.type,
                             "samples": [[s.name, s.labels, s.value] for s in family.samples]}
seen["families"] = families
print(json.dumps(seen))
)"));
    EXPECT_EQ(seen[QLatin1String("local")].toInt(), 200);
    EXPECT_EQ(seen[QLatin1String("none")].toInt(), 401);
    // Whatever header a proxy adds, even empty: the token is needed.
    EXPECT_EQ(seen[QLatin1String("real_ip")].toInt(), 401);
    EXPECT_EQ(seen[QLatin1String("empty_forwarded")].toInt(), 401);
    EXPECT_EQ(seen[QLatin1String("lower_bearer")].toInt(), 200);
    EXPECT_EQ(seen[QLatin1String("wrong")].toInt(), 403);
    EXPECT_EQ(seen[QLatin1String("api_token")].toInt(), 403) << "API tokens are not scrape tokens";
    ASSERT_EQ(seen[QLatin1String("status")].toInt(), 200);
    EXPECT_TRUE(seen[QLatin1String("type")].toString().startsWith(QLatin1String("text/plain")));
    const QJsonObject families = seen[QLatin1String("families")].toObject();
    // prometheus_client names a counter's family without its _total.
    for (const char *name :
         {"cairn_http_requests", "cairn_http_request_duration_seconds", "cairn_jobs",
          "cairn_jobs_ended", "cairn_database_connections", "cairn_device_sessions",
          "cairn_ztp_registrations", "cairn_scheduler_firings", "cairn_scheduler_lag_seconds",
          "cairn_cluster_nodes_up", "cairn_job_claims", "cairn_job_claim_duration_seconds"})
        EXPECT_TRUE(families.contains(QLatin1String(name))) << name;
    EXPECT_EQ(families[QLatin1String("cairn_http_request_duration_seconds")][QLatin1String("type")]
                  .toString(),
              QStringLiteral("histogram"));

    const auto valueOf = [&](const char *family, const char *sample, const QJsonObject &labels) {
        for (const auto &row :
             families[QLatin1String(family)][QLatin1String("samples")].toArray()) {
            if (row[0].toString() == QLatin1String(sample) && row[1].toObject() == labels)
                return row[2].toDouble();
        }
        return -1.0;
    };
    // By the route each request matched, never its raw path.
    EXPECT_EQ(valueOf("cairn_http_requests", "cairn_http_requests_total",
                      {{QStringLiteral("route"), QStringLiteral("GET /api/devices/")},
                       {QStringLiteral("status"), QStringLiteral("200")}}),
              5);
    EXPECT_EQ(valueOf("cairn_http_requests", "cairn_http_requests_total",
                      {{QStringLiteral("route"), QStringLiteral("GET /api/devices/{key}/")},
                       {QStringLiteral("status"), QStringLiteral("404")}}),
              1);
    EXPECT_EQ(valueOf("cairn_http_requests", "cairn_http_requests_total",
                      {{QStringLiteral("route"), QStringLiteral("unmatched")},
                       {QStringLiteral("status"), QStringLiteral("404")}}),
              1);
    EXPECT_GE(valueOf("cairn_http_requests", "cairn_http_requests_total",
                      {{QStringLiteral("route"), QStringLiteral("GET /metrics")},
                       {QStringLiteral("status"), QStringLiteral("401")}}),
              1);
    EXPECT_EQ(valueOf("cairn_http_request_duration_seconds",
                      "cairn_http_request_duration_seconds_count",
                      {{QStringLiteral("route"), QStringLiteral("GET /api/devices/")}}),
              5);
    EXPECT_EQ(valueOf("cairn_http_request_duration_seconds",
                      "cairn_http_request_duration_seconds_bucket",
                      {{QStringLiteral("route"), QStringLiteral("GET /api/devices/")},
                       {QStringLiteral("le"), QStringLiteral("+Inf")}}),
              5);
    EXPECT_GE(valueOf("cairn_database_connections", "cairn_database_connections", {}), 1);
    EXPECT_EQ(valueOf("cairn_cluster_nodes_up", "cairn_cluster_nodes_up", {}), 1);
    EXPECT_EQ(valueOf("cairn_device_sessions", "cairn_device_sessions",
                      {{QStringLiteral("state"), QStringLiteral("open")}}),
              0);
}
