#include "ServerFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Cairn::Test;

// Interfaces through the NSoT face: names per device, the interface tree, assigned addresses
// and the refusals pynsot users meet.
class InterfacesApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite()
    {
        startServer();
        ASSERT_EQ(admin("POST", "/api/sites/1/devices/",
                        R"([{"hostname": "core1"}, {"hostname": "core2"}, {"hostname": "edge1"}])")
                      .status,
                  201);
        ASSERT_EQ(admin("POST", "/api/sites/1/networks/", R"({"cidr": "10.10.0.0/16"})").status,
                  201);
        ASSERT_EQ(admin("POST", "/api/sites/1/attributes/",
                        R"({"name": "vlan", "resource_name": "Interface"})")
                      .status,
                  201);
    }

    static QJsonObject create(const QByteArray &body)
    {
        const HttpReply reply = admin("POST", "/api/sites/1/interfaces/", body);
        EXPECT_EQ(reply.status, 201) << body.constData() << reply.body.constData();
        return reply.json().toObject();
    }

    static QStringList slugs(const QByteArray &path)
    {
        const HttpReply reply = admin("GET", path);
        EXPECT_EQ(reply.status, 200) << path.constData() << reply.body.constData();
        QStringList found;
        for (const QJsonValue row : reply.json().toArray())
            found << row[QStringLiteral("name_slug")].toString();
        return found;
    }
};

TEST_F(InterfacesApiTest, AddressesAreAssignedAndShownWithTheirNetworks)
{
    const QJsonObject eth = create(
        R"({"device": "core1", "name": "Ethernet1/1", "addresses": ["10.10.1.1/32"], "mac_address": "00:1c:73:2a:60:62", "attributes": {"vlan": "100"}})");
    EXPECT_EQ(eth[QStringLiteral("name_slug")].toString(), QStringLiteral("core1:Ethernet1/1"));
    EXPECT_EQ(eth[QStringLiteral("device_hostname")].toString(), QStringLiteral("core1"));
    EXPECT_EQ(eth[QStringLiteral("mac_address")].toString(), QStringLiteral("00:1C:73:2A:60:62"));
    EXPECT_EQ(eth[QStringLiteral("speed")].toInt(), 1000);
    EXPECT_EQ(eth[QStringLiteral("type")].toInt(), 6);
    EXPECT_EQ(eth[QStringLiteral("addresses")].toArray(),
              QJsonArray{QStringLiteral("10.10.1.1/32")});
    EXPECT_EQ(eth[QStringLiteral("networks")].toArray(),
              QJsonArray{QStringLiteral("10.10.0.0/16")});
    // The address became a network of its own, assigned, under the base network.
    const QJsonObject address =
        admin("GET", "/api/sites/1/networks/10.10.1.1/32/").json().toObject();
    EXPECT_EQ(address[QStringLiteral("state")].toString(), QStringLiteral("assigned"));
    EXPECT_EQ(address[QStringLiteral("parent")].toString(), QStringLiteral("10.10.0.0/16"));
    const QJsonArray assignments =
        admin("GET", "/api/sites/1/networks/10.10.1.1/32/assignments/").json().toArray();
    ASSERT_EQ(assignments.size(), 1);
    EXPECT_EQ(assignments.first()[QStringLiteral("hostname")].toString(), QStringLiteral("core1"));
    EXPECT_EQ(assignments.first()[QStringLiteral("interface_name")].toString(),
              QStringLiteral("Ethernet1/1"));

    // By name_slug (with its '/'), and the address walks.
    const QByteArray path = "/api/sites/1/interfaces/core1:Ethernet1/1/";
    EXPECT_EQ(admin("GET", path).json()[QStringLiteral("id")], eth[QStringLiteral("id")]);
    EXPECT_EQ(admin("GET", path + "addresses/").json()[0][QStringLiteral("cidr")].toString(),
              QStringLiteral("10.10.1.1/32"));
    EXPECT_EQ(admin("GET", path + "networks/").json()[0][QStringLiteral("cidr")].toString(),
              QStringLiteral("10.10.0.0/16"));
    EXPECT_EQ(admin("GET", path + "assignments/").json().toArray().size(), 1);

    // Another device may hold the same address; the same device may not, twice.
    create(R"({"device": "core2", "name": "eth0", "addresses": ["10.10.1.1/32"]})");
    const HttpReply twice =
        admin("POST", "/api/sites/1/interfaces/",
              R"({"device": "core1", "name": "eth9", "addresses": ["10.10.1.1/32"]})");
    EXPECT_EQ(twice.status, 400);
    EXPECT_EQ(message(twice)[QStringLiteral("addresses")].toString(),
              QStringLiteral("Address already assigned to this Device."));
    EXPECT_EQ(admin("GET", "/api/sites/1/interfaces/core1:eth9/").status, 404);

    // PATCH without addresses keeps them; PUT replaces them all (pynsot sends them every time).
    const QByteArray id = QByteArray::number(eth[QStringLiteral("id")].toInteger());
    const HttpReply patched =
        admin("PATCH", "/api/sites/1/interfaces/" + id + "/", R"({"description": "uplink"})");
    EXPECT_EQ(patched.json()[QStringLiteral("addresses")].toArray().size(), 1);
    QJsonObject whole = patched.json().toObject();
    whole.insert(QStringLiteral("addresses"), QJsonArray{QStringLiteral("10.10.1.2/32")});
    const HttpReply put = admin("PUT", "/api/sites/1/interfaces/" + id + "/",
                                QJsonDocument(whole).toJson(QJsonDocument::Compact));
    ASSERT_EQ(put.status, 200) << put.body.constData();
    EXPECT_EQ(put.json()[QStringLiteral("addresses")].toArray(),
              QJsonArray{QStringLiteral("10.10.1.2/32")});
    EXPECT_EQ(put.json()[QStringLiteral("description")].toString(), QStringLiteral("uplink"));
    EXPECT_EQ(put.json()[QStringLiteral("mac_address")].toString(),
              QStringLiteral("00:1C:73:2A:60:62"));
    EXPECT_EQ(admin("GET", "/api/sites/1/interfaces/?attributes=vlan=100").json().toArray().size(),
              1);
    EXPECT_EQ(admin("GET", "/api/sites/1/interfaces/query/?query=vlan=100").json().toArray().size(),
              1);
}

