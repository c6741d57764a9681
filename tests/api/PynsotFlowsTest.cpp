#include "ServerFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Cairn::Test;

// The requests the NSoT command-line client (pynsot) sends, byte for byte in shape: its
// Accept header, its extra keys (bulk_add, null MACs), its "True"/"False" flags, its
// count-then-list lookups and its GET-then-PUT updates. Run in both of its auth modes.
class PynsotFlowsTest : public ServerFixture, public testing::WithParamInterface<bool>
{
protected:
    static void SetUpTestSuite()
    {
        startServer({QStringLiteral("--trusted-header"), QStringLiteral("X-NSoT-Email"),
                     QStringLiteral("--trusted-proxy"), QStringLiteral("127.0.0.1/32")});
        s_server->addUserWithToken(QStringLiteral("ops"), QStringLiteral("ops-password"), true,
                                   QStringLiteral("ops@example.com"));
        // auth_token mode: the secret key from the user's own record, then /authenticate/.
        const HttpReply me = client().get("/api/users/0/?with_secret_key=true",
                                          {{"X-NSoT-Email", "ops@example.com"}});
        ASSERT_EQ(me.status, 200) << me.body.constData();
        const QByteArray secret = me.json()[QStringLiteral("secret_key")].toString().toUtf8();
        const HttpReply token =
            client().request("POST", "/api/authenticate/",
                             R"({"email": "ops@example.com", "secret_key": ")" + secret + R"("})",
                             {{"Content-Type", "application/json"}});
        ASSERT_EQ(token.status, 200) << token.body.constData();
        s_authToken = token.json()[QStringLiteral("auth_token")].toString().toUtf8();
    }

    // One request as pynsot sends it, in this run's auth mode.
    static HttpReply nsot(const QByteArray &method, const QByteArray &path,
                          const QByteArray &body = {})
    {
        Headers headers{{"Accept", "application/json; version=1.0"},
                        {"Content-Type", "application/json"}};
        if (GetParam())
            headers.append(
                qMakePair(QByteArray("Authorization"), "AuthToken ops@example.com:" + s_authToken));
        else
            headers.append(qMakePair(QByteArray("X-NSoT-Email"), QByteArray("ops@example.com")));
        return client().request(method, "/api" + path, body, headers);
    }

    // pynsot's get_single_object: ?limit=1 with the natural keys, count must be 1.
    static QJsonObject single(const QByteArray &path)
    {
        const HttpReply reply = nsot("GET", path);
        EXPECT_EQ(reply.status, 200) << path.constData() << reply.body.constData();
        EXPECT_EQ(reply.json()[QStringLiteral("count")].toInt(), 1) << reply.body.constData();
        return reply.json()[QStringLiteral("results")][0].toObject();
    }

    // pynsot's update: GET the object, change it, PUT it all back (read-only keys included).
    static HttpReply update(const QByteArray &path, const QJsonObject &changes)
    {
        QJsonObject object = nsot("GET", path).json().toObject();
        const QByteArray id = QByteArray::number(object.take(QStringLiteral("id")).toInteger());
        for (auto it = changes.begin(); it != changes.end(); ++it)
            object.insert(it.key(), it.value());
        const QByteArray collection = path.left(path.indexOf('/', 10) + 1);
        return nsot("PUT", collection + id + "/",
                    QJsonDocument(object).toJson(QJsonDocument::Compact));
    }

    static QByteArray site() { return GetParam() ? "/sites/1" : "/sites/2"; }

    static inline QByteArray s_authToken;
};

