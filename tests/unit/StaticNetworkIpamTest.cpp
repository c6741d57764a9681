// Static networks and leases in the IPAM tree: one store of addresses that NSoT's clients and
// the VM control plane both read and write, on SQLite and PostgreSQL.
#include "CoreFixture.h"
#include "QtPrinters.h"
#include "db/SqlQuery.h"

#include <QJsonArray>

using namespace Cairn;

namespace {

const QString First = QStringLiteral("1b4e28ba-2fa1-41d2-883f-0016d3cca427");
const QString Second = QStringLiteral("6fa459ea-ee8a-4ca4-894e-db77e160355e");

class StaticNetworkIpamTest : public Test::CoreFixture
{
protected:
    void SetUp() override
    {
        CoreFixture::SetUp();
        admin = addUser(QStringLiteral("admin"), true);
    }

    // A static network serving every hypervisor, with one range.
    StaticNetwork addNetwork(const QString &name, const QString &ip, const QString &first,
                             const QString &last)
    {
        StaticNetworkFields fields;
        fields.name = name;
        fields.ip = ip;
        fields.netmask = QStringLiteral("24");
        const Result<StaticNetwork> network = core->staticNetworks().create(admin, fields);
        EXPECT_TRUE(network.ok()) << (network ? "" : network.error().message.toStdString());
        if (!network)
            return {};
        EXPECT_TRUE(core->staticNetworks().addRange(admin, network->uuid, first, last).ok());
        return core->staticNetworks().get(admin, network->uuid).value();
    }

    Result<Network> ipam(const QString &cidr) { return core->networks().get(cidr); }

    QString lease(const QString &machine, const QString &mac)
    {
        const Result<std::optional<IpLease>> leased =
            core->staticNetworks().leaseFor({}, machine, mac);
        EXPECT_TRUE(leased.ok() && leased->has_value());
        return leased && leased->has_value() ? leased->value().address : QString();
    }

    Identity admin;
};

} // namespace

TEST_F(StaticNetworkIpamTest, AStaticNetworkIsTheIpamNetworkOfItsCidr)
{
    const Result<QList<Site>> dc = core->sites().create(
        admin, QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("dc1")}}});
    ASSERT_TRUE(dc.ok());
    const Result<QList<Network>> recorded = core->networks().create(
        admin, QJsonArray{QJsonObject{{QStringLiteral("cidr"), QStringLiteral("10.40.0.0/24")}}},
        dc->first().id);
    ASSERT_TRUE(recorded.ok());

    // The network IPAM has already is the static network; a new one goes to the default site.
    const StaticNetwork known =
        addNetwork(QStringLiteral("known"), QStringLiteral("10.40.0.0"),
                   QStringLiteral("10.40.0.10"), QStringLiteral("10.40.0.20"));
    EXPECT_EQ(known.ipamNetworkId, recorded->first().id);
    EXPECT_EQ(known.siteId, dc->first().id);
    const StaticNetwork fresh =
        addNetwork(QStringLiteral("fresh"), QStringLiteral("10.41.0.0"),
                   QStringLiteral("10.41.0.10"), QStringLiteral("10.41.0.20"));
    const Result<Network> made = ipam(QStringLiteral("10.41.0.0/24"));
    ASSERT_TRUE(made.ok());
    EXPECT_EQ(fresh.ipamNetworkId, made->id);
    EXPECT_EQ(made->state, QStringLiteral("allocated"));
    EXPECT_EQ(core->sites().get(made->siteId)->name, QStringLiteral("Default"));
    EXPECT_EQ(fresh.toJson()[QStringLiteral("ipam_network")].toInteger(), made->id);

    // A site named at creation is used; one that does not exist is refused, naming `site`.
    StaticNetworkFields elsewhere;
    elsewhere.name = QStringLiteral("elsewhere");
    elsewhere.ip = QStringLiteral("10.42.0.0");
    elsewhere.netmask = QStringLiteral("24");
    elsewhere.site = QStringLiteral("nowhere");
    const Result<StaticNetwork> refused = core->staticNetworks().create(admin, elsewhere);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().fields.contains(QStringLiteral("site")));
    EXPECT_FALSE(ipam(QStringLiteral("10.42.0.0/24")).ok()) << "nothing half made";
    elsewhere.site = QStringLiteral("dc1");
    ASSERT_TRUE(core->staticNetworks().create(admin, elsewhere).ok());
    EXPECT_EQ(ipam(QStringLiteral("10.42.0.0/24"))->siteId, dc->first().id);

    // IPAM keeps it while the static network exists, and keeps it after.
    const Result<void> held = core->networks().remove(admin, {made->id}, false);
    ASSERT_FALSE(held.ok());
    EXPECT_EQ(held.error().code, ErrorCode::Conflict);
    EXPECT_TRUE(held.error().message.contains(QStringLiteral("a static network")));
    ASSERT_TRUE(core->staticNetworks().remove(admin, fresh.uuid).ok());
    EXPECT_TRUE(ipam(QStringLiteral("10.41.0.0/24")).ok());
    EXPECT_TRUE(core->networks().remove(admin, {made->id}, false).ok());
}