TEST_F(InterfacesApiTest, InterfaceTreeStaysOnOneDevice)
{
    create(R"({"device": "edge1", "name": "ae0", "type": 161})");
    create(R"({"device": "edge1", "name": "ae0.10", "parent_id": "edge1:ae0"})");
    create(R"({"device": "edge1", "name": "ae0.10.1", "parent_id": "edge1:ae0.10"})");
    create(R"({"device": "edge1", "name": "ae0.20", "parent_id": "edge1:ae0"})");
    const QByteArray leaf = "/api/sites/1/interfaces/edge1:ae0.10.1/";
    EXPECT_EQ(slugs(leaf + "ancestors/"),
              (QStringList{QStringLiteral("edge1:ae0"), QStringLiteral("edge1:ae0.10")}));
    EXPECT_EQ(admin("GET", leaf + "root/").json()[QStringLiteral("name_slug")].toString(),
              QStringLiteral("edge1:ae0"));
    EXPECT_EQ(admin("GET", leaf + "parent/").json()[QStringLiteral("name")].toString(),
              QStringLiteral("ae0.10"));
    EXPECT_EQ(admin("GET", "/api/sites/1/interfaces/edge1:ae0/parent/").status, 404);
    EXPECT_EQ(admin("GET", "/api/sites/1/interfaces/edge1:ae0/root/")
                  .json()[QStringLiteral("name")]
                  .toString(),
              QStringLiteral("ae0"));
    EXPECT_EQ(slugs("/api/sites/1/interfaces/edge1:ae0/children/").size(), 2);
    EXPECT_EQ(slugs("/api/sites/1/interfaces/edge1:ae0/descendants/").size(), 3);
    EXPECT_EQ(slugs("/api/sites/1/interfaces/edge1:ae0.10/siblings/"),
              QStringList{QStringLiteral("edge1:ae0.20")});
    EXPECT_EQ(slugs("/api/sites/1/interfaces/?device_hostname=edge1&type=161"),
              QStringList{QStringLiteral("edge1:ae0")});
    EXPECT_EQ(slugs("/api/sites/1/devices/edge1/interfaces/").size(), 4);

    const HttpReply otherDevice =
        admin("POST", "/api/sites/1/interfaces/",
              R"({"device": "core2", "name": "sub", "parent_id": "edge1:ae0"})");
    EXPECT_EQ(otherDevice.status, 400);
    EXPECT_EQ(message(otherDevice)[QStringLiteral("parent_id")].toString(),
              QStringLiteral("Parent's device does not match device with host name 'core2'"));
    // No ring of parents, in one request or over two: the tree's walks would never end.
    const QByteArray ae0 = "/api/sites/1/interfaces/edge1:ae0/";
    const HttpReply ring = admin("PATCH", ae0, R"({"parent_id": "edge1:ae0.10.1"})");
    EXPECT_EQ(ring.status, 400) << ring.body.constData();
    EXPECT_EQ(message(ring)[QStringLiteral("parent_id")].toString(),
              QStringLiteral("Interface ae0.10.1 is below this one: an interface cannot be its own "
                             "ancestor."));
    const QByteArray ae020 =
        QByteArray::number(admin("GET", "/api/sites/1/interfaces/edge1:ae0.20/")
                               .json()[QStringLiteral("id")]
                               .toInteger());
    const QByteArray ae0Id =
        QByteArray::number(admin("GET", ae0).json()[QStringLiteral("id")].toInteger());
    const HttpReply bulkRing =
        admin("PATCH", "/api/sites/1/interfaces/",
              "[{\"id\": " + ae020 + ", \"parent_id\": null}, {\"id\": " + ae0Id +
                  ", \"parent_id\": " + ae020 + "}, {\"id\": " + ae020 +
                  ", \"parent_id\": " + ae0Id + "}]");
    EXPECT_EQ(bulkRing.status, 400) << bulkRing.body.constData();
    EXPECT_EQ(admin("GET", ae0 + "parent/").status, 404);
    EXPECT_EQ(slugs("/api/sites/1/interfaces/edge1:ae0/descendants/").size(), 3);

    const HttpReply parent = admin("DELETE", "/api/sites/1/interfaces/edge1:ae0/");
    EXPECT_EQ(parent.status, 409);
    EXPECT_EQ(message(parent).toString(),
              QStringLiteral("Cannot delete interface edge1:ae0: it still has 2 child interfaces. "
                             "Delete them first."));
    EXPECT_EQ(
        admin("POST", "/api/sites/1/interfaces/", R"({"device": "edge1", "name": "ae0"})").status,
        409);
    // A bulk delete goes in the order given: a child before its parent.
    const QByteArray leafId =
        QByteArray::number(admin("GET", leaf).json()[QStringLiteral("id")].toInteger());
    const QByteArray middleId =
        QByteArray::number(admin("GET", "/api/sites/1/interfaces/edge1:ae0.10/")
                               .json()[QStringLiteral("id")]
                               .toInteger());
    EXPECT_EQ(
        admin("DELETE", "/api/sites/1/interfaces/", "[" + middleId + ", " + leafId + "]").status,
        409);
    const HttpReply childFirst =
        admin("DELETE", "/api/sites/1/interfaces/", "[" + leafId + ", " + middleId + "]");
    EXPECT_EQ(childFirst.status, 204) << childFirst.body.constData();
    EXPECT_EQ(slugs("/api/sites/1/interfaces/edge1:ae0/descendants/"),
              QStringList{QStringLiteral("edge1:ae0.20")});
    // Deleting the device takes its interfaces along.
    EXPECT_EQ(admin("DELETE", "/api/sites/1/devices/edge1/").status, 204);
    EXPECT_EQ(slugs("/api/sites/1/interfaces/?device_hostname=edge1"), QStringList());
}

