// The Enomalism face's machines and hypervisors (/rest/), on the server's own libvirt test
// driver (test:///default, synchronised when the server starts).
#include "ServerFixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QThread>
#include <QUrl>

using namespace Cairn::Test;

namespace {

const QString DefaultDomain = QStringLiteral("6695eb01-f6a4-8304-79aa-97f2502e193f");

class VirtApiTest : public ServerFixture
{
protected:
    // Simulated hosts (test:///<file>.xml) come from the fixtures folder only.
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<QTemporaryDir>();
        s_fixtures = s_dir->filePath(QStringLiteral("fixtures"));
        ASSERT_TRUE(QDir().mkpath(s_fixtures));
        ASSERT_TRUE(QFile::copy(QStringLiteral(CAIRN_SOURCE_DIR "/tests/data/libvirt/lab.xml"),
                                s_fixtures + QStringLiteral("/lab.xml")));
        startServer({QStringLiteral("--config"),
                     writeConfig("[virt]\ntest_fixtures_dir=" + s_fixtures.toUtf8() + '\n')});
    }

    static inline QString s_fixtures;

    // The machine list once the first synchronisation has filled it.
    static QJsonArray machinesWhenSynchronised()
    {
        QElapsedTimer clock;
        clock.start();
        QJsonArray machines;
        while (clock.elapsed() < 10000) {
            machines = admin("GET", "/rest/machines/").json()[QStringLiteral("machines")].toArray();
            if (!machines.isEmpty())
                break;
            QThread::msleep(50);
        }
        return machines;
    }
};

} // namespace

TEST_F(VirtApiTest, MachinesAreListedAndShownWithTheSeedsKeys)
{
    const QJsonArray machines = machinesWhenSynchronised();
    EXPECT_EQ(machines, QJsonArray{DefaultDomain});
    const HttpReply same = admin("POST", "/rest/machine/");
    EXPECT_EQ(same.status, 200);
    EXPECT_EQ(same.json()[QStringLiteral("machines")].toArray(), machines);
    EXPECT_EQ(same.json()[QStringLiteral("errno")], 0);
    EXPECT_EQ(same.json()[QStringLiteral("message")], QStringLiteral("1 machine."));

    const HttpReply shown = admin("GET", "/rest/machine/" + DefaultDomain.toLatin1() + '/');
    ASSERT_EQ(shown.status, 200) << shown.body.constData();
    const QJsonObject body = shown.json().toObject();
    EXPECT_EQ(body[QStringLiteral("machine")], DefaultDomain);
    EXPECT_EQ(body[QStringLiteral("errno")], 0);
    EXPECT_FALSE(body[QStringLiteral("message")].toString().isEmpty());
    const QJsonObject machine = body[QStringLiteral("machine_obj")].toObject();
    EXPECT_EQ(body[QStringLiteral("info")].toObject(), machine);
    EXPECT_EQ(machine[QStringLiteral("name")], QStringLiteral("test"));
    EXPECT_EQ(machine[QStringLiteral("state")], QStringLiteral("running"));
    EXPECT_EQ(machine[QStringLiteral("interfaces")][0][QStringLiteral("mac")],
              QStringLiteral("aa:bb:cc:dd:ee:ff"));
    const QString hypervisor = machine[QStringLiteral("hypervisor")].toString();
    EXPECT_EQ(body[QStringLiteral("hypervisors")].toArray(), QJsonArray{hypervisor});

    const HttpReply host = admin("GET", "/rest/hypervisor/" + hypervisor.toLatin1() + '/');
    ASSERT_EQ(host.status, 200) << host.body.constData();
    EXPECT_EQ(host.json()[QStringLiteral("uuid")], hypervisor);
    const QJsonObject object = host.json()[QStringLiteral("hypervisor")].toObject();
    EXPECT_EQ(object[QStringLiteral("uri")], QStringLiteral("test:///default"));
    EXPECT_EQ(object[QStringLiteral("virt_class")], QStringLiteral("test"));
    EXPECT_EQ(object[QStringLiteral("state")], QStringLiteral("up"));
    EXPECT_GT(object[QStringLiteral("capacity")][QStringLiteral("cpus")].toInt(), 0);

    const HttpReply updated =
        admin("POST", "/rest/machine/" + DefaultDomain.toLatin1() + "/trigger_status_updates/");
    ASSERT_EQ(updated.status, 200) << updated.body.constData();
    EXPECT_EQ(updated.json()[QStringLiteral("machine_obj")][QStringLiteral("state")],
              QStringLiteral("running"));
}

