// SIGKILL at random moments of mixed writes, then a restart: the database passes its integrity
// check, every write the server acknowledged is there, and no job or VM transaction is left
// running. The kill times come from a seed printed with the test (CAIRN_CRASH_SEED repeats one).
#include "FreePort.h"
#include "SshDevice.h"
#include "TestDomain.h"
#include "ToolkitFixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QThread>

using namespace Cairn::Test;

namespace {

const QByteArray DefaultDomain = "6695eb01-f6a4-8304-79aa-97f2502e193f";

// Four writers at once, each acknowledging (one line in the acknowledgement file) only what the
// server answered as done: bulk device writes, ZTP registrations, VM packaging transactions and
// toolkit bulk jobs on a device whose command takes seconds. They stop when the server dies.
constexpr char Workload[] = R"PY(
import json, sys, threading, requests
base, token, ztp, acks, command, device, credential, label = sys.argv[1:9]
headers = {"Authorization": "Token " + token}
lock = threading.Lock()
out = open(acks, "a")
def ack(kind, key):
    with lock:
        out.write("%s %s\n" % (kind, key))
        out.flush()
def devices():
    for n in range(100000):
        names = ["crash-%s-%d-%d" % (label, n, i) for i in range(20)]
        r = requests.post(base + "/api/sites/1/devices/", headers=headers, timeout=30,
                          json=[{"hostname": name} for name in names])
        if r.status_code == 201:
            for name in names:
                ack("device", name)
def nodes():
    for n in range(100000):
        serial = "CR%s%05d" % (label, n)
        r = requests.post(ztp + "/nodes", timeout=30, json={
            "model": "DCS-7050SX", "serialnumber": serial, "systemmac": "00:1c:73:%s:%02x:%02x" % (
                label.zfill(2)[-2:], n // 256 % 256, n % 256), "version": "4.28.0F",
            "neighbors": {"Ethernet1": [{"device": "spine1", "port": "Ethernet1"}]}})
        if r.status_code == 201:
            ack("node", serial)
def transactions():
    for n in range(100000):
        r = requests.post(base + "/rest/machine/%s/actions/package/" % sys.argv[9],
                          headers=headers, timeout=30)
        if r.status_code == 202:
            ack("transaction", r.json()["txid"])
def jobs():
    for n in range(100000):
        r = requests.post(base + "/api/plugins/toolkit/commands/bulk-execute/", headers=headers,
                          timeout=30, json={"async": True, "executions": [
                              {"command_id": int(command), "device_id": int(device),
                               "credential_token": credential}] * 4})
        if r.status_code in (200, 202):
            ack("job", r.json()["job_id"])
def guarded(work):
    try:
        work()
    except requests.exceptions.RequestException:
        pass
workers = [threading.Thread(target=guarded, args=(w,)) for w in (devices, nodes, transactions, jobs)]
for w in workers:
    w.start()
for w in workers:
    w.join()
)PY";

// After the restart: what the acknowledgements promise, and the SQLite file's integrity check.
constexpr char Check[] = R"PY(
import json, sqlite3, sys, requests
base, token, ztp, acks, sqlite = sys.argv[1:6]
headers = {"Authorization": "Token " + token}
acked = {}
for line in open(acks):
    kind, key = line.split()
    acked.setdefault(kind, []).append(key)
present = set()
while True:
    page = requests.get(base + "/api/sites/1/devices/?limit=1000&offset=%d" % len(present),
                        headers=headers).json()
    page = page["results"] if isinstance(page, dict) else page
    present.update(d["hostname"] for d in page)
    if len(page) < 1000:
        break
seen = {"acked": {kind: len(keys) for kind, keys in acked.items()}}
seen["lost_devices"] = [d for d in acked.get("device", []) if d not in present]
seen["lost_nodes"] = [n for n in acked.get("node", [])
                      if requests.get(ztp + "/nodes/" + n).status_code != 200]
seen["open_transactions"] = []
for txid in acked.get("transaction", []):
    state = requests.get(base + "/rest/transaction/%s/" % txid,
                         headers=headers).json()["transaction"]["state"]
    if state in ("queued", "running"):
        seen["open_transactions"].append(txid)
jobs = requests.get(base + "/api/jobs/?limit=100000", headers=headers).json()["results"]
seen["jobs"] = len(jobs)
seen["open_jobs"] = [j["id"] for j in jobs if j["state"] in ("queued", "running")]
seen["interrupted_jobs"] = len([j for j in jobs if j["state"] == "interrupted"])
if sqlite:
    seen["integrity"] = sqlite3.connect(sqlite).execute("PRAGMA integrity_check").fetchone()[0]
for key in ("lost_devices", "lost_nodes", "open_transactions", "open_jobs"):
    seen[key + "_count"] = len(seen[key])
    seen[key] = seen[key][:5]
print(json.dumps(seen))
)PY";