TEST_P(PynsotFlowsTest, EverydayCommandsWork)
{
    // nsot sites add / list
    if (!GetParam()) {
        const HttpReply added =
            nsot("POST", "/sites/", R"({"name": "Second", "description": "pynsot"})");
        ASSERT_EQ(added.status, 201) << added.body.constData();
        ASSERT_EQ(added.json()[QStringLiteral("id")].toInt(), 2);
    }
    EXPECT_EQ(nsot("GET", "/sites/?limit=1").json()[QStringLiteral("count")].toInt(), 2);

    // nsot attributes add -n owner -r device; nsot attributes list -n owner -r device
    for (const QByteArray &resource :
         {QByteArray("Device"), QByteArray("Network"), QByteArray("Interface")}) {
        const HttpReply attribute = nsot(
            "POST", site() + "/attributes/",
            R"({"constraints": {"allow_empty": false, "pattern": "", "valid_values": []}, "description": "", "display": false, "multi": false, "name": "owner", "required": false, "resource_name": ")" +
                resource + R"("})");
        ASSERT_EQ(attribute.status, 201) << attribute.body.constData();
    }
    EXPECT_EQ(single(site() +
                     "/attributes/?limit=1&name=owner&resource_name=Device")[QStringLiteral("name")]
                  .toString(),
              QStringLiteral("owner"));

    // nsot devices add -H foo-bar1 -a owner=jathan; list; list -q; update; remove
    ASSERT_EQ(
        nsot("POST", site() + "/devices/",
             R"({"attributes": {"owner": "jathan"}, "bulk_add": null, "hostname": "foo-bar1"})")
            .status,
        201);
    ASSERT_EQ(nsot("POST", site() + "/devices/",
                   R"({"attributes": {}, "bulk_add": null, "hostname": "foo-bar2"})")
                  .status,
              201);
    const QJsonObject device = single(site() + "/devices/?limit=1&hostname=foo-bar1");
    EXPECT_EQ(device[QStringLiteral("attributes")][QStringLiteral("owner")].toString(),
              QStringLiteral("jathan"));
    const HttpReply queried =
        nsot("GET", site() + "/devices/query/?query=owner%3Djathan&grep=False&natural_key=False");
    ASSERT_EQ(queried.status, 200);
    EXPECT_EQ(queried.json().toArray().size(), 1);
    const HttpReply updated =
        update(site() + "/devices/foo-bar2/",
               {{QStringLiteral("attributes"),
                 QJsonObject{{QStringLiteral("owner"), QStringLiteral("gary")}}},
                {QStringLiteral("multi"), false}});
    ASSERT_EQ(updated.status, 200) << updated.body.constData();
    EXPECT_EQ(updated.json()[QStringLiteral("attributes")][QStringLiteral("owner")].toString(),
              QStringLiteral("gary"));

    // nsot networks add -c 10.0.0.0/8; list -c; next_network; next_address; subnets
    for (const QByteArray &cidr :
         {QByteArray("10.0.0.0/8"), QByteArray("10.0.0.0/24"), QByteArray("10.0.0.1/32")})
        ASSERT_EQ(nsot("POST", site() + "/networks/",
                       R"({"attributes": {"owner": "jathan"}, "bulk_add": null, "cidr": ")" + cidr +
                           R"("})")
                      .status,
                  201);
    const QJsonObject network = single(site() + "/networks/?limit=1&cidr=10.0.0.0/8");
    const QByteArray id = QByteArray::number(network[QStringLiteral("id")].toInteger());
    const QByteArray merged =
        "&cidr=10.0.0.0/8&include_ips=True&include_networks=True&root_only=False";
    const HttpReply nextNetworks =
        nsot("GET", site() + "/networks/" + id +
                        "/next_network/?prefix_length=24&num=2&strict_allocation=False" + merged);
    ASSERT_EQ(nextNetworks.status, 200) << nextNetworks.body.constData();
    EXPECT_EQ(nextNetworks.json().toArray(),
              (QJsonArray{QStringLiteral("10.0.1.0/24"), QStringLiteral("10.0.2.0/24")}));
    const QByteArray slash24 = QByteArray::number(
        single(site() + "/networks/?limit=1&cidr=10.0.0.0/24")[QStringLiteral("id")].toInteger());
    EXPECT_EQ(nsot("GET", site() + "/networks/" + slash24 +
                              "/next_address/?num=2&strict_allocation=False" + merged)
                  .json()
                  .toArray(),
              (QJsonArray{QStringLiteral("10.0.0.2/32"), QStringLiteral("10.0.0.3/32")}));
    EXPECT_EQ(nsot("GET", site() + "/networks/" + id + "/subnets/?limit=1" + merged)
                  .json()[QStringLiteral("count")]
                  .toInt(),
              2);
    EXPECT_EQ(nsot("GET", site() + "/networks/10.0.0.99/32/closest_parent/")
                  .json()[QStringLiteral("cidr")]
                  .toString(),
              QStringLiteral("10.0.0.0/24"));
    EXPECT_EQ(
        nsot("GET",
             site() +
                 "/networks/query/"
                 "?query=owner%3Djathan&include_ips=True&include_networks=True&root_only=False")
            .json()
            .toArray()
            .size(),
        3);

    // nsot interfaces add -D foo-bar1 -n eth0 -c 10.0.0.5/32; list -D; update (no -c)
    const HttpReply interface = nsot(
        "POST", site() + "/interfaces/",
        R"({"attributes": {}, "addresses": ["10.0.0.5/32"], "device": "foo-bar1", "mac_address": null, "name": "eth0", "parent_id": null})");
    ASSERT_EQ(interface.status, 201) << interface.body.constData();
    EXPECT_TRUE(interface.json()[QStringLiteral("mac_address")].isNull());
    const QJsonObject listed =
        single(site() + "/interfaces/?limit=1&name=eth0&device_hostname=foo-bar1");
    EXPECT_EQ(listed[QStringLiteral("addresses")].toArray(),
              QJsonArray{QStringLiteral("10.0.0.5/32")});
    const HttpReply speed =
        update(site() + "/interfaces/foo-bar1:eth0/",
               {{QStringLiteral("speed"), 10000}, {QStringLiteral("addresses"), QJsonArray()}});
    ASSERT_EQ(speed.status, 200) << speed.body.constData();
    EXPECT_EQ(speed.json()[QStringLiteral("speed")].toInt(), 10000);
    EXPECT_EQ(speed.json()[QStringLiteral("addresses")].toArray(), QJsonArray());
    EXPECT_EQ(nsot("GET", site() + "/networks/10.0.0.5/32/").status, 200)
        << "the address itself stays";

    // nsot ... remove
    EXPECT_EQ(nsot("DELETE", site() + "/interfaces/foo-bar1:eth0/").status, 204);
    EXPECT_EQ(nsot("DELETE", site() + "/networks/10.0.0.0/8/?force_delete=False").status, 409);
    // Forced, its child /24 (not a leaf: it holds addresses) becomes a root.
    EXPECT_EQ(nsot("DELETE", site() + "/networks/10.0.0.0/8/?force_delete=True").status, 204);
    EXPECT_TRUE(single(site() + "/networks/?limit=1&cidr=10.0.0.0/24")[QStringLiteral("parent_id")]
                    .isNull());
    EXPECT_EQ(nsot("DELETE", site() + "/networks/10.0.0.1/32/").status, 204);
    EXPECT_EQ(nsot("DELETE", site() + "/devices/foo-bar2/").status, 204);
    const HttpReply failure = nsot("DELETE", site() + "/devices/nosuch/");
    EXPECT_EQ(failure.status, 404);
    EXPECT_TRUE(failure.json()[QStringLiteral("error")][QStringLiteral("message")].isString());

    // nsot changes list
    const HttpReply changes = nsot("GET", site() + "/changes/?limit=5");
    ASSERT_EQ(changes.status, 200) << changes.body.constData();
    EXPECT_GE(changes.json()[QStringLiteral("count")].toInt(), 10);
    EXPECT_EQ(changes.json()[QStringLiteral("results")][0][QStringLiteral("event")].toString(),
              QStringLiteral("Delete"));
}

INSTANTIATE_TEST_SUITE_P(AuthModes, PynsotFlowsTest, testing::Values(false, true),
                         [](const testing::TestParamInfo<bool> &info) {
                             return info.param ? "AuthToken" : "AuthHeader";
                         });
