// The Enomalism face's static networks (/rest/networks/, section 7): networks, IP ranges, their
// cluster, and what bad input gets.
#include "ServerFixture.h"

#include <QJsonArray>

using namespace Cairn::Test;

namespace {

class StaticNetworksApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite() { startServer(); }

    static QString create(const QByteArray &body)
    {
        const HttpReply created = admin("PUT", "/rest/networks/", body);
        EXPECT_EQ(created.status, 200) << created.body.constData();
        return created.json()[QStringLiteral("uuid")].toString();
    }
};

} // namespace

TEST_F(StaticNetworksApiTest, NetworksAreCreatedListedUpdatedAndDeleted)
{
    const HttpReply created =
        admin("PUT", "/rest/networks/",
              R"({"name": "lab", "description": "Lab hosts", "bridge": "br0", "ip": "192.0.2.0",
            "netmask": "255.255.255.0", "gateway": "192.0.2.1"})");
    ASSERT_EQ(created.status, 200) << created.body.constData();
    EXPECT_EQ(created.json()[QStringLiteral("errno")], 0);
    const QString uuid = created.json()[QStringLiteral("uuid")].toString();
    const QJsonObject network = created.json()[QStringLiteral("networks")][0].toObject();
    EXPECT_EQ(network[QStringLiteral("uuid")], uuid);
    EXPECT_EQ(network[QStringLiteral("bridge")], QStringLiteral("br0"));
    EXPECT_EQ(network[QStringLiteral("gateway")], QStringLiteral("192.0.2.1"));
    EXPECT_EQ(network[QStringLiteral("cluster")], QJsonValue());

    const HttpReply listed = admin("GET", "/rest/networks/");
    ASSERT_EQ(listed.status, 200);
    EXPECT_TRUE(listed.json()[QStringLiteral("networks")].toArray().contains(network));

    // A form, like the seed's clients send; a prefix length for a netmask.
    const HttpReply form =
        client().request("PUT", "/rest/networks/", "name=storage&ip=198.51.100.0&netmask=25",
                         HttpClient::token(s_adminToken) +
                             QList<QPair<QByteArray, QByteArray>>{
                                 {"Content-Type", "application/x-www-form-urlencoded"}});
    ASSERT_EQ(form.status, 200) << form.body.constData();
    EXPECT_EQ(form.json()[QStringLiteral("networks")][0][QStringLiteral("netmask")],
              QStringLiteral("255.255.255.128"));

    const QByteArray path = "/rest/networks/" + uuid.toLatin1();
    const HttpReply updated = admin("POST", path + "?name=lab-a&description=");
    ASSERT_EQ(updated.status, 200) << updated.body.constData();
    EXPECT_EQ(updated.json()[QStringLiteral("network")][QStringLiteral("name")],
              QStringLiteral("lab-a"));
    EXPECT_EQ(updated.json()[QStringLiteral("network")][QStringLiteral("description")], QString());
    EXPECT_EQ(updated.json()[QStringLiteral("network")][QStringLiteral("bridge")],
              QStringLiteral("br0"));
    const HttpReply fixed = admin("POST", path + "?ip=10.0.0.0");
    EXPECT_EQ(fixed.status, 400);
    EXPECT_TRUE(fixed.json()[QStringLiteral("fields")].toObject().contains(QStringLiteral("ip")))
        << fixed.body.constData();

    EXPECT_EQ(admin("GET", path).json()[QStringLiteral("network")][QStringLiteral("name")],
              QStringLiteral("lab-a"));
    EXPECT_EQ(admin("DELETE", path).status, 200);
    const HttpReply gone = admin("GET", path);
    EXPECT_EQ(gone.status, 404);
    EXPECT_EQ(gone.json()[QStringLiteral("errno")], 4);
    EXPECT_EQ(admin("PATCH", path).status, 405);
}

