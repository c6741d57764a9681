#include "ServerFixture.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Cairn::Test;

// IP address management through the NSoT face: the tree, its walks, free-space search and
// every refusal, as pynsot and scripts use them.
class NetworksApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite()
    {
        startServer();
        ASSERT_EQ(admin("POST", "/api/sites/", R"({"name": "Lab"})").status, 201);
        ASSERT_EQ(admin("POST", "/api/sites/1/attributes/",
                        R"({"name": "owner", "resource_name": "Network"})")
                      .status,
                  201);
    }

    static QJsonObject create(const QByteArray &cidr, const QByteArray &site = "1")
    {
        const HttpReply reply =
            admin("POST", "/api/sites/" + site + "/networks/", R"({"cidr": ")" + cidr + R"("})");
        EXPECT_EQ(reply.status, 201) << cidr.constData() << reply.body.constData();
        return reply.json().toObject();
    }

    static QJsonObject get(const QByteArray &path)
    {
        const HttpReply reply = admin("GET", path);
        EXPECT_EQ(reply.status, 200) << path.constData() << reply.body.constData();
        return reply.json().toObject();
    }

    // The CIDRs of a list answer, in order.
    static QStringList cidrs(const QByteArray &path)
    {
        const HttpReply reply = admin("GET", path);
        EXPECT_EQ(reply.status, 200) << path.constData() << reply.body.constData();
        QStringList found;
        for (const QJsonValue row : reply.json().toArray())
            found << (row.isString() ? row.toString() : row[QStringLiteral("cidr")].toString());
        return found;
    }

    static qint64 countOf(const QByteArray &path)
    {
        return admin("GET", path).json()[QStringLiteral("count")].toInteger();
    }
};

TEST_F(NetworksApiTest, ParentsAreAlwaysTheLongestSupernet)
{
    const QJsonObject root = create("10.0.0.0/8");
    EXPECT_TRUE(root[QStringLiteral("parent_id")].isNull());
    EXPECT_EQ(root[QStringLiteral("ip_version")].toString(), QStringLiteral("4"));
    EXPECT_EQ(root[QStringLiteral("network_address")].toString(), QStringLiteral("10.0.0.0"));
    EXPECT_EQ(root[QStringLiteral("prefix_length")].toInt(), 8);
    EXPECT_EQ(root[QStringLiteral("state")].toString(), QStringLiteral("allocated"));
    const QJsonObject slash16 = create("10.1.0.0/16");
    const QJsonObject slash24 = create("10.1.2.0/24");
    const QJsonObject host = create("10.1.2.3/32");
    EXPECT_EQ(host[QStringLiteral("parent")].toString(), QStringLiteral("10.1.2.0/24"));
    EXPECT_TRUE(host[QStringLiteral("is_ip")].toBool());

    // A network added in between adopts the children of its parent that it contains.
    const QJsonObject slash20 = create("10.1.0.0/20");
    EXPECT_EQ(slash20[QStringLiteral("parent_id")], slash16[QStringLiteral("id")]);
    EXPECT_EQ(get("/api/sites/1/networks/10.1.2.0/24/")[QStringLiteral("parent")].toString(),
              QStringLiteral("10.1.0.0/20"));

    // Deleting it with children needs force_delete, which moves them up.
    const QByteArray id = QByteArray::number(slash20[QStringLiteral("id")].toInteger());
    EXPECT_EQ(admin("DELETE", "/api/sites/1/networks/" + id + "/").status, 409);
    EXPECT_EQ(admin("DELETE", "/api/sites/1/networks/" + id + "/?force_delete=true").status, 204);
    EXPECT_EQ(get("/api/networks/10.1.2.0/24/")[QStringLiteral("parent_id")],
              slash16[QStringLiteral("id")]);
    EXPECT_EQ(slash24[QStringLiteral("site_id")].toInt(), 1);

    // A root whose children are leaves cannot be force-deleted.
    create("172.16.0.0/12");
    create("172.16.1.0/24");
    const HttpReply refused =
        admin("DELETE", "/api/sites/1/networks/172.16.0.0/12/?force_delete=true");
    EXPECT_EQ(refused.status, 409);
    EXPECT_TRUE(message(refused).toString().contains(QStringLiteral("leaf")));
}

