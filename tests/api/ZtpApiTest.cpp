// The ZTP listener as switches use it: Cairn's own bootstrap client runs for real (python3)
// against `cairn serve --ztp-listen`, talking to a fake switch API (tests/support/ztp/
// fake_eapi.py) on loopback, and ends as a device in the inventory.
#include "FreePort.h"
#include "Sanitizers.h"
#include "ServerFixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QThread>
#include <gtest/gtest.h>
#include <thread>

using namespace Cairn::Test;

namespace {

const QString Python = QStringLiteral("/usr/bin/python3");

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly)) << qPrintable(path);
    file.write(content);
}

// Sends `head` (which promises a body of `bodyBytes`) and then the body, 64 KiB at a time while
// the server still listens, from `source`; the status answered (0 when none).
int sendLarge(quint16 port, const QByteArray &head, qint64 bodyBytes,
              const QHostAddress &source = QHostAddress::LocalHost)
{
    QTcpSocket socket;
    if (!socket.bind(source))
        return -1;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return -1;
    socket.write(head);
    const QByteArray piece(64 * 1024, '[');
    QByteArray received;
    for (qint64 sent = 0; sent < bodyBytes && socket.state() == QAbstractSocket::ConnectedState;
         sent += piece.size()) {
        socket.write(piece.left(int(qMin<qint64>(piece.size(), bodyBytes - sent))));
        socket.waitForBytesWritten(100);
        if (socket.bytesAvailable() > 0 || socket.waitForReadyRead(0))
            received += socket.readAll();
    }
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(3000))
        received += socket.readAll();
    received += socket.readAll();
    return HttpClient::parse(received).status;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const QByteArray NeighborDb = R"(variables:
  spines: regex('spine\d+')
patterns:
  - name: leaves
    definition: leaf
    model: DCS
    interfaces:
      - Ethernet1: $spines:Ethernet1
  - name: broken definition
    definition: broken
    interfaces:
      - Ethernet1: border1
  - name: handled
    definition: leaf
    node: JPE600
    config-handler: record
  - name: handler fails
    definition: leaf
    node: JPE601
    config_handler: fail
  - name: plugged
    definition: plugged
    node: JPE602
  - name: unplugged
    definition: unplugged
    node: JPE603
  - name: leaking
    definition: leaking
    node: JPE604
  - name: greedy
    definition: leaf
    node: JPE700
    interfaces:
      - any: regex('spine')
      - Ethernet10: spine2
)";

const QByteArray PluggedDefinition = R"(name: plugged
actions:
  - action: run_cli_commands
    attributes:
      url: files/configs/loopback.cli
      variables:
        hostname: site_name('pod1')
        neighbours: [neighbour_count("x")]
        environment: environment('x')
)";

const QByteArray LeafDefinition = R"(name: leaf
attributes:
  loopback: allocate('loopbacks')
actions:
  - name: base configuration
    action: replace_config
    attributes:
      url: files/configs/leaf.conf
  - name: loopback address
    action: run_cli_commands
    always_execute: true
    attributes:
      url: files/configs/loopback.cli
      variables:
        address: $loopback
)";

class ZtpApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<QTemporaryDir>();
        s_root = s_dir->filePath(QStringLiteral("ztp"));
        writeFile(s_root + QStringLiteral("/neighbordb"), NeighborDb);
        writeFile(s_root + QStringLiteral("/definitions/leaf"), LeafDefinition);
        writeFile(s_root + QStringLiteral("/definitions/broken"), "name: [unclosed\n");
        writeFile(s_root + QStringLiteral("/definitions/plugged"), PluggedDefinition);
        writeFile(s_root + QStringLiteral("/definitions/unplugged"),
                  "actions:\n  - action: add_config\n    attributes:\n      url: nosuch('x')\n");
        // ZTPServer's plugin contract: main(node_id, argument, node) returns the value.
        writeFile(s_root + QStringLiteral("/plugins/site_name"),
                  "def main(node_id, argument, node):\n"
                  "    return '%s-%s-%s' % (argument, node_id, node['model'])\n");
        writeFile(s_root + QStringLiteral("/plugins/neighbour_count"),
                  "def main(node_id, argument, node):\n    return len(node['neighbors'])\n");
        writeFile(s_root + QStringLiteral("/plugins/environment"),
                  "import os\ndef main(node_id, argument, node):\n    return sorted(os.environ)\n");
        writeFile(s_root + QStringLiteral("/plugins/leaky"),
                  "def main(node_id, argument, node):\n    raise RuntimeError('secret-7c1d')\n");
        writeFile(s_root + QStringLiteral("/definitions/leaking"),
                  "actions:\n  - action: add_config\n    attributes:\n      url: leaky('x')\n");
        writeFile(s_root + QStringLiteral("/config-handlers/record"),
                  "#!/bin/sh\nprintf '%s:' \"$ZTP_NODE_ID\" > handled\n"
                  "cat \"$ZTP_STARTUP_CONFIG\" >> handled\n");
        writeFile(s_root + QStringLiteral("/config-handlers/fail"),
                  "#!/bin/sh\necho 'the CMDB said no'\nexit 3\n");
        for (const char *handler : {"record", "fail"})
            QFile::setPermissions(s_root + QStringLiteral("/config-handlers/") +
                                      QString::fromLatin1(handler),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        writeFile(s_root + QStringLiteral("/files/configs/leaf.conf"),
                  "hostname leaf\ninterface Ethernet1\n   no switchport\n!\nend\n");
        writeFile(s_root + QStringLiteral("/files/configs/loopback.cli"),
                  "interface Loopback0\n   ip address $address/32\n");
        writeFile(s_root + QStringLiteral("/resources/loopbacks"),
                  "10.255.0.1: null\n10.255.0.2: null\n10.255.0.3: null\n");
        // Stands for the server's secrets (CAIRN_SERVER_KEY, CAIRN_DB_PASSWORD): never passed on.
        qputenv("CAIRN_ZTP_TEST_SECRET", "not-for-plugins");
        s_ztpPort = freePort();
        s_serverUrl = QStringLiteral("http://127.0.0.1:%1").arg(s_ztpPort);
        startServer({QStringLiteral("--ztp-listen"), QStringLiteral("127.0.0.1:%1").arg(s_ztpPort),
                     QStringLiteral("--ztp-data-root"), s_root, QStringLiteral("--ztp-server-url"),
                     s_serverUrl});
    }

    static HttpClient ztp() { return HttpClient(s_ztpPort); }

    struct BootstrapRun
    {
        int exitCode = -1;
        QByteArray log;
    };

    // Runs the bootstrap script the server serves, as a switch with these facts would (its
    // eAPI is tests/support/ztp/fake_eapi.py, its flash a folder of `device`).
    static BootstrapRun runBootstrapClient(const QTemporaryDir &device, const QByteArray &facts)
    {
        const HttpReply bootstrap = ztp().request("GET", "/bootstrap");
        const QString script = device.filePath(QStringLiteral("bootstrap"));
        writeFile(script, bootstrap.body);
        const QString flash = device.filePath(QStringLiteral("flash"));
        QDir().mkpath(flash);
        writeFile(device.filePath(QStringLiteral("facts.json")), facts);
        QProcess eapi;
        eapi.start(Python,
                   {QStringLiteral(CAIRN_SOURCE_DIR "/tests/support/ztp/fake_eapi.py"),
                    QStringLiteral("--facts"), device.filePath(QStringLiteral("facts.json")),
                    QStringLiteral("--log"), device.filePath(QStringLiteral("commands.jsonl")),
                    QStringLiteral("--port"), QStringLiteral("0")});
        if (!eapi.waitForReadyRead(10000))
            return {-1, "fake eAPI did not start: " + eapi.readAllStandardError()};
        const QByteArray portLine = eapi.readLine().trimmed();
        QProcess client;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("CAIRN_ZTP_DEVICE_API"),
                           QStringLiteral("http://127.0.0.1:%1/command-api")
                               .arg(QString::fromLatin1(portLine.mid(5))));
        environment.insert(QStringLiteral("CAIRN_ZTP_FLASH"), flash);
        client.setProcessEnvironment(environment);
        client.start(Python, {script});
        const bool finished = client.waitForFinished(60000);
        BootstrapRun run{finished ? client.exitCode() : -1, client.readAllStandardError()};
        eapi.terminate();
        eapi.waitForFinished(5000);
        return run;
    }

    static HttpReply post(const QByteArray &body)
    {
        return ztp().request("POST", "/nodes", body, {{"Content-Type", "application/json"}});
    }
    static QByteArray facts(const QByteArray &serial, const QByteArray &spine,
                            const QByteArray &model = "DCS-7050SX")
    {
        return R"({"model": ")" + model + R"(", "serialnumber": ")" + serial +
               R"(", "systemmac": "00:1c:73:00:00:99", "version": "4.30.1F", "neighbors": {"Ethernet1": [{"device": ")" +
               spine + R"(", "port": "Ethernet1"}]}})";
    }

    // The node's record once it has `status` and a device: records are written after the
    // answers, in the order they were asked for.
    static QJsonObject nodeRecord(const QByteArray &nodeId, const QString &status,
                                  bool withDevice = true)
    {
        QJsonObject record;
        for (int attempt = 0; attempt < 100; ++attempt) {
            record = admin("GET", "/api/ztp/nodes/" + nodeId + "/").json().toObject();
            if (record[QStringLiteral("status")].toString() == status &&
                (!withDevice || !record[QStringLiteral("device_id")].isNull()))
                break;
            QThread::msleep(50);
        }
        return record;
    }

    static inline QString s_root;
    static inline quint16 s_ztpPort = 0;
    static inline QString s_serverUrl;
};