TEST_F(StaticNetworksApiTest, BadNetworksAreRefusedNamingTheField)
{
    const QList<std::pair<QByteArray, QString>> cases = {
        {R"({"ip": "10.1.0.0", "netmask": "16"})", QStringLiteral("name")},
        {R"({"name": "n1", "netmask": "16"})", QStringLiteral("ip")},
        {R"({"name": "n1", "ip": "10.1.0.0"})", QStringLiteral("netmask")},
        {R"({"name": "n1", "ip": "10.1.0.1", "netmask": "16"})", QStringLiteral("ip")},
        {R"({"name": "n1", "ip": "2001:db8::", "netmask": "64"})", QStringLiteral("ip")},
        {R"({"name": "n1", "ip": "10.1.0.0", "netmask": "255.0.255.0"})",
         QStringLiteral("netmask")},
        {R"({"name": "n1", "ip": "10.1.0.0", "netmask": "16", "gateway": "10.2.0.1"})",
         QStringLiteral("gateway")},
        {R"({"name": "n1", "ip": "10.1.0.0", "netmask": "16", "cluster": "nope"})",
         QStringLiteral("cluster")},
    };
    const int before =
        admin("GET", "/rest/networks/").json()[QStringLiteral("networks")].toArray().size();
    for (const auto &[body, field] : cases) {
        const HttpReply refused = admin("PUT", "/rest/networks/", body);
        EXPECT_EQ(refused.status, 400) << body.constData();
        EXPECT_EQ(refused.json()[QStringLiteral("errno")], 1);
        EXPECT_TRUE(refused.json()[QStringLiteral("fields")].toObject().contains(field))
            << body.constData() << " -> " << refused.body.constData();
    }
    EXPECT_EQ(admin("GET", "/rest/networks/").json()[QStringLiteral("networks")].toArray().size(),
              before);
    create(R"({"name": "taken", "ip": "10.9.0.0", "netmask": "16"})");
    EXPECT_EQ(
        admin("PUT", "/rest/networks/", R"({"name": "taken", "ip": "10.8.0.0", "netmask": "16"})")
            .status,
        409);
}

TEST_F(StaticNetworksApiTest, RangesLieInsideTheNetworkAndNeverOverlap)
{
    const QString uuid = create(
        R"({"name": "ranges", "ip": "203.0.113.0", "netmask": "24", "gateway": "203.0.113.1"})");
    const QByteArray ranges = "/rest/networks/" + uuid.toLatin1() + "/iprange/";
    const HttpReply added = admin("POST", ranges + "?start_ip=203.0.113.10&end_ip=203.0.113.19");
    ASSERT_EQ(added.status, 200) << added.body.constData();
    EXPECT_EQ(added.json()[QStringLiteral("network")][QStringLiteral("uuid")], uuid);
    const QJsonObject range = added.json()[QStringLiteral("ranges")][0].toObject();
    EXPECT_EQ(range[QStringLiteral("start_ip")], QStringLiteral("203.0.113.10"));
    EXPECT_EQ(range[QStringLiteral("size")], 10);
    EXPECT_EQ(range[QStringLiteral("used")], 0);

    const QList<std::pair<QByteArray, QString>> refused = {
        {"?start_ip=203.0.113.15&end_ip=203.0.113.30", QStringLiteral("start_ip")},
        {"?start_ip=203.0.113.5&end_ip=203.0.113.10", QStringLiteral("start_ip")},
        {"?start_ip=203.0.113.0&end_ip=203.0.113.5", QStringLiteral("start_ip")},
        {"?start_ip=203.0.113.1&end_ip=203.0.113.5", QStringLiteral("start_ip")},
        {"?start_ip=203.0.113.200&end_ip=203.0.114.5", QStringLiteral("start_ip")},
        {"?start_ip=203.0.113.50&end_ip=203.0.113.40", QStringLiteral("end_ip")},
        {"?start_ip=banana&end_ip=203.0.113.40", QStringLiteral("start_ip")},
    };
    for (const auto &[query, field] : refused) {
        const HttpReply reply = admin("POST", ranges + query);
        EXPECT_EQ(reply.status, 400) << query.constData();
        EXPECT_TRUE(reply.json()[QStringLiteral("fields")].toObject().contains(field))
            << query.constData() << " -> " << reply.body.constData();
    }
    EXPECT_EQ(admin("GET", ranges).json()[QStringLiteral("ranges")].toArray().size(), 1);

    const QByteArray one = ranges + range[QStringLiteral("uuid")].toString().toLatin1() + '/';
    EXPECT_EQ(admin("GET", one).json()[QStringLiteral("iprange")].toObject(), range);
    const HttpReply grown = admin("PUT", one + "?end_ip=203.0.113.29");
    ASSERT_EQ(grown.status, 200) << grown.body.constData();
    EXPECT_EQ(grown.json()[QStringLiteral("iprange")][QStringLiteral("size")], 20);
    EXPECT_EQ(admin("GET", ranges + "0b7e5c1e-0000-4c55-9a43-6a3c1b0f0001/").status, 404);
}