TEST_F(VirtApiTest, UnknownUuidsMethodsAndCallersGetTheirErrno)
{
    const HttpReply missing = admin("GET", "/rest/machine/00000000-0000-4000-8000-000000000000/");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.json()[QStringLiteral("errno")], 4);
    EXPECT_TRUE(missing.json()[QStringLiteral("message")].toString().contains(
        QLatin1String("00000000-0000-4000-8000-000000000000")));
    EXPECT_EQ(admin("POST", "/rest/machine/00000000-0000-4000-8000-000000000000/"
                            "trigger_status_updates/")
                  .status,
              404);
    // A path no route serves still answers in Enomalism's envelope when it is under one of its
    // resources; elsewhere under /rest/ it is eNMS's.
    const HttpReply unknownAction =
        admin("GET", "/rest/machine/" + DefaultDomain.toLatin1() + "/reboot_now/");
    EXPECT_EQ(unknownAction.status, 404);
    EXPECT_EQ(unknownAction.json()[QStringLiteral("errno")], 4) << unknownAction.body.constData();
    EXPECT_TRUE(
        admin("GET", "/rest/nothing_here/").json().toObject().contains(QStringLiteral("alert")));
    const HttpReply wrongMethod = admin("PUT", "/rest/machines/");
    EXPECT_EQ(wrongMethod.status, 405);
    EXPECT_EQ(wrongMethod.json()[QStringLiteral("errno")], 5);
    const HttpReply anonymous = client().get("/rest/machines/");
    EXPECT_EQ(anonymous.status, 401);
    EXPECT_EQ(anonymous.json()[QStringLiteral("errno")], 2);
    // alice has no grant: she sees no machine and may not open one.
    const HttpReply alice = client().get("/rest/machines/", HttpClient::token(s_aliceToken));
    EXPECT_EQ(alice.json()[QStringLiteral("machines")].toArray(), QJsonArray());
    const HttpReply refused = client().get("/rest/machine/" + DefaultDomain.toLatin1() + '/',
                                           HttpClient::token(s_aliceToken));
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(refused.json()[QStringLiteral("errno")], 3);
}