TEST_F(ZtpApiTest, BootstrapClientProvisionsASwitchThatEndsInTheInventory)
{
    // The spine the switch is cabled to is an operator's device: the switch records it on its
    // own port, and neither adds ports to it nor takes its ports with a circuit.
    ASSERT_EQ(admin("POST", "/api/sites/", R"({"name": "dc1"})").status, 201);
    const HttpReply spine = admin("POST", "/api/sites/2/devices/", R"({"hostname": "spine1"})");
    ASSERT_EQ(spine.status, 201) << spine.body.constData();
    const HttpReply spinePort = admin(
        "POST", "/api/sites/2/interfaces/",
        R"({"device": )" + QByteArray::number(spine.json()[QStringLiteral("id")].toInteger()) +
            R"(, "name": "Ethernet1"})");
    ASSERT_EQ(spinePort.status, 201) << spinePort.body.constData();

    const HttpReply bootstrap =
        ztp().request("GET", "/bootstrap", {}, {{"Content-Type", "text/html"}});
    ASSERT_EQ(bootstrap.status, 200);
    EXPECT_EQ(bootstrap.header("Content-Type"), QByteArray("text/x-python"));
    EXPECT_TRUE(bootstrap.body.contains(s_serverUrl.toUtf8()));
    EXPECT_FALSE(bootstrap.body.contains("$SERVER"));

    QTemporaryDir device;
    const BootstrapRun run = runBootstrapClient(
        device,
        R"({"model": "DCS-7050SX", "serialnumber": "JPE100", "systemmac": "00:1c:73:aa:bb:01",
                  "version": "4.30.1F", "neighbors": [
                  {"port": "Ethernet1", "neighborDevice": "spine1", "neighborPort": "Ethernet1"},
                  {"port": "Management1", "neighborDevice": "oob-switch", "neighborPort": "Gi0/7"}]})");
    const QString flash = device.filePath(QStringLiteral("flash"));
    ASSERT_EQ(run.exitCode, 0) << run.log.constData();

    // The switch got its definition: the configuration file and the allocated loopback.
    const QByteArray startup = readFile(flash + QStringLiteral("/startup-config"));
    EXPECT_EQ(startup, readFile(s_root + QStringLiteral("/files/configs/leaf.conf")));
    const QByteArray commands = readFile(device.filePath(QStringLiteral("commands.jsonl")));
    EXPECT_TRUE(commands.contains("ip address 10.255.0.1/32")) << commands.constData();
    EXPECT_TRUE(commands.contains("reload now"));
    EXPECT_TRUE(
        readFile(s_root + QStringLiteral("/resources/loopbacks")).contains("10.255.0.1: JPE100"));

    // The server kept the node's files, ZTPServer's layout, and its uploaded startup-config.
    for (const char *name : {".node", "definition", "pattern", "startup-config"})
        EXPECT_TRUE(QFileInfo::exists(s_root + QStringLiteral("/nodes/JPE100/") +
                                      QString::fromLatin1(name)))
            << name;
    const HttpReply backup = ztp().request("GET", "/nodes/JPE100/startup-config");
    EXPECT_EQ(backup.status, 200);
    EXPECT_EQ(backup.header("Content-Type"), QByteArray("text/plain"));
    EXPECT_EQ(backup.body, startup);

    // Progress, and the device with its facts, interfaces and the circuit to spine1.
    const QJsonObject record = nodeRecord("JPE100", QStringLiteral("configured"));
    EXPECT_EQ(record[QStringLiteral("status")].toString(), QStringLiteral("configured"));
    EXPECT_EQ(record[QStringLiteral("pattern")].toString(), QStringLiteral("leaves"));
    EXPECT_EQ(record[QStringLiteral("progress")][QStringLiteral("actions_fetched")].toInt(), 2);
    EXPECT_EQ(record[QStringLiteral("progress")][QStringLiteral("actions_total")].toInt(), 2);
    const qint64 deviceId = record[QStringLiteral("device_id")].toInteger();
    ASSERT_GT(deviceId, 0);
    const HttpReply inventory = admin("GET", "/api/devices/" + QByteArray::number(deviceId) +
                                                 "/?fields=hostname,serial_number,mac_address,"
                                                 "model,os_version,platform,vendor,ip_address");
    ASSERT_EQ(inventory.status, 200) << inventory.body.constData();
    const QJsonObject deviceJson = inventory.json().toObject();
    EXPECT_EQ(deviceJson[QStringLiteral("hostname")].toString(), QStringLiteral("JPE100"));
    EXPECT_EQ(deviceJson[QStringLiteral("serial_number")].toString(), QStringLiteral("JPE100"));
    EXPECT_EQ(deviceJson[QStringLiteral("mac_address")].toString(),
              QStringLiteral("00:1c:73:aa:bb:01"));
    EXPECT_EQ(deviceJson[QStringLiteral("model")].toString(), QStringLiteral("DCS-7050SX"));
    // Reachable at once: commands and services need a platform and an address.
    EXPECT_EQ(deviceJson[QStringLiteral("platform")].toString(), QStringLiteral("arista_eos"));
    EXPECT_EQ(deviceJson[QStringLiteral("vendor")].toString(), QStringLiteral("Arista"));
    EXPECT_EQ(deviceJson[QStringLiteral("ip_address")].toString(), QStringLiteral("127.0.0.1"));
    EXPECT_EQ(deviceJson[QStringLiteral("os_version")].toString(), QStringLiteral("4.30.1F"));
    const HttpReply interfaces =
        admin("GET", "/api/interfaces/?device=" + QByteArray::number(deviceId));
    ASSERT_EQ(interfaces.status, 200);
    QStringList descriptions;
    for (const auto &row : interfaces.json().toArray())
        descriptions << row[QStringLiteral("name")].toString() + QLatin1Char('=') +
                            row[QStringLiteral("description")].toString();
    descriptions.sort();
    EXPECT_EQ(descriptions, (QStringList{QStringLiteral("Ethernet1=LLDP: spine1 Ethernet1"),
                                         QStringLiteral("Management1=LLDP: oob-switch Gi0/7")}));
    const HttpReply circuits = admin("GET", "/api/circuits/");
    ASSERT_EQ(circuits.status, 200);
    EXPECT_TRUE(circuits.json().toArray().isEmpty()) << circuits.body.constData();
}