TEST_F(StaticNetworksApiTest, ANetworkServesOneClusterOrEveryHypervisor)
{
    const QString uuid = create(R"({"name": "clustered", "ip": "10.20.0.0", "netmask": "24"})");
    const QByteArray cluster = "/rest/networks/" + uuid.toLatin1() + "/cluster/";
    EXPECT_EQ(admin("GET", cluster).json()[QStringLiteral("cluster")], QJsonValue());
    const HttpReply made = admin("PUT", "/rest/cluster/?cluster_name=rack-1");
    ASSERT_EQ(made.status, 200) << made.body.constData();
    const QString clusterUuid =
        made.json()[QStringLiteral("cluster")][QStringLiteral("uuid")].toString();
    const QString hypervisor = admin("GET", "/api/hypervisors/?limit=1")
                                   .json()[QStringLiteral("results")][0][QStringLiteral("uuid")]
                                   .toString();
    const HttpReply joined =
        admin("POST", "/rest/cluster/" + clusterUuid.toLatin1() +
                          "?action=add_hypervisor&hypervisor=" + hypervisor.toLatin1());
    ASSERT_EQ(joined.status, 200) << joined.body.constData();
    EXPECT_EQ(joined.json()[QStringLiteral("cluster")][QStringLiteral("hypervisors")],
              QJsonArray{hypervisor});
    EXPECT_EQ(admin("POST", "/rest/cluster/" + clusterUuid.toLatin1() +
                                "?action=add_hypervisor&hypervisor=nope")
                  .status,
              400);
    const HttpReply assigned = admin("PUT", cluster + "?cluster=" + clusterUuid.toLatin1());
    ASSERT_EQ(assigned.status, 200) << assigned.body.constData();
    EXPECT_EQ(assigned.json()[QStringLiteral("cluster")][QStringLiteral("name")],
              QStringLiteral("rack-1"));
    EXPECT_EQ(admin("GET", "/rest/networks/" + uuid.toLatin1())
                  .json()[QStringLiteral("network")][QStringLiteral("cluster")],
              clusterUuid);
    EXPECT_EQ(admin("PUT", cluster + "?cluster=0b7e5c1e-0000-4c55-9a43-6a3c1b0f0001").status, 400);
    EXPECT_EQ(admin("PUT", cluster + "?cluster=").json()[QStringLiteral("cluster")], QJsonValue());
    const HttpReply native = admin("GET", "/api/static-networks/" + uuid.toLatin1() + '/');
    ASSERT_EQ(native.status, 200) << native.body.constData();
    EXPECT_EQ(native.json()[QStringLiteral("cluster")], QJsonValue());
    EXPECT_EQ(native.json()[QStringLiteral("name")], QStringLiteral("clustered"));
    // Alice has no grant on networks.
    EXPECT_EQ(client().request("GET", cluster, {}, HttpClient::token(s_aliceToken)).status, 403);
}