TEST_F(NetworksApiTest, TreeWalksAnswerInAddressOrder)
{
    create("192.168.0.0/16");
    create("192.168.10.0/24");
    create("192.168.2.0/24");
    create("192.168.2.0/25");
    create("192.168.2.7/32");
    const QByteArray base = "/api/sites/1/networks/192.168.0.0/16/";
    EXPECT_EQ(cidrs(base + "children/"),
              (QStringList{QStringLiteral("192.168.2.0/24"), QStringLiteral("192.168.10.0/24")}));
    EXPECT_EQ(cidrs(base + "descendants/"),
              (QStringList{QStringLiteral("192.168.2.0/24"), QStringLiteral("192.168.2.0/25"),
                           QStringLiteral("192.168.2.7/32"), QStringLiteral("192.168.10.0/24")}));
    EXPECT_EQ(cidrs(base + "descendents/").size(), 4);
    EXPECT_EQ(cidrs(base + "subnets/?include_ips=false"),
              (QStringList{QStringLiteral("192.168.2.0/24"), QStringLiteral("192.168.2.0/25"),
                           QStringLiteral("192.168.10.0/24")}));
    EXPECT_EQ(cidrs(base + "subnets/?include_networks=false"),
              QStringList{QStringLiteral("192.168.2.7/32")});
    EXPECT_EQ(cidrs(base + "subnets/?direct=true").size(), 2);
    const QByteArray host = "/api/sites/1/networks/192.168.2.7/32/";
    EXPECT_EQ(cidrs(host + "ancestors/"),
              (QStringList{QStringLiteral("192.168.0.0/16"), QStringLiteral("192.168.2.0/24"),
                           QStringLiteral("192.168.2.0/25")}));
    EXPECT_EQ(cidrs(host + "ancestors/?ascending=true").first(), QStringLiteral("192.168.2.0/25"));
    EXPECT_EQ(cidrs(host + "supernets/?direct=true"),
              QStringList{QStringLiteral("192.168.2.0/25")});
    EXPECT_EQ(cidrs(host + "subnets/"), QStringList());
    EXPECT_EQ(get(host + "parent/")[QStringLiteral("cidr")].toString(),
              QStringLiteral("192.168.2.0/25"));
    EXPECT_EQ(get(host + "root/")[QStringLiteral("cidr")].toString(),
              QStringLiteral("192.168.0.0/16"));
    EXPECT_EQ(admin("GET", base + "parent/").status, 404);
    EXPECT_EQ(admin("GET", base + "root/").status, 404);
    EXPECT_EQ(cidrs("/api/sites/1/networks/192.168.10.0/24/siblings/"),
              QStringList{QStringLiteral("192.168.2.0/24")});
    EXPECT_EQ(cidrs("/api/sites/1/networks/192.168.10.0/24/siblings/?include_self=true").size(), 2);

    // A CIDR that does not exist still finds its closest parent, bounded by ?prefix_length.
    EXPECT_EQ(get("/api/sites/1/networks/192.168.2.99/32/closest_parent/")[QStringLiteral("cidr")]
                  .toString(),
              QStringLiteral("192.168.2.0/25"));
    EXPECT_EQ(admin("GET", "/api/sites/1/networks/192.168.2.99/32/closest_parent/?prefix_length=26")
                  .status,
              404);
    const HttpReply notInteger =
        admin("GET", "/api/sites/1/networks/192.168.2.99/32/closest_parent/?prefix_length=shoe");
    EXPECT_EQ(notInteger.status, 400);
    EXPECT_TRUE(message(notInteger).toObject().contains(QStringLiteral("prefix_length")));

    // Walks page like lists, which is how pynsot counts before it lists.
    const QJsonObject page = get(base + "descendants/?limit=1&offset=1");
    EXPECT_EQ(page[QStringLiteral("count")].toInt(), 4);
    EXPECT_EQ(page[QStringLiteral("results")][0][QStringLiteral("cidr")].toString(),
              QStringLiteral("192.168.2.0/25"));
}