// A switch no pattern matches stops, and its log says why rather than only "400".
TEST_F(ZtpApiTest, ARefusedSwitchLogsWhyItWasRefused)
{
    QTemporaryDir device;
    const BootstrapRun run = runBootstrapClient(
        device,
        R"({"model": "DCS-7050SX", "serialnumber": "JPE900", "systemmac": "00:1c:73:aa:bb:90",
                  "version": "4.30.1F", "neighbors": [
                  {"port": "Ethernet1", "neighborDevice": "core9", "neighborPort": "Ethernet1"}]})");
    EXPECT_NE(run.exitCode, 0);
    EXPECT_TRUE(run.log.contains("Node JPE900: No pattern in the neighbordb matches its facts and "
                                 "LLDP neighbors."))
        << run.log.constData();
}

TEST_F(ZtpApiTest, RegistrationAnswers201ForNew409ForKnownAnd400WithoutMatch)
{
    const HttpReply created = post(facts("JPE200", "spine2"));
    EXPECT_EQ(created.status, 201) << created.body.constData();
    EXPECT_EQ(created.header("Content-Type"), QByteArray("text/html"));
    EXPECT_EQ(created.header("Location"),
              QStringLiteral("http://127.0.0.1:%1/nodes/JPE200").arg(s_ztpPort).toUtf8());
    EXPECT_TRUE(created.body.isEmpty());

    // Known: its facts are refreshed (a new version after an upgrade), its device kept.
    const qint64 device =
        nodeRecord("JPE200", QStringLiteral("registered"))[QStringLiteral("device_id")].toInteger();
    const HttpReply known =
        post(QByteArray(facts("JPE200", "spine2")).replace("4.30.1F", "4.31.0F"));
    EXPECT_EQ(known.status, 409);
    EXPECT_EQ(known.header("Location"), created.header("Location"));
    QJsonValue refreshed;
    for (int attempt = 0; attempt < 100 && refreshed[QStringLiteral("os_version")].toString() !=
                                               QStringLiteral("4.31.0F");
         ++attempt) {
        QThread::msleep(50);
        refreshed =
            admin("GET", "/api/devices/" + QByteArray::number(device) + "/?fields=os_version")
                .json();
    }
    EXPECT_EQ(refreshed[QStringLiteral("os_version")].toString(), QStringLiteral("4.31.0F"));
    EXPECT_EQ(
        nodeRecord("JPE200", QStringLiteral("registered"))[QStringLiteral("device_id")].toInteger(),
        device);
    EXPECT_EQ(
        nodeRecord("JPE200", QStringLiteral("registered"))[QStringLiteral("pattern")].toString(),
        QStringLiteral("leaves"))
        << "a known node keeps the pattern it matched";

    const HttpReply unmatched = post(facts("JPE201", "core9"));
    EXPECT_EQ(unmatched.status, 400);
    EXPECT_EQ(unmatched.header("Content-Type"), QByteArray("text/plain; charset=utf-8"));
    EXPECT_EQ(unmatched.body, "Node JPE201: No pattern in the neighbordb matches its facts and "
                              "LLDP neighbors.\n");
    EXPECT_FALSE(QFileInfo::exists(s_root + QStringLiteral("/nodes/JPE201/definition")));
    const QJsonObject refused = nodeRecord("JPE201", QStringLiteral("refused"), false);
    EXPECT_EQ(refused[QStringLiteral("status")].toString(), QStringLiteral("refused"));
    EXPECT_TRUE(refused[QStringLiteral("last_error")].toString().startsWith(
        QLatin1String("No pattern in the neighbordb")));
    // The switch asking for its definition anyway is told it was refused, and why.
    const HttpReply refusedGet =
        ztp().request("GET", "/nodes/JPE201", {}, {{"Accept", "application/json"}});
    EXPECT_EQ(refusedGet.status, 400);
    EXPECT_TRUE(refusedGet.body.startsWith("Node JPE201 was refused when it registered: No "
                                           "pattern in the neighbordb"))
        << refusedGet.body.constData();
    EXPECT_TRUE(refused[QStringLiteral("device_id")].isNull()) << "refused nodes stay out";

    // The definition, $attributes and allocate() resolved; a second node gets the next
    // address, the same node the same one again.
    const HttpReply definition =
        ztp().request("GET", "/nodes/JPE200", {}, {{"Accept", "application/json"}});
    ASSERT_EQ(definition.status, 200) << definition.body.constData();
    EXPECT_EQ(definition.header("Content-Type"), QByteArray("application/json"));
    const QJsonValue actions = definition.json()[QStringLiteral("actions")];
    EXPECT_EQ(actions[1][QStringLiteral("attributes")][QStringLiteral("variables")]
                     [QStringLiteral("address")]
                         .toString(),
              QStringLiteral("10.255.0.2"));
    EXPECT_EQ(actions[1][QStringLiteral("always_execute")].toBool(), true);
    const HttpReply again = ztp().request("GET", "/nodes/JPE200");
    EXPECT_EQ(again.body, definition.body);

    // A node that brings its own startup-config gets it back, plus the always_execute actions.
    const HttpReply withConfig =
        post(R"({"serialnumber": "JPE202", "config": "hostname static\n"})");
    EXPECT_EQ(withConfig.status, 201);
    const HttpReply staticDefinition = ztp().request("GET", "/nodes/JPE202");
    ASSERT_EQ(staticDefinition.status, 200) << staticDefinition.body.constData();
    EXPECT_EQ(staticDefinition.json()[QStringLiteral("name")].toString(),
              QStringLiteral("Autogenerated definition"));
    EXPECT_EQ(ztp().request("GET", "/nodes/JPE202/startup-config").body,
              QByteArray("hostname static\n"));
}

