// The Enomalism face's actions that make and unmake machines, on the server's own
// test:///default: package, provision, totaldelete, store_xml, manage, and POST
// /rest/machine/<UUID>/.
#include "ServerFixture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

using namespace Cairn::Test;

namespace {

const QByteArray DefaultDomain = "6695eb01-f6a4-8304-79aa-97f2502e193f";

class MachineLifecycleApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite() { startServer(); }

    // The transaction once it has finished.
    static QJsonObject finished(const QString &txid)
    {
        QElapsedTimer clock;
        clock.start();
        QJsonObject transaction;
        while (clock.elapsed() < 30000) {
            const HttpReply reply = admin("GET", "/rest/transaction/" + txid.toLatin1() + '/');
            EXPECT_EQ(reply.status, 200) << reply.body.constData();
            transaction = reply.json()[QStringLiteral("transaction")].toObject();
            const QString state = transaction[QStringLiteral("state")].toString();
            if (state != u"queued" && state != u"running")
                break;
            QThread::msleep(20);
        }
        return transaction;
    }

    static void waitForSynchronisation()
    {
        QElapsedTimer clock;
        clock.start();
        while (
            clock.elapsed() < 10000 &&
            admin("GET", "/rest/machines/").json()[QStringLiteral("machines")].toArray().isEmpty())
            QThread::msleep(50);
    }
};

} // namespace

TEST_F(MachineLifecycleApiTest, PackageThenProvisionThenTotaldelete)
{
    waitForSynchronisation();
    const QByteArray machine = "/rest/machine/" + DefaultDomain;
    const HttpReply running = admin("POST", machine + "/actions/package/");
    EXPECT_EQ(running.status, 409) << "a running machine is not packaged";
    EXPECT_EQ(running.json()[QStringLiteral("errno")], 6);
    ASSERT_EQ(admin("POST", machine + "/actions/poweroff/").status, 200);
    // The test driver's disk is a made-up path; a real file stands in for it, stored as the
    // machine's definition.
    const QString disk = s_dir->filePath(QStringLiteral("test-disk.img"));
    QFile image(disk);
    ASSERT_TRUE(image.open(QIODevice::WriteOnly));
    image.write(QByteArray(256 * 1024, 'x'));
    image.close();
    const QJsonObject definition{
        {QStringLiteral("xmldesc"),
         QStringLiteral(
             "<domain type='test'><name>test</name><uuid>%1</uuid><memory>524288</memory>"
             "<vcpu>1</vcpu><os><type>hvm</type></os><devices><disk type='file' "
             "device='disk'><source file='%2'/><target dev='hda'/></disk><interface "
             "type='network'><mac address='aa:bb:cc:dd:ee:ff'/><source "
             "network='default'/></interface></devices></domain>")
             .arg(QString::fromLatin1(DefaultDomain), disk)}};
    const HttpReply stored =
        admin("POST", machine + "/actions/store_xml/", QJsonDocument(definition).toJson());
    ASSERT_EQ(stored.status, 200) << stored.body.constData();
    EXPECT_EQ(admin("GET", machine + '/')
                  .json()[QStringLiteral("machine_obj")][QStringLiteral("disks")][0]
                         [QStringLiteral("source")],
              disk);

    const HttpReply packaging = admin("POST", machine + "/actions/package/");
    ASSERT_EQ(packaging.status, 202) << packaging.body.constData();
    EXPECT_EQ(packaging.json()[QStringLiteral("errno")], 0);
    const QString package = packaging.json()[QStringLiteral("package")].toString();
    const QJsonObject packaged = finished(packaging.json()[QStringLiteral("txid")].toString());
    ASSERT_EQ(packaged[QStringLiteral("state")], QStringLiteral("done"))
        << packaged[QStringLiteral("message")].toString().toStdString();
    EXPECT_EQ(packaged[QStringLiteral("completion")], 100);
    EXPECT_EQ(packaged[QStringLiteral("action")], QStringLiteral("package"));

    const HttpReply network = admin("PUT", "/rest/networks/",
                                    R"({"name": "guests", "ip": "172.16.5.0", "netmask": "24"})");
    ASSERT_EQ(network.status, 200) << network.body.constData();
    const QByteArray ranges = "/rest/networks/" +
                              network.json()[QStringLiteral("uuid")].toString().toLatin1() +
                              "/iprange/";
    ASSERT_EQ(admin("POST", ranges + "?start_ip=172.16.5.100&end_ip=172.16.5.100").status, 200);

    const HttpReply provisioning = admin(
        "POST", machine + "/actions/provision/?pkguuid=" + package.toLatin1() + "&name=web-1");
    ASSERT_EQ(provisioning.status, 202) << provisioning.body.constData();
    const QString newUuid = provisioning.json()[QStringLiteral("newuuid")].toString();
    EXPECT_EQ(newUuid.size(), 36);
    EXPECT_NE(newUuid.toLatin1(), DefaultDomain);
    const QJsonObject provisioned =
        finished(provisioning.json()[QStringLiteral("txid")].toString());
    ASSERT_EQ(provisioned[QStringLiteral("state")], QStringLiteral("done"))
        << provisioned[QStringLiteral("message")].toString().toStdString();
    const HttpReply shown = admin("GET", "/rest/machine/" + newUuid.toLatin1() + '/');
    ASSERT_EQ(shown.status, 200) << shown.body.constData();
    const QJsonObject made = shown.json()[QStringLiteral("machine_obj")].toObject();
    EXPECT_EQ(made[QStringLiteral("name")], QStringLiteral("web-1"));
    EXPECT_EQ(made[QStringLiteral("state")], QStringLiteral("running"));
    EXPECT_EQ(made[QStringLiteral("managed")], true);
    EXPECT_EQ(made[QStringLiteral("interfaces")][0][QStringLiteral("ip")],
              QStringLiteral("172.16.5.100"));
    EXPECT_NE(made[QStringLiteral("interfaces")][0][QStringLiteral("mac")],
              QStringLiteral("aa:bb:cc:dd:ee:ff"));
    EXPECT_EQ(admin("GET", ranges).json()[QStringLiteral("ranges")][0][QStringLiteral("used")], 1);

    // The only address is taken: the next provision fails with 409 once it runs.
    const HttpReply exhausted =
        admin("PUT", machine + "/actions/provision/?pkguuid=" + package.toLatin1());
    ASSERT_EQ(exhausted.status, 202);
    const QJsonObject refused = finished(exhausted.json()[QStringLiteral("txid")].toString());
    EXPECT_EQ(refused[QStringLiteral("state")], QStringLiteral("failed"));
    EXPECT_TRUE(
        refused[QStringLiteral("message")].toString().contains(QStringLiteral("No free address")));
    EXPECT_EQ(admin("GET", "/rest/machine/" +
                               exhausted.json()[QStringLiteral("newuuid")].toString().toLatin1() +
                               '/')
                  .status,
              404);

    const HttpReply deleted =
        admin("POST", "/rest/machine/" + newUuid.toLatin1() + "/actions/totaldelete/");
    ASSERT_EQ(deleted.status, 200) << deleted.body.constData();
    EXPECT_EQ(deleted.json()[QStringLiteral("data")][QStringLiteral("released_addresses")], 1);
    EXPECT_EQ(admin("GET", "/rest/machine/" + newUuid.toLatin1() + '/').status, 404);
    EXPECT_EQ(admin("GET", ranges).json()[QStringLiteral("ranges")][0][QStringLiteral("used")], 0);

    // Bad input: no such package, no such hypervisor.
    const HttpReply noPackage = admin("POST", machine + "/actions/provision/?pkguuid=nope");
    EXPECT_EQ(noPackage.status, 400);
    EXPECT_TRUE(
        noPackage.json()[QStringLiteral("fields")].toObject().contains(QStringLiteral("pkguuid")));
    const HttpReply noHost = admin(
        "POST", machine + "/actions/provision/?pkguuid=" + package.toLatin1() + "&hvmuuid=nope");
    EXPECT_EQ(noHost.status, 400);
    EXPECT_TRUE(
        noHost.json()[QStringLiteral("fields")].toObject().contains(QStringLiteral("hvmuuid")));
    ASSERT_EQ(admin("POST", machine + "/actions/create/").status, 200);
}