TEST_F(VirtApiTest, ActionsRunOnTheHypervisorAndAnswerWithErrno)
{
    ASSERT_FALSE(machinesWhenSynchronised().isEmpty());
    const QByteArray machine = "/rest/machine/" + DefaultDomain.toLatin1();
    const HttpReply actions = admin("GET", machine + "/actions/");
    ASSERT_EQ(actions.status, 200) << actions.body.constData();
    // A running machine: the state actions that apply and the others it allows, not package.
    const QJsonArray listed = actions.json()[QStringLiteral("result")].toArray();
    for (const char *action :
         {"suspend", "shutdown", "poweroff", "reboot", "store_xml", "totaldelete", "provision"})
        EXPECT_TRUE(listed.contains(QString::fromLatin1(action))) << action;
    EXPECT_FALSE(listed.contains(QStringLiteral("package")));
    EXPECT_FALSE(listed.contains(QStringLiteral("create")));
    EXPECT_TRUE(admin("GET", machine + '/')
                    .json()[QStringLiteral("machine_obj")][QStringLiteral("clusters")]
                    .isArray());
    const HttpReply suspended = admin("POST", machine + "/actions/suspend/");
    ASSERT_EQ(suspended.status, 200) << suspended.body.constData();
    EXPECT_EQ(suspended.json()[QStringLiteral("errno")], 0);
    const QString txid = suspended.json()[QStringLiteral("txid")].toString();
    EXPECT_EQ(suspended.json()[QStringLiteral("data")][QStringLiteral("state")],
              QStringLiteral("paused"));
    const HttpReply followed = admin("GET", "/rest/transaction/" + txid.toLatin1() + '/');
    ASSERT_EQ(followed.status, 200) << followed.body.constData();
    EXPECT_EQ(followed.json()[QStringLiteral("completion")], 100);
    EXPECT_EQ(followed.json()[QStringLiteral("transaction")][QStringLiteral("state")],
              QStringLiteral("done"));
    EXPECT_EQ(followed.json()[QStringLiteral("transaction")][QStringLiteral("machine")],
              DefaultDomain);
    // Cancelling a finished transaction leaves it as it was.
    EXPECT_EQ(admin("DELETE", "/rest/transaction/" + txid.toLatin1() + '/')
                  .json()[QStringLiteral("transaction")][QStringLiteral("state")],
              QStringLiteral("done"));
    const HttpReply unknown =
        admin("GET", "/rest/transaction/0b7e5c1e-0000-4c55-9a43-6a3c1b0f0001/");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(unknown.json()[QStringLiteral("errno")], 4);
    EXPECT_EQ(
        admin("GET", machine + '/').json()[QStringLiteral("machine_obj")][QStringLiteral("state")],
        QStringLiteral("paused"));
    const HttpReply twice = admin("POST", machine + "/actions/suspend/");
    EXPECT_EQ(twice.status, 409);
    EXPECT_EQ(twice.json()[QStringLiteral("errno")], 6);
    EXPECT_EQ(admin("GET", machine + "/actions/suspend/").status, 405);
    EXPECT_EQ(admin("POST", machine + "/actions/resume/").status, 200);
    const HttpReply rebooted = admin("POST", machine + "/actions/reboot/");
    EXPECT_EQ(rebooted.status, 200) << rebooted.body.constData();
    const HttpReply shutDown = admin("POST", machine + "/actions/shutdown/");
    ASSERT_EQ(shutDown.status, 200) << shutDown.body.constData();
    EXPECT_EQ(shutDown.json()[QStringLiteral("data")][QStringLiteral("state")],
              QStringLiteral("shutoff"));
    // start is create under the name people use.
    const HttpReply started = admin("POST", machine + "/actions/start/");
    EXPECT_EQ(started.status, 200) << started.body.constData();
    EXPECT_EQ(started.json()[QStringLiteral("data")][QStringLiteral("state")],
              QStringLiteral("running"));
    EXPECT_EQ(admin("POST", machine + "/actions/shutdown/").status, 200);
    EXPECT_EQ(admin("POST", machine + "/actions/create/").status, 200);
    EXPECT_EQ(
        client()
            .request("POST", machine + "/actions/poweroff/", {}, HttpClient::token(s_aliceToken))
            .status,
        403);
}

TEST_F(VirtApiTest, HypervisorsAreAddedByUrlAndMustAnswer)
{
    ASSERT_FALSE(machinesWhenSynchronised().isEmpty());
    const QByteArray hypervisors = "/rest/machine/" + DefaultDomain.toLatin1() + "/hypervisors/";
    const HttpReply before = admin("GET", hypervisors);
    ASSERT_EQ(before.status, 200) << before.body.constData();
    EXPECT_EQ(before.json()[QStringLiteral("hypervisors")].toArray().size(), 1);
    EXPECT_EQ(before.json()[QStringLiteral("candidates")].toArray(), QJsonArray());

    // A simulated host of two machines, given as a form field as Enomalism's clients send it.
    const QByteArray lab = "test://" + s_fixtures.toUtf8() + "/lab.xml";
    const HttpReply added =
        client().request("POST", hypervisors, "virt_class=test&virt_url=" + lab,
                         {{"Authorization", "Token " + s_adminToken},
                          {"Content-Type", "application/x-www-form-urlencoded"}});
    ASSERT_EQ(added.status, 200) << added.body.constData();
    EXPECT_EQ(added.json()[QStringLiteral("errno")], 0);
    EXPECT_EQ(added.json()[QStringLiteral("candidates")].toArray().size(), 1);
    const QJsonArray machines =
        admin("GET", "/rest/machines/").json()[QStringLiteral("machines")].toArray();
    EXPECT_TRUE(machines.contains(QStringLiteral("4b1c0d2e-1f3a-4c5d-8e6f-7a8b9c0d1e21")));
    EXPECT_EQ(machines.size(), 3);

    const HttpReply again = admin("POST", hypervisors + "?virt_url=" + lab);
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(again.json()[QStringLiteral("errno")], 6);
    const HttpReply wrongClass = admin("POST", hypervisors + "?virt_class=xen&virt_url=" + lab);
    EXPECT_EQ(wrongClass.status, 400);
    // A host file libvirt cannot read: unreachable, and nothing of the file in the answer.
    QFile broken(s_fixtures + QStringLiteral("/broken.xml"));
    ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
    broken.write("not-a-host-definition-7f3a9c\n");
    broken.close();
    const HttpReply unreachable =
        admin("POST", hypervisors + "?virt_url=test://" + s_fixtures.toUtf8() + "/broken.xml");
    EXPECT_EQ(unreachable.status, 503);
    EXPECT_EQ(unreachable.json()[QStringLiteral("errno")], 8);
    EXPECT_FALSE(unreachable.body.contains("7f3a9c")) << unreachable.body.constData();
    EXPECT_EQ(admin("GET", "/rest/machines/").json()[QStringLiteral("machines")].toArray().size(),
              3);
}