TEST_F(ZtpApiTest, StartupConfigReplacesTheDefinitionAndFeedsTheConfigHandler)
{
    ASSERT_EQ(post(facts("JPE300", "spine3")).status, 201);
    const HttpReply put = ztp().request("PUT", "/nodes/JPE300/startup-config", "hostname leaf300\n",
                                        {{"Content-Type", "text/plain"}});
    EXPECT_EQ(put.status, 201);
    const HttpReply definition = ztp().request("GET", "/nodes/JPE300");
    ASSERT_EQ(definition.status, 200);
    const QJsonObject autogenerated = definition.json().toObject();
    EXPECT_EQ(autogenerated[QStringLiteral("name")].toString(),
              QStringLiteral("Autogenerated definition"));
    const QJsonArray actions = autogenerated[QStringLiteral("actions")].toArray();
    ASSERT_EQ(actions.size(), 2) << "replace_config plus the one always_execute action";
    EXPECT_EQ(actions[0][QStringLiteral("attributes")][QStringLiteral("url")].toString(),
              s_serverUrl + QStringLiteral("/nodes/JPE300/startup-config"));
    EXPECT_EQ(post(facts("JPE300", "spine3")).status, 409);
    EXPECT_EQ(ztp().request("PUT", "/nodes/NOSUCH/startup-config", "x").status, 400);
    EXPECT_EQ(ztp().request("GET", "/nodes/NOSUCH/startup-config").status, 404);
}

TEST_F(ZtpApiTest, BadInputIsRefusedAndTheServerKeepsServing)
{
    EXPECT_EQ(post(R"({"serialnumber": "JPE400",)").status, 400);
    EXPECT_EQ(post(R"([1, 2])").status, 400);
    EXPECT_EQ(post(R"({"serialnumber": ""})").status, 400);
    const HttpReply noPort =
        post(R"({"serialnumber": "JPE401", "neighbors": {"Ethernet1": [{"device": "spine1"}]}})");
    EXPECT_EQ(noPort.status, 400);
    EXPECT_TRUE(noPort.body.contains("neighbors.Ethernet1") || noPort.body.contains("port"));
    // The matched pattern's definition does not parse.
    const HttpReply broken = post(facts("JPE402", "border1", "vEOS"));
    EXPECT_EQ(broken.status, 400);
    EXPECT_FALSE(QFileInfo::exists(s_root + QStringLiteral("/nodes/JPE402/definition")));

    // 100 MB of startup-config is refused before it is read.
    const QByteArray head = "PUT /nodes/JPE200/startup-config HTTP/1.1\r\nHost: x\r\n"
                            "Content-Type: text/plain\r\nContent-Length: 104857600\r\n\r\n";
    const QByteArray answer = ztp().sendRaw(head + QByteArray(4096, 'x'));
    EXPECT_TRUE(answer.startsWith("HTTP/1.1 413")) << answer.left(200).constData();

    EXPECT_EQ(ztp().request("GET", "/bootstrap/config").status, 200);
}

TEST_F(ZtpApiTest, NothingOutsideTheDataRootIsServed)
{
    writeFile(s_dir->filePath(QStringLiteral("secret")), "not for switches");
    ASSERT_TRUE(QFile::link(s_dir->filePath(QStringLiteral("secret")),
                            s_root + QStringLiteral("/files/escape")));
    for (const char *path :
         {"/files/../neighbordb", "/files/%2e%2e/neighbordb", "/files/configs/..%2f..%2fneighbordb",
          "/files//etc/passwd", "/files/%2fetc%2fpasswd", "/files/escape", "/meta/files/escape",
          "/meta/nodes/../neighbordb", "/meta/files/%2e%2e/%2e%2e/secret", "/meta/bogus/neighbordb",
          "/actions/..%2fneighbordb", "/actions/missing", "/files/configs"})
        EXPECT_EQ(ztp().request("GET", path).status, 404) << path;
    // An unknown node is ZTPServer's 400, whatever its id tries.
    EXPECT_EQ(ztp().request("GET", "/nodes/..%2f..%2fneighbordb").status, 400);
    EXPECT_EQ(ztp().request("PUT", "/nodes/..%2fx/startup-config", "x").status, 400);
    EXPECT_FALSE(QFileInfo::exists(s_root + QStringLiteral("/x")));
    const HttpReply meta = ztp().request("GET", "/meta/files/configs/leaf.conf");
    ASSERT_EQ(meta.status, 200);
    EXPECT_EQ(meta.json()[QStringLiteral("size")].toInt(),
              readFile(s_root + QStringLiteral("/files/configs/leaf.conf")).size());
    EXPECT_EQ(meta.json()[QStringLiteral("sha1")].toString().size(), 40);
    const HttpReply file = ztp().request("GET", "/files/configs/leaf.conf");
    EXPECT_EQ(file.status, 200);
    EXPECT_EQ(file.header("Content-Type"), QByteArray("text/plain"));
}