TEST_F(StaticNetworkIpamTest, ALeaseIsAnAssignedAddressNamingItsMachine)
{
    const StaticNetwork network =
        addNetwork(QStringLiteral("guests"), QStringLiteral("10.50.0.0"),
                   QStringLiteral("10.50.0.10"), QStringLiteral("10.50.0.12"));
    // An address someone recorded in IPAM is not handed out.
    const Result<QList<Network>> reserved = core->networks().create(
        admin,
        QJsonArray{QJsonObject{{QStringLiteral("cidr"), QStringLiteral("10.50.0.10/32")},
                               {QStringLiteral("state"), QStringLiteral("reserved")}}},
        network.siteId);
    ASSERT_TRUE(reserved.ok());

    EXPECT_EQ(lease(First, QStringLiteral("52:54:00:00:00:01")), QStringLiteral("10.50.0.11"));
    const Result<Network> address = ipam(QStringLiteral("10.50.0.11/32"));
    ASSERT_TRUE(address.ok());
    EXPECT_EQ(address->state, QStringLiteral("assigned"));
    EXPECT_EQ(address->parentId, network.ipamNetworkId);
    EXPECT_EQ(address->attributes[QStringLiteral("machine")], First);
    EXPECT_EQ(core->networks().query(network.siteId, QStringLiteral("machine=") + First).value(),
              QList<qint64>{address->id});
    EXPECT_EQ(core->staticNetworks().leasesOf(First)->first().ipamAddressId, address->id);

    // An adopted machine claims the recorded address it uses: IPAM keeps it when it goes.
    const Result<std::optional<IpLease>> claimed = core->staticNetworks().claim(
        Second, QStringLiteral("52:54:00:00:00:02"), QStringLiteral("10.50.0.10"));
    ASSERT_TRUE(claimed.ok() && claimed->has_value());
    EXPECT_EQ(ipam(QStringLiteral("10.50.0.10/32"))->attributes[QStringLiteral("machine")], Second);

    EXPECT_EQ(core->staticNetworks().release(First).value(), 1);
    EXPECT_FALSE(ipam(QStringLiteral("10.50.0.11/32")).ok()) << "the lease made it; it goes";
    EXPECT_EQ(core->staticNetworks().release(Second).value(), 1);
    const Result<Network> kept = ipam(QStringLiteral("10.50.0.10/32"));
    ASSERT_TRUE(kept.ok()) << "recorded before the machine: it stays";
    EXPECT_FALSE(kept->attributes.contains(QStringLiteral("machine")));

    // An address someone built on (here an attribute of their own) stays when the lease goes.
    EXPECT_EQ(lease(First, QStringLiteral("52:54:00:00:00:01")), QStringLiteral("10.50.0.11"));
    ASSERT_TRUE(core->attributes()
                    .create(admin,
                            QJsonArray{QJsonObject{
                                {QStringLiteral("name"), QStringLiteral("dns")},
                                {QStringLiteral("resource_name"), QStringLiteral("Network")}}},
                            network.siteId)
                    .ok());
    const qint64 id = ipam(QStringLiteral("10.50.0.11/32"))->id;
    ASSERT_TRUE(core->networks()
                    .update(admin,
                            QJsonArray{QJsonObject{
                                {QStringLiteral("id"), id},
                                {QStringLiteral("attributes"),
                                 QJsonObject{{QStringLiteral("dns"), QStringLiteral("vm1.lab")}}}}},
                            true)
                    .ok());
    EXPECT_EQ(core->staticNetworks().release(First).value(), 1);
    const Result<Network> named = ipam(QStringLiteral("10.50.0.11/32"));
    ASSERT_TRUE(named.ok());
    EXPECT_EQ(named->attributes, QJsonObject({{QStringLiteral("dns"), QStringLiteral("vm1.lab")}}));

    // A lease whose machine vanished without a totaldelete does not pin its address.
    EXPECT_EQ(lease(Second, QStringLiteral("52:54:00:00:00:02")), QStringLiteral("10.50.0.12"));
    const Result<Network> orphan = ipam(QStringLiteral("10.50.0.12/32"));
    ASSERT_TRUE(orphan.ok());
    ASSERT_TRUE(core->networks().remove(admin, {orphan->id}, false).ok());
    EXPECT_EQ(core->staticNetworks().release(Second).value(), 1);
}