class CrashConsistencyTest : public ToolkitFixture
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<QTemporaryDir>();
        const QString root = s_dir->filePath(QStringLiteral("ztp"));
        ASSERT_TRUE(QDir().mkpath(root + QStringLiteral("/definitions")));
        writeFile(root + QStringLiteral("/neighbordb"),
                  "patterns:\n  - name: every switch\n    definition: leaf\n"
                  "    interfaces:\n      - any: any:any\n");
        writeFile(root + QStringLiteral("/definitions/leaf"),
                  "actions:\n  - action: add_config\n    attributes:\n"
                  "      url: files/configs/leaf.conf\n");
        ASSERT_TRUE(QDir().mkpath(s_dir->filePath(QStringLiteral("images"))));
        s_ztpPort = freePort();
        s_arguments = {QStringLiteral("--config"),
                       writeConfig("[virt]\nimage_dirs=" +
                                   s_dir->filePath(QStringLiteral("images")).toUtf8() + '\n'),
                       QStringLiteral("--ztp-listen"),
                       QStringLiteral("127.0.0.1:%1").arg(s_ztpPort),
                       QStringLiteral("--ztp-data-root"),
                       root,
                       QStringLiteral("--ztp-server-url"),
                       QStringLiteral("http://127.0.0.1:%1").arg(s_ztpPort)};
        startServer(s_arguments);
    }

    static void writeFile(const QString &path, const QByteArray &text)
    {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(text);
    }

    static QStringList commonPythonArguments()
    {
        return {QStringLiteral("http://127.0.0.1:%1").arg(s_server->port()),
                QString::fromLatin1(s_adminToken),
                QStringLiteral("http://127.0.0.1:%1").arg(s_ztpPort), ackFile()};
    }

    static QString ackFile() { return s_dir->filePath(QStringLiteral("acknowledged")); }

    // The default machine shut off with a real disk of a few megabytes, so that packaging it
    // takes long enough to be killed in the middle.
    static void giveDefaultDomainADisk()
    {
        const QByteArray machine = "/rest/machine/" + DefaultDomain;
        ASSERT_EQ(admin("POST", machine + "/actions/poweroff/").status, 200);
        const QString disk = s_dir->filePath(QStringLiteral("images/crash-disk.img"));
        QFile image(disk);
        ASSERT_TRUE(image.open(QIODevice::WriteOnly));
        for (int i = 0; i < 64; ++i)
            image.write(QByteArray(1 << 20, char('a' + i % 26)));
        image.close();
        const QJsonObject definition{
            {QStringLiteral("xmldesc"), testDomainWithDisk(DefaultDomain, disk)}};
        ASSERT_EQ(admin("POST", machine + "/actions/store_xml/", QJsonDocument(definition).toJson())
                      .status,
                  200);
    }

    static inline quint16 s_ztpPort = 0;
    static inline QStringList s_arguments;
};

} // namespace

TEST_F(CrashConsistencyTest, KilledAtRandomMomentsItRestartsWithEveryAcknowledgedWrite)
{
    SshDevice router(QStringLiteral("cisco_ios"), QStringLiteral("R1"), 2);
    QString why;
    ASSERT_TRUE(router.start(&why)) << why.toStdString();
    const int device = addDevices({QStringLiteral("crash-router")}, router.port()).value(0);
    const int command = addCommands(R"([{"name": "Tech", "command": "show tech-support",
                                         "platforms": ["cisco_ios"]}])")
                            .value(QStringLiteral("Tech"));
    const QByteArray credential = credentialTokenOf(s_adminToken, "crash");
    ASSERT_FALSE(credential.isEmpty());

    const quint32 seed = qEnvironmentVariableIsSet("CAIRN_CRASH_SEED")
                             ? quint32(qEnvironmentVariableIntValue("CAIRN_CRASH_SEED"))
                             : QRandomGenerator::system()->generate();
    std::cout << "CAIRN_CRASH_SEED=" << seed << " repeats these kill times\n";
    QRandomGenerator random(seed);
    const QString sqlite =
        TestBackend::isPostgres() ? QString() : s_dir->filePath(QStringLiteral("cairn.sqlite"));
    for (int round = 1; round <= 3; ++round) {
        SCOPED_TRACE(round);
        giveDefaultDomainADisk();
        QProcess workload;
        workload.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        workload.start(QStringLiteral("/usr/bin/python3"),
                       QStringList{QStringLiteral("-c"), QString::fromLatin1(Workload)} +
                           commonPythonArguments() +
                           QStringList{QString::number(command), QString::number(device),
                                       QString::fromLatin1(credential), QString::number(round),
                                       QString::fromLatin1(DefaultDomain)});
        ASSERT_TRUE(workload.waitForStarted());
        const int killAfterMs = 1500 + int(random.bounded(2500));
        QThread::msleep(ulong(killAfterMs));
        s_server->kill();
        ASSERT_TRUE(workload.waitForFinished(60000));

        ASSERT_TRUE(s_server->start(s_arguments)) << qPrintable(s_server->log());
        QProcess check;
        check.start(QStringLiteral("/usr/bin/python3"),
                    QStringList{QStringLiteral("-c"), QString::fromLatin1(Check)} +
                        commonPythonArguments() + QStringList{sqlite});
        ASSERT_TRUE(check.waitForFinished(120000));
        ASSERT_EQ(check.exitCode(), 0) << check.readAllStandardError().constData();
        const QJsonObject seen = QJsonDocument::fromJson(check.readAllStandardOutput()).object();
        std::cout << "round " << round << ", killed after " << killAfterMs << " ms: "
                  << QJsonDocument(seen[QStringLiteral("acked")].toObject())
                         .toJson(QJsonDocument::Compact)
                         .constData()
                  << " acknowledged, " << seen[QStringLiteral("interrupted_jobs")].toInt()
                  << " jobs interrupted so far\n";
        // Every kind of write was under way when the server died.
        for (const char *kind : {"device", "node", "transaction", "job"})
            EXPECT_GT(seen[QStringLiteral("acked")][QLatin1String(kind)].toInt(), 0)
                << kind << ": " << seen;
        for (const char *broken : {"lost_devices", "lost_nodes", "open_transactions", "open_jobs"})
            EXPECT_EQ(seen[QLatin1String(broken) + QLatin1String("_count")].toInt(), 0)
                << broken << ": " << seen;
        if (!sqlite.isEmpty()) {
            EXPECT_EQ(seen[QStringLiteral("integrity")].toString(), QStringLiteral("ok"));
        }
    }
}