TEST_F(ZtpApiTest, AnInvalidPatternRefusesTheWholeNeighborDbAndSaysWhy)
{
    const QString path = s_root + QStringLiteral("/neighbordb");
    writeFile(path, NeighborDb + "  - name: typo\n    definition: leaf\n    interfaces:\n"
                                 "      - Ethernet1/1-3: $nosuch\n");
    // This node matches the first, valid, pattern, yet nothing is matched until it is fixed.
    EXPECT_EQ(post(facts("JPE500", "spine5")).status, 400);
    const HttpReply status = admin("GET", "/api/ztp/neighbordb/");
    ASSERT_EQ(status.status, 200);
    EXPECT_FALSE(status.json()[QStringLiteral("valid")].toBool());
    const QJsonArray errors = status.json()[QStringLiteral("errors")].toArray();
    ASSERT_EQ(errors.size(), 2) << status.body.constData();
    for (const auto &error : errors) {
        EXPECT_EQ(error[QStringLiteral("pattern")].toString(), QStringLiteral("typo"));
        EXPECT_EQ(error[QStringLiteral("line")].toInt(), NeighborDb.count('\n') + 1);
    }
    EXPECT_TRUE(s_server->log().contains(QStringLiteral("neighbordb refused")));

    writeFile(path, NeighborDb);
    EXPECT_EQ(post(facts("JPE500", "spine5")).status, 201);
    EXPECT_TRUE(admin("GET", "/api/ztp/neighbordb/").json()[QStringLiteral("valid")].toBool());
    // The operator API still demands credentials; only the ZTP listener is open.
    EXPECT_EQ(client().request("GET", "/api/ztp/nodes/").status, 401);
}

TEST_F(ZtpApiTest, TheNodeIsCheckedAgainInTheOrderItSentItsNeighbours)
{
    // Greedy matching: Ethernet2 takes `any`, Ethernet10 the named entry. Read back sorted
    // (Ethernet10 first) the node would no longer match.
    const HttpReply created = post(R"({"serialnumber": "JPE700", "neighbors": {
        "Ethernet2": [{"device": "spine1", "port": "Ethernet7"}],
        "Ethernet10": [{"device": "spine2", "port": "Ethernet7"}]}})");
    ASSERT_EQ(created.status, 201) << created.body.constData();
    EXPECT_EQ(ztp().request("GET", "/nodes/JPE700").status, 200);
}

TEST_F(ZtpApiTest, ASwitchCannotTakeOverADeviceByNamingIt)
{
    const HttpReply router = admin("POST", "/api/devices/",
                                   R"({"hostname": "core-router-1", "site_id": 1,
                                       "serial_number": "FOX123", "model": "MX480"})");
    ASSERT_EQ(router.status, 201) << router.body.constData();
    const QByteArray routerId = QByteArray::number(router.json()[QStringLiteral("id")].toInteger());
    EXPECT_EQ(post(facts("core-router-1", "spine8")).status, 201);
    nodeRecord("core-router-1", QStringLiteral("registered"));
    const QJsonValue after =
        admin("GET", "/api/devices/" + routerId + "/?fields=model,serial_number").json();
    EXPECT_EQ(after[QStringLiteral("model")].toString(), QStringLiteral("MX480"));
    EXPECT_EQ(after[QStringLiteral("serial_number")].toString(), QStringLiteral("FOX123"));
    // Operators see provisioning with `view` on ztp_node only.
    EXPECT_EQ(
        client().request("GET", "/api/ztp/nodes/", {}, HttpClient::token(s_aliceToken)).status,
        403);
}