TEST_F(VirtApiTest, TheNativeApiPagesMachinesAndHypervisors)
{
    ASSERT_FALSE(machinesWhenSynchronised().isEmpty());
    const HttpReply machines = admin("GET", "/api/machines/");
    ASSERT_EQ(machines.status, 200) << machines.body.constData();
    EXPECT_TRUE(machines.json().isArray());
    const HttpReply page = admin("GET", "/api/machines/?limit=1");
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.json()[QStringLiteral("count")].toInt(), machines.json().toArray().size());
    EXPECT_EQ(page.json()[QStringLiteral("results")].toArray().size(), 1);
    const HttpReply machine = admin("GET", "/api/machines/" + DefaultDomain.toLatin1() + '/');
    ASSERT_EQ(machine.status, 200);
    EXPECT_EQ(machine.json()[QStringLiteral("name")], QStringLiteral("test"));
    const QByteArray hypervisor =
        machine.json()[QStringLiteral("hypervisor")].toString().toLatin1();
    EXPECT_EQ(
        admin("GET", "/api/hypervisors/" + hypervisor + '/').json()[QStringLiteral("virt_class")],
        QStringLiteral("test"));
    EXPECT_EQ(admin("GET", "/api/machines/?limit=x").status, 400);
    const HttpReply missing = admin("GET", "/api/clusters/00000000-0000-4000-8000-000000000000/");
    EXPECT_EQ(missing.status, 404);
    EXPECT_TRUE(missing.json()[QStringLiteral("error")].isObject()) << "native error shape";
    EXPECT_EQ(client().get("/api/machines/", HttpClient::token(s_aliceToken)).json().toArray(),
              QJsonArray());
}

// Natively an action is a transaction answered at once (202), followed at its URL; start is
// create under the name people use.
TEST_F(VirtApiTest, NativeMachineActionsAreTransactionsToFollow)
{
    ASSERT_FALSE(machinesWhenSynchronised().isEmpty());
    const QByteArray actions = "/api/machines/" + DefaultDomain.toLatin1() + "/actions/";
    const auto stateAfter = [&](const char *action) {
        const HttpReply started = admin("POST", actions + action + '/');
        EXPECT_EQ(started.status, 202) << action << ' ' << started.body.constData();
        const QByteArray url = started.json()[QStringLiteral("url")].toString().toLatin1();
        QJsonValue transaction;
        for (int attempt = 0; attempt < 100; ++attempt) {
            transaction = admin("GET", url).json();
            if (transaction[QStringLiteral("state")] != QStringLiteral("queued") &&
                transaction[QStringLiteral("state")] != QStringLiteral("running"))
                break;
            QThread::msleep(50);
        }
        EXPECT_EQ(transaction[QStringLiteral("state")], QStringLiteral("done")) << action;
        return admin("GET", "/api/machines/" + DefaultDomain.toLatin1() + '/')
            .json()[QStringLiteral("state")]
            .toString();
    };
    EXPECT_EQ(stateAfter("shutdown"), QStringLiteral("shutoff"));
    EXPECT_EQ(stateAfter("start"), QStringLiteral("running"));
    const HttpReply unknown = admin("POST", actions + "explode/");
    EXPECT_EQ(unknown.status, 400);
    EXPECT_TRUE(
        unknown.json()[QStringLiteral("error")][QStringLiteral("message")].toObject().contains(
            QStringLiteral("action")))
        << unknown.body.constData();
}