TEST_F(MachineLifecycleApiTest, MachinesAreLockedRenamedAndTheirXmlStored)
{
    waitForSynchronisation();
    const QByteArray machine = "/rest/machine/" + DefaultDomain;
    const HttpReply locked = admin("POST", machine + "/?action=lock");
    ASSERT_EQ(locked.status, 200) << locked.body.constData();
    EXPECT_EQ(locked.json()[QStringLiteral("machine_obj")][QStringLiteral("locked")], true);
    const HttpReply refused = admin("POST", machine + "/actions/suspend/");
    EXPECT_EQ(refused.status, 409);
    EXPECT_EQ(refused.json()[QStringLiteral("errno")], 6);
    EXPECT_EQ(admin("POST", machine + "/actions/totaldelete/").status, 409);
    ASSERT_EQ(admin("POST", machine + "/actions/unlock/").status, 200);

    const HttpReply malformed =
        client().request("POST", machine + "/actions/store_xml/", "xmldesc=%3Cdomain%3E%3Cname",
                         HttpClient::token(s_adminToken) +
                             Headers{{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(malformed.status, 400);
    EXPECT_EQ(malformed.json()[QStringLiteral("errno")], 1);
    EXPECT_TRUE(
        malformed.json()[QStringLiteral("fields")].toObject().contains(QStringLiteral("xmldesc")));
    // Without xmldesc, the live definition becomes the persistent one.
    const HttpReply stored = admin("POST", machine + "/actions/store_xml/");
    ASSERT_EQ(stored.status, 200) << stored.body.constData();
    EXPECT_EQ(stored.json()[QStringLiteral("data")][QStringLiteral("persistent")], true);

    // rename needs the machine shut off.
    EXPECT_EQ(admin("POST", machine + "/?action=rename&name=renamed").status, 409);
    ASSERT_EQ(admin("POST", machine + "/actions/poweroff/").status, 200);
    const HttpReply renamed = admin("POST", machine + "/?action=rename&name=renamed");
    ASSERT_EQ(renamed.status, 200) << renamed.body.constData();
    EXPECT_EQ(renamed.json()[QStringLiteral("machine_obj")][QStringLiteral("name")],
              QStringLiteral("renamed"));
    ASSERT_EQ(admin("POST", machine + "/?action=rename&name=test").status, 200);
    ASSERT_EQ(admin("POST", machine + "/actions/create/").status, 200);

    EXPECT_EQ(admin("POST", machine + "/actions/manage/").status, 200);
    EXPECT_EQ(admin("GET", machine + '/')
                  .json()[QStringLiteral("machine_obj")][QStringLiteral("managed")],
              true);
    const HttpReply parent = admin("POST", machine + "/?action=set_parent&puuid=nope");
    EXPECT_EQ(parent.status, 400);
    EXPECT_EQ(admin("POST", machine + "/?action=explode").status, 400);
}