TEST_F(ZtpApiTest, ConfigHandlersRunWhenTheStartupConfigArrives)
{
    ASSERT_EQ(post(facts("JPE600", "spine6")).status, 201);
    ASSERT_EQ(post(facts("JPE601", "spine6")).status, 201);
    EXPECT_EQ(ztp().request("PUT", "/nodes/JPE600/startup-config", "hostname six\n").status, 201);
    // The handler runs after the answer (and may be caught halfway through writing).
    const QString handled = s_root + QStringLiteral("/nodes/JPE600/handled");
    const QByteArray expected("JPE600:hostname six\n");
    for (int attempt = 0; attempt < 100 && readFile(handled) != expected; ++attempt)
        QThread::msleep(50);
    EXPECT_EQ(readFile(handled), expected);
    // A failing handler is reported on the node; the startup-config is kept all the same.
    EXPECT_EQ(ztp().request("PUT", "/nodes/JPE601/startup-config", "hostname x\n").status, 201);
    QJsonObject failed;
    for (int attempt = 0;
         attempt < 100 && failed[QStringLiteral("last_error")].toString().isEmpty(); ++attempt) {
        QThread::msleep(50);
        failed = nodeRecord("JPE601", QStringLiteral("configured"));
    }
    // Its output may quote what it read: in the log, not in the node's record.
    EXPECT_TRUE(failed[QStringLiteral("last_error")].toString().contains(QStringLiteral("exit 3")))
        << qPrintable(failed[QStringLiteral("last_error")].toString());
    EXPECT_FALSE(failed[QStringLiteral("last_error")].toString().contains(
        QStringLiteral("the CMDB said no")));
    EXPECT_TRUE(s_server->log().contains(QStringLiteral("the CMDB said no")));
    EXPECT_EQ(ztp().request("GET", "/nodes/JPE601/startup-config").body,
              QByteArray("hostname x\n"));
}

TEST_F(ZtpApiTest, DefinitionsCallTheDataRootsPlugins)
{
    ASSERT_EQ(post(facts("JPE602", "spine6")).status, 201);
    const HttpReply definition = ztp().request("GET", "/nodes/JPE602");
    ASSERT_EQ(definition.status, 200) << definition.body.constData();
    const QJsonValue variables =
        definition.json()[QStringLiteral("actions")][0][QStringLiteral("attributes")]
                         [QStringLiteral("variables")];
    EXPECT_EQ(variables[QStringLiteral("hostname")].toString(),
              QStringLiteral("pod1-JPE602-DCS-7050SX"));
    EXPECT_EQ(variables[QStringLiteral("neighbours")][0].toInt(), 1);
    // Plugins run without the server's environment (its secrets among it).
    const QJsonArray environment = variables[QStringLiteral("environment")].toArray();
    EXPECT_TRUE(environment.contains(QStringLiteral("PATH")));
    EXPECT_FALSE(environment.contains(QStringLiteral("CAIRN_ZTP_TEST_SECRET")));
    for (const QJsonValue name : environment)
        EXPECT_FALSE(name.toString().startsWith(QLatin1String("CAIRN_")))
            << qPrintable(name.toString());
    // The stored definition keeps the calls; only the answer carries their values.
    EXPECT_TRUE(readFile(s_root + QStringLiteral("/nodes/JPE602/definition"))
                    .contains("site_name('pod1')"));

    ASSERT_EQ(post(facts("JPE603", "spine6")).status, 201);
    const HttpReply missing = ztp().request("GET", "/nodes/JPE603");
    EXPECT_EQ(missing.status, 400);
    EXPECT_TRUE(missing.body.contains("no plugin nosuch")) << missing.body.constData();

    // A failing plugin's traceback goes to the log, never to the switch.
    ASSERT_EQ(post(facts("JPE604", "spine6")).status, 201);
    const HttpReply leaking = ztp().request("GET", "/nodes/JPE604");
    EXPECT_EQ(leaking.status, 400);
    EXPECT_FALSE(leaking.body.contains("secret-7c1d")) << leaking.body.constData();
    EXPECT_TRUE(s_server->log().contains(QStringLiteral("secret-7c1d")));
}

// The listener is open to the whole provisioning network, without credentials: a body of node
// facts is capped (64 KiB) and refused before it is read, however many arrive at once.
TEST_F(ZtpApiTest, OversizedFactsAreRefusedBeforeTheyAreRead)
{
    ASSERT_TRUE(s_server->resetPeakResident());
    constexpr qint64 bodyBytes = 3 * 1024 * 1024;
    const QByteArray head = "POST /nodes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            "Content-Length: " +
                            QByteArray::number(bodyBytes) + "\r\n\r\n";
    std::vector<int> statuses(16, 0);
    std::vector<std::thread> senders;
    for (size_t i = 0; i < statuses.size(); ++i)
        senders.emplace_back(
            [&statuses, &head, i] { statuses[i] = sendLarge(s_ztpPort, head, bodyBytes); });
    for (std::thread &sender : senders)
        sender.join();
    for (const int status : statuses)
        EXPECT_EQ(status, 413);
    // The same body sent in chunks, with no length announced.
    EXPECT_EQ(sendLarge(s_ztpPort,
                        "POST /nodes HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                        "300000\r\n",
                        bodyBytes),
              413);
    const qint64 peakKiB = s_server->peakResidentKiB();
    EXPECT_GT(peakKiB, 0);
    if (!UnderSanitizers) {
        EXPECT_LT(peakKiB, 100 * 1024) << "peak RSS " << peakKiB << " KiB";
    }

    // Just under the cap, nested as deep as it goes: refused as what it is, at once.
    const QByteArray nested = R"({"serialnumber": "JPE800", "neighbors": )" +
                              QByteArray(30 * 1024, '[') + QByteArray(30 * 1024, ']') + "}";
    const HttpReply deep = post(nested);
    EXPECT_EQ(deep.status, 400);
    // A startup-config may be larger than node facts ([ztp] max_config_bytes).
    ASSERT_EQ(post(facts("JPE801", "spine1")).status, 201);
    const QByteArray config = "hostname leaf\n" + QByteArray(200 * 1024, '!') + "\nend\n";
    EXPECT_EQ(ztp()
                  .request("PUT", "/nodes/JPE801/startup-config", config,
                           {{"Content-Type", "text/plain"}})
                  .status,
              201);
    EXPECT_EQ(readFile(s_root + QStringLiteral("/nodes/JPE801/startup-config")), config);
    EXPECT_EQ(ztp().request("GET", "/bootstrap/config").status, 200);
    nodeRecord("JPE801", QStringLiteral("configured"));
}