TEST_F(VirtApiTest, ClustersGroupMachines)
{
    ASSERT_FALSE(machinesWhenSynchronised().isEmpty());
    const HttpReply created = admin("PUT", "/rest/cluster/?cluster_name=production");
    ASSERT_EQ(created.status, 200) << created.body.constData();
    const QJsonObject cluster = created.json()[QStringLiteral("cluster")].toObject();
    const QByteArray uuid = cluster[QStringLiteral("uuid")].toString().toLatin1();
    EXPECT_EQ(cluster[QStringLiteral("name")], QStringLiteral("production"));
    const HttpReply taken = admin("PUT", "/rest/cluster/", R"({"cluster_name": "production"})");
    EXPECT_EQ(taken.status, 409);
    EXPECT_EQ(taken.json()[QStringLiteral("errno")], 6);
    EXPECT_EQ(admin("PUT", "/rest/cluster/").status, 400) << "a name is needed";

    const QByteArray machineClusters = "/rest/machine/" + DefaultDomain.toLatin1() + "/clusters/";
    const HttpReply joined = admin("POST", machineClusters + "?clusters=" + uuid);
    ASSERT_EQ(joined.status, 200) << joined.body.constData();
    EXPECT_EQ(joined.json()[QStringLiteral("clusters")].toArray(),
              QJsonArray{QString::fromLatin1(uuid)});
    EXPECT_EQ(admin("GET", machineClusters).json()[QStringLiteral("clusters")].toArray().size(), 1);
    EXPECT_EQ(
        admin("POST", machineClusters + "?clusters=00000000-0000-4000-8000-000000000000").status,
        404);

    const QJsonArray listed =
        admin("GET", "/rest/cluster/list/").json()[QStringLiteral("clusters")].toArray();
    ASSERT_EQ(listed.size(), 1);
    EXPECT_EQ(listed[0][QStringLiteral("machines")].toArray(), QJsonArray{DefaultDomain});
    EXPECT_EQ(admin("GET", "/rest/cluster/").json()[QStringLiteral("cluster")].toArray(),
              QJsonArray{QString::fromLatin1(uuid)});

    const HttpReply renamed =
        admin("POST", "/rest/cluster/" + uuid, R"({"action": "rename", "cluster_name": "prod"})");
    ASSERT_EQ(renamed.status, 200) << renamed.body.constData();
    EXPECT_EQ(admin("GET", "/rest/cluster/" + uuid)
                  .json()[QStringLiteral("cluster")][QStringLiteral("name")],
              QStringLiteral("prod"));
    EXPECT_EQ(admin("POST", "/rest/cluster/" + uuid, R"({"action": "explode"})").status, 400);
    EXPECT_EQ(client().get("/rest/cluster/" + uuid, HttpClient::token(s_aliceToken)).status, 403);
    EXPECT_EQ(admin("DELETE", "/rest/cluster/" + uuid).status, 200);
    EXPECT_EQ(admin("GET", "/rest/cluster/" + uuid).status, 404);
    EXPECT_EQ(admin("GET", machineClusters).json()[QStringLiteral("clusters")].toArray(),
              QJsonArray());
}

