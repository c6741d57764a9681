#include "ServerFixture.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Cairn::Test;

// Protocol types and protocols through the NSoT face.
class ProtocolsApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite()
    {
        startServer();
        ASSERT_EQ(admin("POST", "/api/sites/", R"({"name": "Other"})").status, 201);
        for (const QByteArray &body :
             {QByteArray(R"({"name": "asn", "resource_name": "Protocol"})"),
              QByteArray(R"({"name": "area", "resource_name": "Protocol"})"),
              QByteArray(R"({"name": "role", "resource_name": "Device"})")})
            ASSERT_EQ(admin("POST", "/api/sites/1/attributes/", body).status, 201);
        ASSERT_EQ(admin("POST", "/api/sites/2/attributes/",
                        R"({"name": "asn", "resource_name": "Protocol"})")
                      .status,
                  201);
        ASSERT_EQ(
            admin("POST", "/api/sites/1/devices/", R"([{"hostname": "r1"}, {"hostname": "r2"}])")
                .status,
            201);
        ASSERT_EQ(admin("POST", "/api/sites/1/interfaces/",
                        R"([{"device": "r1", "name": "eth0"}, {"device": "r2", "name": "eth0"}])")
                      .status,
                  201);
        ASSERT_EQ(admin("POST", "/api/sites/1/circuits/",
                        R"({"endpoint_a": "r1:eth0", "endpoint_z": "r2:eth0"})")
                      .status,
                  201);
    }
};

TEST_F(ProtocolsApiTest, TypesRequireTheirAttributes)
{
    // pynsot sends required_attributes as a dictionary of names.
    const HttpReply bgp =
        admin("POST", "/api/sites/1/protocol_types/",
              R"({"name": "bgp", "description": "BGP", "required_attributes": {"asn": ""}})");
    ASSERT_EQ(bgp.status, 201) << bgp.body.constData();
    EXPECT_EQ(bgp.json()[QStringLiteral("required_attributes")].toArray(),
              QJsonArray{QStringLiteral("asn")});
    EXPECT_EQ(bgp.json()[QStringLiteral("site")].toInt(), 1);
    EXPECT_EQ(admin("GET", "/api/sites/1/protocol_types/bgp/").json()[QStringLiteral("id")],
              bgp.json()[QStringLiteral("id")]);
    EXPECT_EQ(admin("POST", "/api/sites/1/protocol_types/", R"({"name": "bgp"})").status, 409);
    EXPECT_EQ(admin("POST", "/api/sites/1/protocol_types/",
                    R"({"name": "isis", "required_attributes": ["role"]})")
                  .status,
              400);
    EXPECT_EQ(
        admin("POST", "/api/sites/1/protocol_types/", R"({"name": "seventeen-chars-x"})").status,
        400);
    ASSERT_EQ(admin("POST", "/api/sites/1/protocol_types/", R"({"name": "ospf"})").status, 201);
    ASSERT_EQ(admin("POST", "/api/sites/2/protocol_types/", R"({"name": "rip"})").status, 201);

    const HttpReply missing =
        admin("POST", "/api/sites/1/protocols/", R"({"type": "bgp", "device": "r1"})");
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(message(missing)[QStringLiteral("attributes")].toString(),
              QStringLiteral("Missing required attributes: asn"));
    const HttpReply created = admin(
        "POST", "/api/sites/1/protocols/",
        R"({"type": "bgp", "device": "r1", "circuit": "r1:eth0_r2:eth0", "auth_string": "s3cret", "attributes": {"asn": "65001"}})");
    ASSERT_EQ(created.status, 201) << created.body.constData();
    const QJsonObject protocol = created.json().toObject();
    EXPECT_EQ(protocol[QStringLiteral("type")].toString(), QStringLiteral("bgp"));
    EXPECT_EQ(protocol[QStringLiteral("device")].toString(), QStringLiteral("r1"));
    EXPECT_EQ(protocol[QStringLiteral("circuit")].toString(), QStringLiteral("r1:eth0_r2:eth0"));
    EXPECT_EQ(protocol[QStringLiteral("auth_string")].toString(), QStringLiteral("s3cret"));
    EXPECT_TRUE(protocol[QStringLiteral("interface")].isNull());

    const QByteArray id = QByteArray::number(protocol[QStringLiteral("id")].toInteger());
    const HttpReply patched = admin("PATCH", "/api/sites/1/protocols/" + id + "/",
                                    R"({"interface": "r1:eth0", "description": "to r2"})");
    ASSERT_EQ(patched.status, 200) << patched.body.constData();
    EXPECT_EQ(patched.json()[QStringLiteral("interface")].toString(), QStringLiteral("r1:eth0"));
    EXPECT_EQ(patched.json()[QStringLiteral("auth_string")].toString(), QStringLiteral("s3cret"));
    EXPECT_EQ(
        admin("PATCH", "/api/sites/1/protocols/" + id + "/", R"({"attributes": {"asn": null}})")
            .status,
        400);

    EXPECT_EQ(admin("GET", "/api/sites/1/protocols/?device=r1&type=bgp").json().toArray().size(),
              1);
    EXPECT_EQ(admin("GET", "/api/sites/1/protocols/?device=r2").json().toArray().size(), 0);
    EXPECT_EQ(admin("GET", "/api/sites/1/protocols/query/?query=asn=65001").json().toArray().size(),
              1);
    EXPECT_EQ(admin("DELETE", "/api/sites/1/protocol_types/bgp/").status, 409);

    const auto refused = [](const QByteArray &body, const QString &field) {
        const HttpReply reply = admin("POST", "/api/sites/1/protocols/", body);
        EXPECT_EQ(reply.status, 400) << body.constData() << reply.body.constData();
        EXPECT_TRUE(message(reply).toObject().contains(field)) << reply.body.constData();
    };
    refused(R"({"type": "ospf", "device": "r1", "interface": "r2:eth0"})",
            QStringLiteral("interface"));
    refused(R"({"type": "rip", "device": "r1"})", QStringLiteral("type"));
    refused(R"({"type": "ospf", "device": "nosuch"})", QStringLiteral("device"));
    refused(R"({"type": "nosuch", "device": "r1"})", QStringLiteral("type"));
    refused(R"({"device": "r1"})", QStringLiteral("type"));

    EXPECT_EQ(admin("DELETE", "/api/sites/1/protocols/" + id + "/").status, 204);
    EXPECT_EQ(admin("DELETE", "/api/sites/1/protocol_types/bgp/").status, 204);
}
