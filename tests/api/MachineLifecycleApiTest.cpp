// The Enomalism face's actions that make and unmake machines, on the server's own
// test:///default: package, provision, totaldelete, store_xml, manage, and POST
// /rest/machine/<UUID>/.
#include "ServerFixture.h"
#include "TestDomain.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUuid>

using namespace Cairn::Test;

namespace {

const QByteArray DefaultDomain = "6695eb01-f6a4-8304-79aa-97f2502e193f";

class MachineLifecycleApiTest : public ServerFixture
{
protected:
    // Disks live in the images folder the server is configured with; provisioned ones in a
    // provisioning folder outside the data directory, as on a qemu:///system host.
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<QTemporaryDir>();
        ASSERT_TRUE(QDir().mkpath(s_dir->filePath(QStringLiteral("images"))));
        startServer({QStringLiteral("--config"),
                     writeConfig("[virt]\nfeeds_allow_private=true\nimage_dirs=" +
                                 s_dir->filePath(QStringLiteral("images")).toUtf8() +
                                 "\nprovision_dir=" + provisionDir().toUtf8() + '\n')});
    }

    static QString provisionDir() { return s_dir->filePath(QStringLiteral("provisioned")); }

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

    // The default domain shut off, with a real disk of `disk` stored as its definition (the
    // test driver's disk is a made-up path).
    static void giveDefaultDomainADisk(const QByteArray &bytes)
    {
        const QByteArray machine = "/rest/machine/" + DefaultDomain;
        EXPECT_EQ(admin("POST", machine + "/actions/poweroff/").status, 200);
        const QString disk = s_dir->filePath(QStringLiteral("images/test-disk.img"));
        QFile image(disk);
        EXPECT_TRUE(image.open(QIODevice::WriteOnly));
        image.write(bytes);
        image.close();
        const QJsonObject definition{
            {QStringLiteral("xmldesc"), testDomainWithDisk(DefaultDomain, disk)}};
        const HttpReply stored =
            admin("POST", machine + "/actions/store_xml/", QJsonDocument(definition).toJson());
        EXPECT_EQ(stored.status, 200) << stored.body.constData();
        EXPECT_EQ(admin("GET", machine + '/')
                      .json()[QStringLiteral("machine_obj")][QStringLiteral("disks")][0]
                             [QStringLiteral("source")],
                  disk);
    }