// Last: the others need the hypervisor.
TEST_F(VirtApiTest, DeletingAHypervisorForgetsItsMachinesOnly)
{
    ASSERT_FALSE(machinesWhenSynchronised().isEmpty());
    const QString hypervisor =
        admin("GET", "/rest/machine/" + DefaultDomain.toLatin1() + '/')
            .json()[QStringLiteral("machine_obj")][QStringLiteral("hypervisor")]
            .toString();
    const HttpReply deleted = admin("DELETE", "/rest/hypervisor/" + hypervisor.toLatin1() + '/');
    ASSERT_EQ(deleted.status, 200) << deleted.body.constData();
    EXPECT_EQ(deleted.json()[QStringLiteral("errno")], 0);
    EXPECT_FALSE(admin("GET", "/rest/machines/")
                     .json()[QStringLiteral("machines")]
                     .toArray()
                     .contains(DefaultDomain));
    EXPECT_EQ(admin("GET", "/rest/hypervisor/" + hypervisor.toLatin1() + '/').status, 404);
}

// libvirt opens what a URI names with the server's rights: its error once quoted the first line
// of any file (the server key) and its transports run commands or reach local sockets.
TEST_F(VirtApiTest, HypervisorUrisAreLimitedAndLibvirtsTextNeverReachesTheCaller)
{
    ASSERT_FALSE(machinesWhenSynchronised().isEmpty());
    QFile keyFile(s_dir->filePath(QStringLiteral("server.key")));
    ASSERT_TRUE(keyFile.open(QIODevice::ReadOnly));
    const QByteArray key = keyFile.readAll().trimmed();
    ASSERT_EQ(key.size(), 64);
    const QByteArray hypervisors = "/rest/machine/" + DefaultDomain.toLatin1() + "/hypervisors/";
    const QByteArray keyUri = "test://" + s_dir->filePath(QStringLiteral("server.key")).toUtf8();
    const QList<QByteArray> refused{
        keyUri,
        "test://" + s_fixtures.toUtf8() + "/../server.key",
        "test://" + s_fixtures.toUtf8() + "/nowhere/missing.xml",
        "qemu+ext:///system?command=/bin/sh",
        "qemu+unix:///system?socket=/run/cairn.sock",
        "qemu+ssh://host/system?command=/bin/sh",
        "qemu+ssh://host/system?netcat=/tmp/x",
        "qemu+ssh://host/system?keyfile=/etc/ssh/ssh_host_ed25519_key",
        "qemu+tcp://host/system",
        "qemu+tls://host/system?no_verify=1",
        "qemu:///embed?root=/tmp",
        "qemu+ssh://user:secret@host/system",
        "xen:///system",
        "lxc:///",
        "file:///etc/passwd",
    };
    for (const QByteArray &uri : refused) {
        for (const QByteArray &method : {QByteArray("GET"), QByteArray("POST")}) {
            const HttpReply reply =
                admin(method,
                      hypervisors + "?virt_url=" + QUrl::toPercentEncoding(QString::fromUtf8(uri)));
            EXPECT_EQ(reply.status, 400)
                << method.constData() << ' ' << uri.constData() << ' ' << reply.body.constData();
            EXPECT_TRUE(reply.json()[QStringLiteral("fields")].toObject().contains(
                QStringLiteral("virt_url")))
                << uri.constData();
            EXPECT_FALSE(reply.body.contains(key.left(16))) << uri.constData();
        }
    }
    const HttpReply listed = admin("GET", "/api/hypervisors/");
    EXPECT_FALSE(listed.body.contains(key.left(16)));
    EXPECT_FALSE(s_server->log().toUtf8().contains(key.left(16)));
}

// A feed URL is fetched by the server: not a way to read its files or probe the inside network
// (unless [virt] feeds_allow_private says the lab's repository is inside).
TEST_F(VirtApiTest, FeedsAreFetchedOnlyFromOutsideOverHttp)
{
    EXPECT_EQ(admin("PUT", "/rest/vmfeed/?url=file:///etc/passwd").status, 400);
    const HttpReply inside =
        admin("PUT", "/rest/vmfeed/?url=http://127.0.0.1:" + QByteArray::number(s_server->port()) +
                         "/rest/vmfeed/rss/");
    EXPECT_EQ(inside.status, 403) << inside.body.constData();
    EXPECT_TRUE(inside.body.contains("feeds_allow_private")) << inside.body.constData();
    EXPECT_TRUE(admin("GET", "/rest/vmfeed/").json()[QStringLiteral("feeds")].toArray().isEmpty());
}
