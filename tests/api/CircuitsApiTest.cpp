#include "ServerFixture.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Cairn::Test;

// Circuits between interfaces through the NSoT face.
class CircuitsApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite()
    {
        startServer();
        ASSERT_EQ(
            admin(
                "POST", "/api/sites/1/devices/",
                R"([{"hostname": "foo-bar1"}, {"hostname": "foo-bar2"}, {"hostname": "foo-bar3"}])")
                .status,
            201);
        ASSERT_EQ(admin("POST", "/api/sites/1/networks/", R"({"cidr": "10.32.0.0/16"})").status,
                  201);
        const HttpReply interfaces = admin("POST", "/api/sites/1/interfaces/", R"([
            {"device": "foo-bar1", "name": "eth0", "addresses": ["10.32.0.1/32"]},
            {"device": "foo-bar1", "name": "eth0.5", "parent_id": "foo-bar1:eth0", "addresses": ["10.32.5.1/32"]},
            {"device": "foo-bar2", "name": "eth0", "addresses": ["10.32.0.2/32"]},
            {"device": "foo-bar3", "name": "xe-0/0/1"},
            {"device": "foo-bar3", "name": "xe-0/0/2"}])");
        ASSERT_EQ(interfaces.status, 201) << interfaces.body.constData();
        ASSERT_EQ(admin("POST", "/api/sites/1/attributes/",
                        R"({"name": "provider", "resource_name": "Circuit"})")
                      .status,
                  201);
    }
};

TEST_F(CircuitsApiTest, CircuitsJoinTwoInterfaces)
{
    const HttpReply created = admin(
        "POST", "/api/sites/1/circuits/",
        R"({"endpoint_a": "foo-bar1:eth0", "endpoint_z": "foo-bar2:eth0", "attributes": {"provider": "acme"}})");
    ASSERT_EQ(created.status, 201) << created.body.constData();
    const QJsonObject circuit = created.json().toObject();
    EXPECT_EQ(circuit[QStringLiteral("name")].toString(),
              QStringLiteral("foo-bar1:eth0_foo-bar2:eth0"));
    EXPECT_EQ(circuit[QStringLiteral("endpoint_a")].toString(), QStringLiteral("foo-bar1:eth0"));
    EXPECT_EQ(circuit[QStringLiteral("endpoint_z")].toString(), QStringLiteral("foo-bar2:eth0"));
    const QByteArray path =
        "/api/sites/1/circuits/" + circuit[QStringLiteral("name_slug")].toString().toUtf8() + "/";
    EXPECT_EQ(admin("GET", path).status, 200);
    EXPECT_EQ(admin("GET", path + "interfaces/").json().toArray().size(), 2);
    EXPECT_EQ(admin("GET", path + "devices/").json()[1][QStringLiteral("hostname")].toString(),
              QStringLiteral("foo-bar2"));
    // Both ends' addresses, the A side's sub-interface included.
    QStringList addresses;
    for (const QJsonValue row : admin("GET", path + "addresses/").json().toArray())
        addresses << row[QStringLiteral("cidr")].toString();
    EXPECT_EQ(addresses,
              (QStringList{QStringLiteral("10.32.0.1/32"), QStringLiteral("10.32.0.2/32"),
                           QStringLiteral("10.32.5.1/32")}));
    EXPECT_EQ(
        admin("GET", "/api/sites/1/interfaces/foo-bar2:eth0/circuit/").json()[QStringLiteral("id")],
        circuit[QStringLiteral("id")]);
    EXPECT_EQ(admin("GET", "/api/sites/1/interfaces/foo-bar1:eth0.5/circuit/").status, 404);
    EXPECT_EQ(admin("GET", "/api/sites/1/devices/foo-bar2/circuits/").json().toArray().size(), 1);
    EXPECT_EQ(
        admin("GET", "/api/sites/1/circuits/?endpoint_a=foo-bar1:eth0").json().toArray().size(), 1);
    EXPECT_EQ(
        admin("GET", "/api/sites/1/circuits/query/?query=provider=acme").json().toArray().size(),
        1);

    // An interface is in at most one circuit, and an endpoint cannot be deleted.
    const HttpReply reused =
        admin("POST", "/api/sites/1/circuits/",
              R"({"endpoint_a": "foo-bar2:eth0", "endpoint_z": "foo-bar3:xe-0/0/1"})");
    EXPECT_EQ(reused.status, 400);
    EXPECT_EQ(message(reused)[QStringLiteral("endpoint_a")].toString(),
              QStringLiteral("Interface already used as an endpoint_z"));
    EXPECT_EQ(admin("POST", "/api/sites/1/circuits/", R"({"endpoint_a": "foo-bar1:eth0"})").status,
              409);
    EXPECT_EQ(admin("DELETE", "/api/sites/1/interfaces/foo-bar2:eth0/").status, 409);
    EXPECT_EQ(admin("POST", "/api/sites/1/circuits/", R"({"endpoint_a": "nosuch:eth0"})").status,
              400);
    EXPECT_EQ(admin("POST", "/api/sites/1/circuits/", R"({"name": "x"})").status, 400);

    // A one-sided circuit, names with '/' slugged with '_', updates and deletes.
    const HttpReply oneSided =
        admin("POST", "/api/sites/1/circuits/",
              R"({"endpoint_a": "foo-bar3:xe-0/0/1", "name": "uplink 1/1"})");
    ASSERT_EQ(oneSided.status, 201) << oneSided.body.constData();
    EXPECT_TRUE(oneSided.json()[QStringLiteral("endpoint_z")].isNull());
    EXPECT_EQ(oneSided.json()[QStringLiteral("name_slug")].toString(),
              QStringLiteral("uplink 1_1"));
    const HttpReply patched = admin("PATCH", "/api/sites/1/circuits/uplink%201_1/",
                                    R"({"endpoint_z": "foo-bar3:xe-0/0/2"})");
    ASSERT_EQ(patched.status, 200) << patched.body.constData();
    EXPECT_EQ(patched.json()[QStringLiteral("endpoint_z")].toString(),
              QStringLiteral("foo-bar3:xe-0/0/2"));
    EXPECT_EQ(admin("DELETE", path).status, 204);
    EXPECT_EQ(admin("DELETE", "/api/sites/1/interfaces/foo-bar2:eth0/").status, 204);
}