TEST_F(NetworksApiTest, NextNetworksAndAddressesSkipWhatIsTaken)
{
    create("10.20.0.0/16");
    create("10.20.0.0/24");
    create("10.20.1.0/24");
    create("10.20.2.5/32");
    create("10.20.4.0/22");
    const QByteArray base = "/api/sites/1/networks/10.20.0.0/16/";
    // A /24 may be carved out of the allocated /22; the /24 holding an address is taken.
    EXPECT_EQ(cidrs(base + "next_network/?prefix_length=24&num=2"),
              (QStringList{QStringLiteral("10.20.3.0/24"), QStringLiteral("10.20.4.0/24")}));
    // Strict: the direct children (the /22 included) occupy all they cover.
    EXPECT_EQ(cidrs(base + "next_network/?prefix_length=24&num=2&strict_allocation=true"),
              (QStringList{QStringLiteral("10.20.3.0/24"), QStringLiteral("10.20.8.0/24")}));
    // Host addresses skip the network and broadcast addresses, and anything assigned.
    create("10.20.2.0/24");
    EXPECT_EQ(cidrs("/api/sites/1/networks/10.20.2.0/24/next_address/?num=5"),
              (QStringList{QStringLiteral("10.20.2.1/32"), QStringLiteral("10.20.2.2/32"),
                           QStringLiteral("10.20.2.3/32"), QStringLiteral("10.20.2.4/32"),
                           QStringLiteral("10.20.2.6/32")}));
    create("10.20.9.0/31");
    EXPECT_EQ(cidrs("/api/sites/1/networks/10.20.9.0/31/next_address/?num=5"),
              (QStringList{QStringLiteral("10.20.9.0/32"), QStringLiteral("10.20.9.1/32")}));
    create("10.20.8.252/30");
    EXPECT_EQ(cidrs("/api/sites/1/networks/10.20.8.252/30/next_address/?num=5"),
              (QStringList{QStringLiteral("10.20.8.253/32"), QStringLiteral("10.20.8.254/32")}));

    // POST creates them; ?reserve=true as reserved, and a reserved parent has no free space.
    const HttpReply reserved =
        admin("POST", "/api/sites/1/networks/10.20.2.0/24/next_address/?num=2&reserve=true");
    ASSERT_EQ(reserved.status, 200) << reserved.body.constData();
    EXPECT_EQ(reserved.json().toArray().size(), 2);
    EXPECT_EQ(get("/api/sites/1/networks/10.20.2.1/32/")[QStringLiteral("state")].toString(),
              QStringLiteral("reserved"));
    EXPECT_EQ(cidrs("/api/sites/1/networks/reserved/"),
              (QStringList{QStringLiteral("10.20.2.1/32"), QStringLiteral("10.20.2.2/32")}));
    EXPECT_EQ(cidrs("/api/sites/1/networks/10.20.2.1/32/next_address/"), QStringList());

    const HttpReply missing = admin("GET", base + "next_network/");
    EXPECT_EQ(missing.status, 400);
    EXPECT_TRUE(message(missing).toObject().contains(QStringLiteral("prefix_length")));
    const HttpReply shorter = admin("GET", base + "next_network/?prefix_length=8");
    EXPECT_EQ(shorter.status, 400);
    EXPECT_EQ(message(shorter)[QStringLiteral("prefix_length")].toString(),
              QStringLiteral("New prefix must be longer than 16"));
    EXPECT_EQ(admin("GET", base + "next_network/?prefix_length=33").status, 400);
    EXPECT_EQ(admin("GET", base + "next_network/?prefix_length=24&num=x").status, 400);

    // IPv6 works the same way.
    create("2001:db8::/32");
    create("2001:db8::/64");
    EXPECT_EQ(cidrs("/api/sites/1/networks/2001:db8::/32/next_network/?prefix_length=64"),
              QStringList{QStringLiteral("2001:db8:0:1::/64")});
    EXPECT_EQ(cidrs("/api/sites/1/networks/2001:db8::/64/next_address/?num=2"),
              (QStringList{QStringLiteral("2001:db8::1/128"), QStringLiteral("2001:db8::2/128")}));
}