TEST_F(InterfacesApiTest, BadInputIsRefusedAndChangesNothing)
{
    const auto refused = [](const QByteArray &body, const QString &field) {
        const HttpReply reply = admin("POST", "/api/sites/1/interfaces/", body);
        EXPECT_EQ(reply.status, 400) << body.constData() << reply.body.constData();
        EXPECT_TRUE(message(reply).toObject().contains(field)) << reply.body.constData();
    };
    const qint64 before =
        admin("GET", "/api/interfaces/?limit=1").json()[QStringLiteral("count")].toInteger();
    refused(R"({"name": "eth0"})", QStringLiteral("device"));
    refused(R"({"device": "nosuch", "name": "eth0"})", QStringLiteral("device"));
    refused(R"({"device": "core1", "name": ""})", QStringLiteral("name"));
    refused(R"({"device": "core1", "name": "x1", "type": 999})", QStringLiteral("type"));
    refused(R"({"device": "core1", "name": "x1", "speed": 1.5})", QStringLiteral("speed"));
    refused(R"({"device": "core1", "name": "x1", "mac_address": "zz:00"})",
            QStringLiteral("mac_address"));
    refused(R"({"device": "core1", "name": "x1", "addresses": ["10.10.0.0/24"]})",
            QStringLiteral("addresses"));
    refused(R"({"device": "core1", "name": "x1", "addresses": ["192.0.2.1/32"]})",
            QStringLiteral("addresses"));
    refused(R"({"device": "core1", "name": "x1", "attributes": {"colour": "red"}})",
            QStringLiteral("attributes"));
    // A bulk create with one bad item creates none, and leaves no host network behind.
    EXPECT_EQ(
        admin(
            "POST", "/api/sites/1/interfaces/",
            R"([{"device": "core1", "name": "x1", "addresses": ["10.10.9.9/32"]}, {"device": "core1", "name": "x2", "type": 7}])")
            .status,
        400);
    EXPECT_EQ(admin("GET", "/api/sites/1/networks/10.10.9.9/32/").status, 404);
    EXPECT_EQ(admin("GET", "/api/interfaces/?limit=1").json()[QStringLiteral("count")].toInteger(),
              before);
    EXPECT_EQ(admin("DELETE", "/api/sites/1/interfaces/", R"(["x"])").status, 400);
}