    // The default domain, given a real disk, shut off and packaged; running again after.
    static QString packageDefaultDomain()
    {
        const QByteArray machine = "/rest/machine/" + DefaultDomain;
        giveDefaultDomainADisk(QByteArray(256 * 1024, 'x'));
        const HttpReply packaging = admin("POST", machine + "/actions/package/");
        EXPECT_EQ(packaging.status, 202) << packaging.body.constData();
        EXPECT_EQ(packaging.json()[QStringLiteral("errno")], 0);
        const QJsonObject packaged = finished(packaging.json()[QStringLiteral("txid")].toString());
        EXPECT_EQ(packaged[QStringLiteral("state")], QStringLiteral("done"))
            << packaged[QStringLiteral("message")].toString().toStdString();
        EXPECT_EQ(packaged[QStringLiteral("completion")], 100);
        EXPECT_EQ(packaged[QStringLiteral("action")], QStringLiteral("package"));
        EXPECT_EQ(admin("POST", machine + "/actions/create/").status, 200);
        return packaged[QStringLiteral("state")].toString() == u"done"
                   ? packaging.json()[QStringLiteral("package")].toString()
                   : QString();
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
    const QString package = packageDefaultDomain();
    ASSERT_FALSE(package.isEmpty());

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
    EXPECT_TRUE(made[QStringLiteral("disks")][0][QStringLiteral("source")].toString().startsWith(
        provisionDir() + QLatin1Char('/') + newUuid + QLatin1Char('/')))
        << made[QStringLiteral("disks")][0][QStringLiteral("source")].toString().toStdString();
    EXPECT_EQ(made[QStringLiteral("interfaces")][0][QStringLiteral("ip")],
              QStringLiteral("172.16.5.100"));
    EXPECT_NE(made[QStringLiteral("interfaces")][0][QStringLiteral("mac")],
              QStringLiteral("aa:bb:cc:dd:ee:ff"));
    EXPECT_EQ(admin("GET", ranges).json()[QStringLiteral("ranges")][0][QStringLiteral("used")], 1);

    // One store of addresses: the static network is IPAM's 172.16.5.0/24, the lease an assigned
    // address of it that names the machine, found by NSoT's set queries and kept from deletion.
    const HttpReply leased = admin("GET", "/api/networks/172.16.5.0/24/addresses/");
    ASSERT_EQ(leased.status, 200) << leased.body.constData();
    ASSERT_EQ(leased.json().toArray().size(), 1) << leased.body.constData();
    const QJsonObject address = leased.json()[0].toObject();
    EXPECT_EQ(address[QStringLiteral("network_address")], QStringLiteral("172.16.5.100"));
    EXPECT_EQ(address[QStringLiteral("state")], QStringLiteral("assigned"));
    EXPECT_EQ(address[QStringLiteral("attributes")][QStringLiteral("machine")], newUuid);
    const HttpReply native = admin("GET", "/api/machines/" + newUuid.toLatin1() + '/');
    ASSERT_EQ(native.status, 200) << native.body.constData();
    EXPECT_EQ(native.json()[QStringLiteral("interfaces")][0][QStringLiteral("ipam_address")],
              address[QStringLiteral("id")]);
    const HttpReply found =
        admin("GET", "/api/networks/query/?query=machine%3D" + newUuid.toLatin1());
    ASSERT_EQ(found.status, 200) << found.body.constData();
    EXPECT_EQ(found.json()[0][QStringLiteral("id")], address[QStringLiteral("id")]);
    const QByteArray addressPath =
        "/api/networks/" + QByteArray::number(address[QStringLiteral("id")].toInteger()) + '/';
    const HttpReply held = admin("DELETE", addressPath);
    EXPECT_EQ(held.status, 409);
    EXPECT_TRUE(message(held).toString().contains(QStringLiteral("machine's address lease")))
        << held.body.constData();
    const qint64 ipamNetwork =
        network.json()[QStringLiteral("networks")][0][QStringLiteral("ipam_network")].toInteger();
    EXPECT_EQ(address[QStringLiteral("parent_id")].toInteger(), ipamNetwork);
    const HttpReply whole =
        admin("DELETE", "/api/networks/" + QByteArray::number(ipamNetwork) + "/?force_delete=true");
    EXPECT_EQ(whole.status, 409);
    EXPECT_TRUE(message(whole).toString().contains(QStringLiteral("a static network")))
        << whole.body.constData();

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
    EXPECT_EQ(admin("GET", addressPath).status, 404) << "totaldelete frees it in IPAM too";

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

TEST_F(MachineLifecycleApiTest, FeedsArePublishedSubscribedAndDownloadedWithTheirSha1Checked)
{
    waitForSynchronisation();
    const QString package = packageDefaultDomain();
    ASSERT_FALSE(package.isEmpty());
    const HttpReply listed = admin("GET", "/rest/vmfeed/");
    ASSERT_EQ(listed.status, 200);
    bool found = false;
    for (const QJsonValue entry : listed.json()[QStringLiteral("packages")].toArray())
        found |= entry[QStringLiteral("uuid")] == package &&
                 entry[QStringLiteral("state")] == QStringLiteral("present");
    EXPECT_TRUE(found) << listed.body.constData();

    const HttpReply native = admin("GET", "/api/packages/" + package.toLatin1() + '/');
    ASSERT_EQ(native.status, 200) << native.body.constData();
    EXPECT_EQ(native.json()[QStringLiteral("state")], QStringLiteral("present"));
    EXPECT_GE(admin("GET", "/api/packages/?limit=1").json()[QStringLiteral("count")].toInt(), 1);

    const HttpReply rss = admin("GET", "/rest/vmfeed/rss/");
    ASSERT_EQ(rss.status, 200);
    EXPECT_TRUE(rss.header("content-type").startsWith("application/rss+xml"));
    EXPECT_TRUE(rss.body.contains("<rss ") && rss.body.contains("version=\"2.0\""))
        << rss.body.constData();
    EXPECT_TRUE(rss.body.contains(package.toLatin1()));
    EXPECT_TRUE(rss.body.contains(QByteArray("/rest/vmfeed/" + package.toLatin1() + "/download/")));

    const HttpReply archive = admin("GET", "/rest/vmfeed/" + package.toLatin1() + "/download/");
    ASSERT_EQ(archive.status, 200);
    EXPECT_EQ(archive.header("content-type"), "application/zip");
    const QByteArray sha1 =
        QCryptographicHash::hash(archive.body, QCryptographicHash::Sha1).toHex();
    EXPECT_EQ(archive.header("x-package-sha1"), sha1);

    // Another repository: a plain web server with a feed of two packages, one of them altered.
    QDir site(s_dir->filePath(QStringLiteral("site")));
    ASSERT_TRUE(site.mkpath(QStringLiteral(".")));
    QByteArray altered = archive.body;
    altered[altered.size() / 3] = char(altered[altered.size() / 3] ^ 0x5a);
    for (const auto &[name, bytes] :
         {std::pair("good.zip", archive.body), std::pair("bad.zip", altered)}) {
        QFile file(site.filePath(QString::fromLatin1(name)));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    const QString good = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString bad = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString local = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QFile feed(site.filePath(QStringLiteral("feed.xml")));
    ASSERT_TRUE(feed.open(QIODevice::WriteOnly));
    const QString item = QStringLiteral(
        "<item><title>%1</title><guid isPermaLink='false'>%2</guid><enclosure url='%3' "
        "length='%4' type='application/zip'/><c:sha1>%5</c:sha1><c:virt_class>test</c:virt_class>"
        "</item>");
    feed.write(
        QStringLiteral("<?xml version='1.0'?><rss version='2.0' "
                       "xmlns:c='https://cairn.dev/xmlns/vmfeed/1.0'><channel><title>Lab "
                       "images</title>%1%2%3</channel></rss>")
            .arg(item.arg(QStringLiteral("golden"), good, QStringLiteral("good.zip"))
                     .arg(archive.body.size())
                     .arg(QString::fromLatin1(sha1)),
                 item.arg(QStringLiteral("tampered"), bad, QStringLiteral("bad.zip"))
                     .arg(altered.size())
                     .arg(QString::fromLatin1(sha1)),
                 // A feed may name any URL: a server file is not one to fetch.
                 item.arg(QStringLiteral("local"), local,
                          QStringLiteral("file://") + s_dir->filePath(QStringLiteral("server.key")))
                     .arg(64)
                     .arg(QString::fromLatin1(sha1)))
            .toUtf8());
    feed.close();
    QTcpServer probe;
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    QProcess web;
    web.start(QStringLiteral("/usr/bin/python3"),
              {QStringLiteral("-m"), QStringLiteral("http.server"), QStringLiteral("--bind"),
               QStringLiteral("127.0.0.1"), QString::number(port), QStringLiteral("--directory"),
               site.path()});
    ASSERT_TRUE(web.waitForStarted());
    for (int attempt = 0; attempt < 100; ++attempt) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (socket.waitForConnected(100))
            break;
        QThread::msleep(50);
    }
    const QByteArray base = "http://127.0.0.1:" + QByteArray::number(port) + '/';

    const HttpReply notFeed = admin("PUT", "/rest/vmfeed/?url=" + base + "good.zip");
    EXPECT_EQ(notFeed.status, 400);
    EXPECT_TRUE(
        notFeed.json()[QStringLiteral("fields")].toObject().contains(QStringLiteral("url")));
    EXPECT_EQ(admin("PUT", "/rest/vmfeed/?url=ftp://127.0.0.1/feed.xml").status, 400);
    const HttpReply subscribed = admin("PUT", "/rest/vmfeed/?url=" + base + "feed.xml");
    ASSERT_EQ(subscribed.status, 200) << subscribed.body.constData();
    const QString feedUuid = subscribed.json()[QStringLiteral("uuid")].toString();
    EXPECT_EQ(subscribed.json()[QStringLiteral("feed")][QStringLiteral("title")],
              QStringLiteral("Lab images"));
    EXPECT_EQ(subscribed.json()[QStringLiteral("packages")].toArray().size(), 3);
    EXPECT_EQ(admin("PUT", "/rest/vmfeed/?url=" + base + "feed.xml").status, 409);
    EXPECT_EQ(admin("GET", "/rest/vmfeed/repo/package/" + good.toLatin1() + '/')
                  .json()[QStringLiteral("package")][QStringLiteral("state")],
              QStringLiteral("remote"));

    const HttpReply fetching = admin("POST", "/rest/vmfeed/repo/package/" + good.toLatin1() + '/');
    ASSERT_EQ(fetching.status, 202) << fetching.body.constData();
    const QJsonObject fetched = finished(fetching.json()[QStringLiteral("tx")].toString());
    ASSERT_EQ(fetched[QStringLiteral("state")], QStringLiteral("done"))
        << fetched[QStringLiteral("message")].toString().toStdString();
    EXPECT_EQ(fetched[QStringLiteral("completion")], 100);
    const QJsonObject present = admin("GET", "/rest/vmfeed/" + good.toLatin1() + '/')
                                    .json()[QStringLiteral("package")]
                                    .toObject();
    EXPECT_EQ(present[QStringLiteral("state")], QStringLiteral("present"));
    EXPECT_EQ(present[QStringLiteral("sha1")], QString::fromLatin1(sha1));
    EXPECT_EQ(present[QStringLiteral("disks")].toArray().size(), 1);

    EXPECT_EQ(admin("POST", "/rest/vmfeed/repo/package/" + local.toLatin1() + '/').status, 400);
    const HttpReply refusing = admin("POST", "/rest/vmfeed/repo/package/" + bad.toLatin1() + '/');
    ASSERT_EQ(refusing.status, 202);
    const QJsonObject refused = finished(refusing.json()[QStringLiteral("tx")].toString());
    EXPECT_EQ(refused[QStringLiteral("state")], QStringLiteral("failed"));
    EXPECT_TRUE(refused[QStringLiteral("message")].toString().contains(QStringLiteral("sha1")));
    EXPECT_EQ(admin("GET", "/rest/vmfeed/" + bad.toLatin1() + '/')
                  .json()[QStringLiteral("package")][QStringLiteral("state")],
              QStringLiteral("remote"));

    // The downloaded package provisions like one built here.
    const HttpReply provisioning =
        admin("POST", "/rest/machine/" + good.toLatin1() + "/actions/provision/?name=from-feed");
    ASSERT_EQ(provisioning.status, 202) << provisioning.body.constData();
    EXPECT_EQ(
        finished(provisioning.json()[QStringLiteral("txid")].toString())[QStringLiteral("state")],
        QStringLiteral("done"));

    const QByteArray repo = "/rest/vmfeed/repo/" + feedUuid.toLatin1() + '/';
    const HttpReply shownFeed = admin("GET", repo);
    ASSERT_EQ(shownFeed.status, 200) << shownFeed.body.constData();
    EXPECT_EQ(shownFeed.json()[QStringLiteral("feed")][QStringLiteral("url")],
              QString::fromLatin1(base + "feed.xml"));
    const HttpReply refreshed = admin("POST", repo + "?action=refresh");
    ASSERT_EQ(refreshed.status, 200) << refreshed.body.constData();
    EXPECT_EQ(refreshed.json()[QStringLiteral("packages")].toArray().size(), 3);
    const HttpReply described =
        admin("POST", "/rest/vmfeed/" + good.toLatin1() + "/?description=Golden%20image");
    ASSERT_EQ(described.status, 200) << described.body.constData();
    EXPECT_EQ(described.json()[QStringLiteral("package")][QStringLiteral("description")],
              QStringLiteral("Golden image"));
    EXPECT_EQ(admin("POST", "/rest/vmfeed/" + good.toLatin1() + "/?name=").status, 400);

    const HttpReply gone = admin("DELETE", repo);
    ASSERT_EQ(gone.status, 200) << gone.body.constData();
    EXPECT_EQ(admin("GET", "/rest/vmfeed/" + bad.toLatin1() + '/').status, 404);
    EXPECT_EQ(admin("GET", "/rest/vmfeed/" + good.toLatin1() + '/').status, 200);
    EXPECT_EQ(admin("DELETE", "/rest/vmfeed/" + good.toLatin1() + '/').status, 200);
    EXPECT_EQ(admin("GET", "/rest/vmfeed/" + good.toLatin1() + "/download/").status, 404);
    web.terminate();
    web.waitForFinished();
}

// Last in the suite: it kills the server, and the test driver's machines start afresh after.
TEST_F(MachineLifecycleApiTest, APackageCutShortByAKillIsCleanedUpAtTheNextStart)
{
    waitForSynchronisation();
    // Incompressible, so that packaging takes long enough to be caught halfway.
    QByteArray noise(96 * 1024 * 1024, Qt::Uninitialized);
    QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(noise.data()),
                                  noise.size() / sizeof(quint32));
    giveDefaultDomainADisk(noise);
    const HttpReply packaging =
        admin("POST", "/rest/machine/" + DefaultDomain + "/actions/package/");
    ASSERT_EQ(packaging.status, 202) << packaging.body.constData();
    const QByteArray transaction =
        "/rest/transaction/" + packaging.json()[QStringLiteral("txid")].toString().toLatin1() + '/';
    const QString partial =
        s_dir->filePath(QStringLiteral("virt/packages/%1.zip.part")
                            .arg(packaging.json()[QStringLiteral("package")].toString()));
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 20000 && !QFileInfo::exists(partial))
        QThread::msleep(5);
    ASSERT_TRUE(QFileInfo::exists(partial)) << "the package was never being written";
    s_server->kill(); // SIGKILL: the archive is half written
    ASSERT_TRUE(QFileInfo::exists(partial));

    ASSERT_TRUE(
        s_server->start({QStringLiteral("--config"), s_dir->filePath(QStringLiteral("cairn.ini"))}))
        << qPrintable(s_server->log());
    const QJsonObject interrupted =
        admin("GET", transaction).json()[QStringLiteral("transaction")].toObject();
    EXPECT_EQ(interrupted[QStringLiteral("state")], QStringLiteral("interrupted"));
    EXPECT_TRUE(interrupted[QStringLiteral("message")].toString().contains(
        QStringLiteral("Cleaned up after it: the partial archive")))
        << interrupted[QStringLiteral("message")].toString().toStdString();
    EXPECT_FALSE(QFileInfo::exists(partial));
    EXPECT_EQ(admin("GET", "/api/packages/" +
                               packaging.json()[QStringLiteral("package")].toString().toLatin1() +
                               '/')
                  .status,
              404);
}