TEST_F(NetworksApiTest, BadInputIsRefusedAndChangesNothing)
{
    const qint64 before = countOf("/api/networks/?limit=1");
    const HttpReply hostBits =
        admin("POST", "/api/sites/1/networks/", R"({"cidr": "10.99.0.1/16"})");
    EXPECT_EQ(hostBits.status, 400);
    EXPECT_EQ(message(hostBits)[QStringLiteral("cidr")].toString(),
              QStringLiteral("10.99.0.1/16 has host bits set"));
    const HttpReply garbage =
        admin("POST", "/api/sites/1/networks/", R"({"cidr": "10.300.0.0/16"})");
    EXPECT_EQ(garbage.status, 400);
    EXPECT_TRUE(message(garbage).toObject().contains(QStringLiteral("cidr")));
    const HttpReply noBase =
        admin("POST", "/api/sites/1/networks/", R"({"cidr": "203.0.113.9/32"})");
    EXPECT_EQ(noBase.status, 400);
    EXPECT_EQ(message(noBase)[QStringLiteral("cidr")].toString(),
              QStringLiteral("IP Address needs base network."));
    const HttpReply badState =
        admin("POST", "/api/sites/1/networks/", R"({"cidr": "10.99.0.0/16", "state": "lost"})");
    EXPECT_EQ(badState.status, 400);
    EXPECT_EQ(message(badState)[QStringLiteral("state")].toString(),
              QStringLiteral("Invalid state: 'lost'"));
    const HttpReply unknownAttribute =
        admin("POST", "/api/sites/1/networks/",
              R"({"cidr": "10.99.0.0/16", "attributes": {"colour": "red"}})");
    EXPECT_EQ(unknownAttribute.status, 400);
    EXPECT_TRUE(message(unknownAttribute).toObject().contains(QStringLiteral("attributes")));
    // One bad item in a bulk create applies none.
    const HttpReply bulk = admin("POST", "/api/sites/1/networks/",
                                 R"([{"cidr": "10.98.0.0/16"}, {"cidr": "10.97.0.1/16"}])");
    EXPECT_EQ(bulk.status, 400);
    EXPECT_EQ(countOf("/api/networks/?limit=1"), before);

    create("10.96.0.0/16");
    EXPECT_EQ(admin("POST", "/api/sites/1/networks/", R"({"cidr": "10.96.0.0/16"})").status, 409);
    // The same CIDR in another site is a different network.
    create("10.96.0.0/16", "2");
    EXPECT_EQ(admin("GET", "/api/networks/10.96.0.0/16/").status, 400);
    EXPECT_EQ(admin("GET", "/api/sites/2/networks/10.96.0.0/16/").status, 200);
    EXPECT_EQ(admin("GET", "/api/sites/1/networks/10.95.0.0/16/").status, 404);
    EXPECT_EQ(admin("DELETE", "/api/sites/1/networks/", R"([1, "two"])").status, 400);
    EXPECT_EQ(admin("DELETE", "/api/sites/1/networks/", R"([1, 999999])").status, 404);
    EXPECT_EQ(countOf("/api/networks/?limit=1"), before + 2);
}