// Making a static network writes into an IPAM site: the caller needs the site's rights too.
TEST_F(StaticNetworkIpamTest, AStaticNetworkNeedsTheSitesRights)
{
    const Identity bob = addUser(QStringLiteral("bob"), false);
    ASSERT_TRUE(core->permissions()
                    .grant(Permission{0, bob.user.id, std::nullopt, QStringLiteral("network"),
                                      std::nullopt, Action::Add})
                    .ok());
    StaticNetworkFields fields;
    fields.name = QStringLiteral("bobs");
    fields.ip = QStringLiteral("10.70.0.0");
    fields.netmask = QStringLiteral("24");
    const Result<StaticNetwork> refused = core->staticNetworks().create(bob, fields);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Forbidden);
    EXPECT_FALSE(ipam(QStringLiteral("10.70.0.0/24")).ok());
    fields.netmask = QStringLiteral("32");
    const Result<StaticNetwork> host = core->staticNetworks().create(admin, fields);
    ASSERT_FALSE(host.ok()) << "one address is not a network";
    EXPECT_TRUE(host.error().fields.contains(QStringLiteral("netmask")));
}

// What an older Cairn kept outside IPAM enters it at the next start, leases included.
TEST_F(StaticNetworkIpamTest, StaticNetworksAndLeasesFromBeforeEnterIpamAtStart)
{
    const StaticNetwork network =
        addNetwork(QStringLiteral("old"), QStringLiteral("10.60.0.0"), QStringLiteral("10.60.0.10"),
                   QStringLiteral("10.60.0.12"));
    EXPECT_EQ(lease(First, QStringLiteral("52:54:00:00:00:01")), QStringLiteral("10.60.0.10"));
    // Back to how version 20 of the schema kept them: outside the IPAM tree.
    {
        const QSqlDatabase db = core->database().connection();
        for (const char *statement :
             {"UPDATE virt_ip_leases SET ipam_address_id = NULL, ipam_owned = FALSE",
              "UPDATE virt_networks SET ipam_network_id = NULL", "DELETE FROM attribute_values",
              "DELETE FROM networks WHERE parent_id IS NOT NULL", "DELETE FROM networks"})
            ASSERT_TRUE(SqlQuery::exec(db, QString::fromLatin1(statement), {}).ok()) << statement;
    }
    const CoreOptions options = core->options();
    core.reset();
    Result<std::unique_ptr<CoreServices>> reopened = CoreServices::open(options);
    ASSERT_TRUE(reopened.ok());
    core = std::move(reopened).value();

    const Result<Network> entered = ipam(QStringLiteral("10.60.0.0/24"));
    ASSERT_TRUE(entered.ok());
    EXPECT_EQ(core->staticNetworks().get(admin, network.uuid)->ipamNetworkId, entered->id);
    const Result<Network> address = ipam(QStringLiteral("10.60.0.10/32"));
    ASSERT_TRUE(address.ok());
    EXPECT_EQ(address->attributes[QStringLiteral("machine")], First);
    EXPECT_EQ(core->staticNetworks().leasesOf(First)->first().ipamAddressId, address->id);
    EXPECT_EQ(core->staticNetworks().release(First).value(), 1);
    EXPECT_FALSE(ipam(QStringLiteral("10.60.0.10/32")).ok());
}