// A switch registers once per boot; one address that keeps posting is a script, and is held to
// [ztp] registrations_per_minute (60) while other switches go on.
TEST_F(ZtpApiTest, RegistrationsFromOneAddressAreRateLimited)
{
    const QHostAddress flooder(QStringLiteral("127.0.0.77"));
    const auto postFrom = [&flooder](const QByteArray &body) {
        return sendLarge(s_ztpPort,
                         "POST /nodes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         "Connection: close\r\nContent-Length: " +
                             QByteArray::number(body.size()) + "\r\n\r\n" + body,
                         0, flooder);
    };
    int accepted = 0;
    for (int i = 0; i < 60; ++i)
        accepted += postFrom(facts("FLOOD" + QByteArray::number(i), "nobody")) == 400;
    EXPECT_EQ(accepted, 60) << "unmatched nodes are answered 400 until the limit";
    EXPECT_EQ(postFrom(facts("FLOOD60", "nobody")), 429);
    EXPECT_EQ(post(facts("NOTFLOOD", "nobody")).status, 400) << "other addresses go on";
}

// A switch has no credentials: only a node that matched a pattern reaches the inventory, and
// then only its own device. It never adds ports to, or takes ports of, devices it does not own.
TEST_F(ZtpApiTest, UnauthenticatedSwitchesOnlyChangeTheirOwnDevice)
{
    // Nothing matches: listed, not added.
    ASSERT_EQ(post(facts("JPE900", "nobody")).status, 400);
    // A static startup-config: kept and served, not added.
    ASSERT_EQ(post(R"({"serialnumber": "JPE901", "config": "hostname static\n"})").status, 201);
    EXPECT_EQ(ztp().request("GET", "/nodes/JPE901/startup-config").body,
              QByteArray("hostname static\n"));

    // A matching switch naming a known spine's port the inventory does not have.
    const HttpReply spine =
        admin("POST", "/api/devices/", R"({"hostname": "spine9", "site_id": 1})");
    ASSERT_EQ(spine.status, 201) << spine.body.constData();
    const QByteArray spineId = QByteArray::number(spine.json()[QStringLiteral("id")].toInteger());
    ASSERT_EQ(post(facts("JPE902", "spine9")).status, 201);
    // Records are written in the order asked: once JPE902 has its device, the others are in.
    const QJsonObject record = nodeRecord("JPE902", QStringLiteral("registered"));
    ASSERT_FALSE(record[QStringLiteral("device_id")].isNull());
    EXPECT_TRUE(admin("GET", "/api/interfaces/?device=" + spineId).json().toArray().isEmpty());
    for (const QByteArray &other : {QByteArray("JPE900"), QByteArray("JPE901")}) {
        const QJsonValue listed = admin("GET", "/api/ztp/nodes/" + other + "/").json();
        EXPECT_FALSE(listed[QStringLiteral("status")].toString().isEmpty()) << other.constData();
        EXPECT_TRUE(listed[QStringLiteral("device_id")].isNull()) << other.constData();
    }
    const QByteArray devices = admin("GET", "/api/devices/").body;
    EXPECT_TRUE(devices.contains("\"JPE902\""));
    EXPECT_FALSE(devices.contains("\"JPE900\"") || devices.contains("\"JPE901\""));
}

// Two provisioned switches cabled to each other: their devices are both provisioning's own, so
// the LLDP neighbour becomes a circuit.
TEST_F(ZtpApiTest, ACircuitLinksTwoProvisionedSwitches)
{
    ASSERT_EQ(post(facts("JPE960", "spine77")).status, 201);
    nodeRecord("JPE960", QStringLiteral("registered"));
    ASSERT_EQ(post(R"({"serialnumber": "JPE961", "model": "DCS-7050SX", "neighbors": {
        "Ethernet1": [{"device": "spine78", "port": "Ethernet1"}],
        "Ethernet2": [{"device": "JPE960", "port": "Ethernet1"}]}})")
                  .status,
              201);
    nodeRecord("JPE961", QStringLiteral("registered"));
    QStringList links;
    for (const QJsonValue circuit : admin("GET", "/api/circuits/").json().toArray())
        links << circuit[QStringLiteral("endpoint_a")].toString() + QLatin1Char('-') +
                     circuit[QStringLiteral("endpoint_z")].toString();
    EXPECT_TRUE(links.contains(QStringLiteral("JPE961:Ethernet2-JPE960:Ethernet1")))
        << qPrintable(links.join(QLatin1Char(' ')));
}

} // namespace