TEST_F(NetworksApiTest, FiltersStatesAndAttributes)
{
    const QJsonObject network = create("100.64.0.0/10");
    create("100.64.1.0/24");
    create("100.64.1.1/32");
    const QByteArray id = QByteArray::number(network[QStringLiteral("id")].toInteger());
    // PATCH merges attributes and keeps the state; PUT needs attributes and resets the state.
    HttpReply patched = admin("PATCH", "/api/sites/1/networks/" + id + "/",
                              R"({"state": "reserved", "attributes": {"owner": "ops"}})");
    ASSERT_EQ(patched.status, 200) << patched.body.constData();
    EXPECT_EQ(patched.json()[QStringLiteral("state")].toString(), QStringLiteral("reserved"));
    EXPECT_EQ(admin("PUT", "/api/sites/1/networks/" + id + "/", R"({"state": "allocated"})").status,
              400);
    const HttpReply put =
        admin("PUT", "/api/sites/1/networks/" + id + "/",
              R"({"cidr": "1.2.3.0/24", "is_ip": true, "attributes": {"owner": "net"}})");
    ASSERT_EQ(put.status, 200) << put.body.constData();
    EXPECT_EQ(put.json()[QStringLiteral("state")].toString(), QStringLiteral("allocated"));
    EXPECT_EQ(put.json()[QStringLiteral("cidr")].toString(), QStringLiteral("100.64.0.0/10"));

    EXPECT_EQ(cidrs("/api/sites/1/networks/?attributes=owner=net"),
              QStringList{QStringLiteral("100.64.0.0/10")});
    EXPECT_EQ(cidrs("/api/sites/1/networks/query/?query=owner=net"),
              QStringList{QStringLiteral("100.64.0.0/10")});
    EXPECT_EQ(cidrs("/api/sites/1/networks/?cidr=100.64.1.0/24"),
              QStringList{QStringLiteral("100.64.1.0/24")});
    EXPECT_EQ(cidrs("/api/sites/1/networks/?network_address=100.64.1.1"),
              QStringList{QStringLiteral("100.64.1.1/32")});
    EXPECT_TRUE(
        cidrs("/api/sites/1/networks/?include_ips=True").contains(QStringLiteral("100.64.1.1/32")));
    EXPECT_FALSE(cidrs("/api/sites/1/networks/?include_networks=True")
                     .contains(QStringLiteral("100.64.1.1/32")));
    EXPECT_TRUE(
        cidrs("/api/sites/1/networks/?root_only=True").contains(QStringLiteral("100.64.0.0/10")));
    EXPECT_FALSE(
        cidrs("/api/sites/1/networks/?root_only=True").contains(QStringLiteral("100.64.1.0/24")));
    EXPECT_TRUE(cidrs("/api/sites/1/networks/?prefix_length=24&ip_version=4")
                    .contains(QStringLiteral("100.64.1.0/24")));
    EXPECT_EQ(admin("GET", "/api/sites/1/networks/?cidr=nonsense").status, 400);

    // network_address + prefix_length is the other way to create, and expand walks up.
    const HttpReply parts = admin("POST", "/api/sites/1/networks/",
                                  R"({"network_address": "100.64.2.0", "prefix_length": 24})");
    ASSERT_EQ(parts.status, 201) << parts.body.constData();
    EXPECT_EQ(parts.json()[QStringLiteral("cidr")].toString(), QStringLiteral("100.64.2.0/24"));
    const QJsonObject expanded =
        get("/api/sites/1/networks/100.64.1.1/32/?expand=parent_id.parent_id,site_id");
    EXPECT_EQ(
        expanded[QStringLiteral("parent_id")][QStringLiteral("parent_id")][QStringLiteral("cidr")]
            .toString(),
        QStringLiteral("100.64.0.0/10"));
    EXPECT_EQ(expanded[QStringLiteral("site_id")][QStringLiteral("name")].toString().isEmpty(),
              false);
}
