// eNMS's migration projects as administrators use them: a database holding every type exported
// with a passphrase, the folder copied to a new server on an empty PostgreSQL database and
// imported there, and the two exports compared by an independent YAML reader (python3-yaml),
// the re-sealed secrets opened by another libsodium binding (python3-nacl). Then the broken
// projects people hand over: nothing of them is imported.
#include "EnmsScript.h"
#include "PostgresCluster.h"
#include "ServerProcess.h"
#include "TestBackend.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

using namespace Cairn::Test;

class EnmsMigrationApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite() { startServer(); }

    static QString quoted(const QString &text)
    {
        return QString::fromUtf8(QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact))
            .mid(1)
            .chopped(1);
    }

    static EnmsScript run(const QString &script, const QString &other = {})
    {
        return {runPython(EnmsScript::Prelude +
                          QStringLiteral("import os, shutil, yaml\nfolder = %1\nother = %2\n")
                              .arg(quoted(s_dir->filePath(QStringLiteral("migrations"))),
                                   other.isEmpty() ? QStringLiteral("None") : other) +
                          script)};
    }
};

namespace {

// What both tests seed: every type of a project, with secrets in a credential set and a REST
// call, a workflow with edges, an interface with a parent and networks in every state.
const QString Seed = QStringLiteral(R"PY(
nsot("POST", "/sites/", json={"name": "Lab", "description": "second site"})
nsot("POST", "/sites/1/attributes/", json={"name": "rack", "resource_name": "Device"})
nsot("POST", "/sites/1/attributes/", json={"name": "role", "resource_name": "Network",
                                           "constraints": {"valid_values": ["core", "edge"]}})
nsot("POST", "/sites/1/attributes/", json={"name": "tags", "resource_name": "Interface",
                                           "multi": True})
call("POST", "/instance/device", admin, json=[
    {"name": "mig-r1", "ip_address": "192.0.2.1", "vendor": "Cisco", "rack": "b7",
     "configuration": "hostname mig-r1\ninterface Gi0/1\n description uplink: 10G\n!\n",
     "latitude": 48.85, "port": 830},
    {"name": "mig-r2", "ip_address": "192.0.2.2", "description": "true", "model": "123",
     "operational_data": "  leading blanks\ttab \n"}])
nsot("POST", "/sites/1/networks/", json={"cidr": "10.0.0.0/8", "attributes": {"role": "core"}})
nsot("POST", "/sites/1/networks/", json={"cidr": "10.1.0.0/16", "state": "reserved"})
nsot("POST", "/sites/1/networks/", json={"cidr": "2001:db8::/32"})
nsot("POST", "/sites/1/interfaces/", json={"device": "mig-r1", "name": "eth0",
                                           "addresses": ["10.1.0.1/32"], "speed": 10000,
                                           "attributes": {"tags": ["a", "b"]},
                                           "mac_address": "00:11:22:33:44:55"})
nsot("POST", "/sites/1/interfaces/", json={"device": "mig-r1", "name": "eth0.10",
                                           "parent_id": "mig-r1:eth0"})
nsot("POST", "/sites/1/interfaces/", json={"device": "mig-r2", "name": "eth1"})
nsot("POST", "/sites/1/attributes/", json={"name": "provider", "resource_name": "Circuit"})
nsot("POST", "/sites/1/attributes/", json={"name": "asn", "resource_name": "Protocol"})
nsot("POST", "/sites/1/circuits/", json={"name": "mig-c1", "endpoint_a": "mig-r1:eth0",
                                         "endpoint_z": "mig-r2:eth1",
                                         "attributes": {"provider": "acme"}})
nsot("POST", "/sites/1/protocol_types/", json={"name": "bgp", "required_attributes": ["asn"]})
nsot("POST", "/sites/1/protocols/", json={"type": "bgp", "device": "mig-r1",
                                          "interface": "mig-r1:eth0", "circuit": "mig-c1",
                                          "auth_string": "bgp-secret-4",
                                          "attributes": {"asn": "65001"}})
nsot("POST", "/sites/1/protocols/", json={"type": "bgp", "device": "mig-r2",
                                          "attributes": {"asn": "65002"}})
# A hostname that reads as a number is that device's name, never an id (imported first, "2"
# is device 1 on the new server, and its device 2 is another).
call("POST", "/instance/device", admin, json=[{"name": "2", "ip_address": "192.0.2.9"}])
named_two = nsot("GET", "/sites/1/devices/?hostname=2")[1][0]["id"]
nsot("POST", "/sites/1/protocols/", json={"type": "bgp", "device": named_two,
                                          "attributes": {"asn": "65009"}})
team = requests.post(base + "/api/groups/", headers={"Authorization": "Token " + admin},
                     json={"name": "mig-team"}).json()
requests.post(base + "/rest/group/%d" % team["id"], headers={"Authorization": "Token " + admin},
              params={"action": "add_user", "user": "alice"})
call("POST", "/instance/link", admin, json=[{"name": "mig-l1", "source_name": "mig-r1",
                                             "destination_name": "mig-r2", "color": "#ff0000"}])
call("POST", "/instance/pool", admin, json=[
    {"name": "mig-cisco", "device_vendor": "Cisco", "device_vendor_match": "equality"},
    {"name": "mig-manual", "manually_defined": True, "devices": ["mig-r2"], "links": ["mig-l1"]}])
requests.post(base + "/api/plugins/toolkit/commands/", headers={"Authorization": "Token " + admin},
              json={"name": "mig show", "command": "show interface {interface}",
                    "command_type": "show", "platforms": ["cisco_ios"],
                    "variables": [{"name": "interface", "variable_type": "text",
                                   "required": True}]})
token = requests.post(base + "/api/plugins/toolkit/credential-sets/",
                      headers={"Authorization": "Token " + admin},
                      json={"name": "mig-lab", "username": "netops",
                            "password": "cred-secret-1"}).json()
call("POST", "/instance/credential", admin, json=[{"name": "mig-lab", "device_pools": ["mig-cisco"],
                                                   "priority": 5}])
call("POST", "/instance/service", admin, json=[
    {"name": "mig-check", "type": "command_service", "commands": ["show version"],
     "devices": ["mig-r1"], "pools": ["mig-manual"]},
    {"name": "mig-api", "type": "rest_call_service", "rest_url": "https://api.example.com/x",
     "username": "u", "password": "rest-secret-2", "headers": {"X-Key": "header-secret-3"}}])
call("POST", "/instance/workflow", admin, json=[
    {"name": "mig-wf", "services": ["mig-check", "mig-api"],
     "edges": [{"subtype": "success", "source": "Start", "destination": "mig-check"},
               {"subtype": "failure", "source": "mig-check", "destination": "mig-api"},
               {"subtype": "success", "source": "mig-check", "destination": "End"},
               {"subtype": "success", "source": "mig-api", "destination": "End"}]}])
# A workflow that is a step of another is saved after it on import.
call("POST", "/instance/workflow", admin, json=[
    {"name": "mig-outer", "services": ["mig-wf"],
     "edges": [{"subtype": "success", "source": "Start", "destination": "mig-wf"},
               {"subtype": "success", "source": "mig-wf", "destination": "End"}]}])
call("POST", "/instance/task", admin, json=[
    {"name": "mig-nightly", "service": "mig-check", "is_active": True, "frequency": 1,
     "frequency_unit": "days", "pools": ["mig-cisco"]}])
)PY");

} // namespace

TEST_F(EnmsMigrationApiTest,
       AProjectExportedHereImportsIntoAnEmptyPostgresqlDatabaseAndReproducesIt)
{
    // The new server's database: PostgreSQL whatever this run's backend (SQLite to PostgreSQL
    // is the move users make).
    std::unique_ptr<PostgresCluster> cluster;
    QString url = TestBackend::isPostgres() ? TestBackend::freshDatabaseUrl() : QString();
    if (url.isEmpty()) {
        cluster = std::make_unique<PostgresCluster>();
        QString error;
        ASSERT_TRUE(cluster->start(&error)) << qPrintable(error);
        url = cluster->urlFor(cluster->createDatabase());
    }
    QTemporaryDir otherDir;
    ServerProcess other(otherDir.path(), url);
    const QByteArray otherToken =
        other.addUserWithToken(QStringLiteral("admin"), QStringLiteral("admin-password"), true);
    ASSERT_FALSE(otherToken.isEmpty());
    ASSERT_TRUE(other.start()) << qPrintable(other.log());

    const EnmsScript seen =
        run(Seed + QStringLiteral(R"PY(
import base64, nacl.pwhash, nacl.secret
seen["seed_token"] = [200, token.get("credential_token", "")]
passphrase = "a long enough passphrase"
seen["export"] = call("POST", "/migrate/export", admin, json={
    "name": "full", "export_private_properties": True, "passphrase": passphrase})
other_base, other_token, other_folder = other
def on_other(method, path, **kwargs):
    reply = requests.request(method, other_base + "/rest" + path, timeout=120,
                             headers={"Authorization": "Token " + other_token}, **kwargs)
    return [reply.status_code, reply.json()]
os.makedirs(other_folder, exist_ok=True)
shutil.copytree(os.path.join(folder, "full"), os.path.join(other_folder, "full"))
seen["no_passphrase"] = on_other("POST", "/migrate/import", json={"name": "full"})
seen["wrong_passphrase"] = on_other("POST", "/migrate/import",
                                    json={"name": "full", "passphrase": "not the passphrase"})
seen["import"] = on_other("POST", "/migrate/import", json={"name": "full", "passphrase": passphrase})
# Emptying the interfaces alone would quietly detach the protocols on them: refused.
seen["detach"] = on_other("POST", "/migrate/import", json={
    "name": "full", "passphrase": passphrase, "import_export_types": ["interface"],
    "empty_database_before_import": True})
# Imported twice, nothing is made twice.
seen["import_twice"] = on_other("POST", "/migrate/import", json={"name": "full",
                                                                "passphrase": passphrase})
seen["again"] = on_other("POST", "/migrate/export", json={
    "name": "again", "export_private_properties": True, "passphrase": passphrase})

def opened(project):
    meta = yaml.safe_load(open(os.path.join(project, "metadata.yaml")))["secrets"]
    key = nacl.pwhash.argon2id.kdf(32, passphrase.encode(), base64.b64decode(meta["salt"]),
                                   opslimit=meta["opslimit"], memlimit=meta["memlimit"])
    return nacl.secret.SecretBox(key)
def project(path):
    box, files, secrets, text = opened(path), {}, {}, ""
    for name in sorted(os.listdir(path)):
        text += open(os.path.join(path, name)).read()
        if name == "metadata.yaml":
            continue
        objects = yaml.safe_load(open(os.path.join(path, name)))
        for o in objects:
            if "sealed_secrets" in o:
                sealed = json.loads(box.decrypt(base64.b64decode(o.pop("sealed_secrets"))))
                secrets[o.get("name") or o.get("username") or o.get("device")] = sealed["secrets"]
        files[name] = objects
    return files, secrets, text
first, first_secrets, first_text = project(os.path.join(folder, "full"))
second, second_secrets, _ = project(os.path.join(other_folder, "again"))
seen["files"] = [200, sorted(first)]
# The users both servers had before (their administrators) stay each server's own.
def others(objects):
    return [o for o in objects if o.get("username") != "admin"]
seen["same"] = [200, sorted(first) == sorted(second) and
                all(others(first[n]) == others(second[n]) for n in first)]
seen["diff"] = [200, [n for n in first if others(first[n]) != others(second.get(n, []))]]
seen["secrets"] = [200, second_secrets]
seen["same_secrets"] = [200, {k: v for k, v in first_secrets.items() if k != "admin"} ==
                             {k: v for k, v in second_secrets.items() if k != "admin"}]
# alice signs in on the new server with her password, and her secret key came along.
def me(server, **kwargs):
    return requests.get(server + "/api/users/0/?with_secret_key=true", timeout=10, **kwargs)
seen["alice_here"] = [200, me(base, auth=("alice", "alice-password")).json()]
reply = me(other_base, auth=("alice", "alice-password"))
seen["alice_there"] = [reply.status_code, reply.json()]
groups = requests.get(other_base + "/api/groups/", timeout=10,
                      headers={"Authorization": "Token " + other_token}).json()
groups = groups.get("results", groups) if isinstance(groups, dict) else groups
team_id = [g["id"] for g in groups if g["name"] == "mig-team"][0]
reply = requests.get(other_base + "/rest/group/%d" % team_id, timeout=10,
                     headers={"Authorization": "Token " + other_token})
seen["team"] = [reply.status_code, reply.json()]
seen["clear"] = [200, [s for s in ["cred-secret-1", "rest-secret-2", "header-secret-3",
                                   "bgp-secret-4", "$argon2id$"] if s in first_text]]
seen["first"] = [200, first]
seen["interface"] = on_other("GET", "/instance/device/mig-r1")
reply = requests.get(other_base + "/api/sites/1/protocols/?device=mig-r1", timeout=10,
                     headers={"Authorization": "Token " + other_token})
seen["protocols"] = [reply.status_code, reply.json()]
# Secrets are sealed for their object: pointing the REST call elsewhere in the file (without
# the passphrase) does not send its password there.
tampered = os.path.join(other_folder, "tampered")
shutil.copytree(os.path.join(folder, "full"), tampered)
with open(os.path.join(tampered, "service.yaml")) as f:
    text = f.read().replace("https://api.example.com/x", "https://evil.example.net/x")
with open(os.path.join(tampered, "service.yaml"), "w") as f:
    f.write(text)
seen["tampered"] = on_other("POST", "/migrate/import", json={"name": "tampered",
                                                            "passphrase": passphrase})
# Nor does a user made superuser in the file become one: the entry's seal covers its flags.
promoted = os.path.join(other_folder, "promoted")
shutil.copytree(os.path.join(folder, "full"), promoted)
users = yaml.safe_load(open(os.path.join(promoted, "user.yaml")))
for u in users:
    if u["username"] == "alice":
        u["is_superuser"] = True
with open(os.path.join(promoted, "user.yaml"), "w") as f:
    yaml.safe_dump(users, f)
seen["promoted"] = on_other("POST", "/migrate/import", json={"name": "promoted",
                                                            "passphrase": passphrase})
print(json.dumps(seen))
)PY"),
            QStringLiteral("[%1, %2, %3]")
                .arg(quoted(QStringLiteral("http://127.0.0.1:%1").arg(other.port())),
                     quoted(QString::fromLatin1(otherToken)),
                     quoted(QDir(otherDir.path()).filePath(QStringLiteral("migrations")))));
    ASSERT_EQ(seen.status("export"), 200) << QJsonDocument(seen.noted).toJson().constData();
    EXPECT_EQ(seen.body("files").toVariant().toStringList(),
              QStringList({QStringLiteral("attribute.yaml"), QStringLiteral("circuit.yaml"),
                           QStringLiteral("command.yaml"), QStringLiteral("credential.yaml"),
                           QStringLiteral("device.yaml"), QStringLiteral("group.yaml"),
                           QStringLiteral("interface.yaml"), QStringLiteral("link.yaml"),
                           QStringLiteral("network.yaml"), QStringLiteral("pool.yaml"),
                           QStringLiteral("protocol.yaml"), QStringLiteral("protocol_type.yaml"),
                           QStringLiteral("service.yaml"), QStringLiteral("site.yaml"),
                           QStringLiteral("task.yaml"), QStringLiteral("user.yaml")}));
    // A project with secrets needs its passphrase, the right one, before anything changes.
    EXPECT_EQ(seen.status("no_passphrase"), 400);
    EXPECT_TRUE(seen.body("no_passphrase")[QLatin1String("alert")].toString().contains(
        QLatin1String("passphrase")));
    EXPECT_EQ(seen.status("wrong_passphrase"), 400);
    ASSERT_EQ(seen.status("import"), 200) << QJsonDocument(seen.noted).toJson().constData();
    EXPECT_EQ(seen.status("detach"), 409);
    EXPECT_TRUE(seen.body("detach")[QLatin1String("alert")].toString().contains(
        QLatin1String("protocols run on them")))
        << QJsonDocument(seen.noted).toJson().constData();
    ASSERT_EQ(seen.status("import_twice"), 200) << QJsonDocument(seen.noted).toJson().constData();
    ASSERT_EQ(seen.status("again"), 200);
    EXPECT_TRUE(seen.body("same").toBool())
        << "differing files: " << QJsonDocument(seen.body("diff").toArray()).toJson().constData()
        << QJsonDocument(seen.body("first").toObject()).toJson().constData();
    // The secrets came back as they were, sealed under the passphrase, never in clear.
    EXPECT_TRUE(seen.body("same_secrets").toBool());
    const QJsonObject secrets = seen.body("secrets").toObject();
    EXPECT_EQ(secrets[QLatin1String("mig-lab")][QLatin1String("password")].toString(),
              QStringLiteral("cred-secret-1"));
    EXPECT_EQ(secrets[QLatin1String("mig-api")][QLatin1String("password")].toString(),
              QStringLiteral("rest-secret-2"));
    EXPECT_EQ(secrets[QLatin1String("mig-api")][QLatin1String("headers")][QLatin1String("X-Key")]
                  .toString(),
              QStringLiteral("header-secret-3"));
    EXPECT_EQ(secrets[QLatin1String("mig-r1")][QLatin1String("auth_string")].toString(),
              QStringLiteral("bgp-secret-4"));
    EXPECT_FALSE(secrets.contains(QLatin1String("mig-r2"))); // it has no secret to seal
    EXPECT_EQ(seen.body("clear").toArray(), QJsonArray());
    // Accounts came across: alice signs in there with her password; her group has her as a
    // member.
    ASSERT_EQ(seen.status("alice_there"), 200) << QJsonDocument(seen.noted).toJson().constData();
    // Her secret key is not carried: whoever exports would hold everyone's. She has a new one.
    EXPECT_NE(seen.body("alice_there")[QLatin1String("secret_key")].toString(),
              seen.body("alice_here")[QLatin1String("secret_key")].toString());
    EXPECT_EQ(seen.body("alice_there")[QLatin1String("email")].toString(),
              QStringLiteral("alice@example.com"));
    EXPECT_FALSE(seen.body("alice_there")[QLatin1String("is_superuser")].toBool());
    ASSERT_EQ(seen.status("team"), 200) << QJsonDocument(seen.noted).toJson().constData();
    EXPECT_EQ(seen.body("team")[QLatin1String("group")][QLatin1String("members")].toArray(),
              QJsonArray({QStringLiteral("alice")}));
    // What the files hold is what was seeded: the parent, the states, the graph, the texts.
    const QJsonObject first = seen.body("first").toObject();
    const QJsonArray interfaces = first[QLatin1String("interface.yaml")].toArray();
    ASSERT_EQ(interfaces.size(), 3);
    EXPECT_EQ(interfaces.at(1)[QLatin1String("parent")].toString(), QStringLiteral("eth0"));
    QStringList states;
    for (const QJsonValue network : first[QLatin1String("network.yaml")].toArray())
        states << network[QLatin1String("cidr")].toString() + QLatin1Char(' ') +
                      network[QLatin1String("state")].toString();
    EXPECT_EQ(states, QStringList({QStringLiteral("10.0.0.0/8 allocated"),
                                   QStringLiteral("10.1.0.0/16 reserved"),
                                   QStringLiteral("10.1.0.1/32 assigned"),
                                   QStringLiteral("2001:db8::/32 allocated")}));
    bool sawEdges = false;
    for (const QJsonValue service : first[QLatin1String("service.yaml")].toArray()) {
        if (service[QLatin1String("name")] == QStringLiteral("mig-wf"))
            sawEdges = service[QLatin1String("edges")].toArray().size() == 4;
    }
    EXPECT_TRUE(sawEdges);
    // The circuit between the two routers and the protocols on them, by name, came across.
    const QJsonArray circuits = first[QLatin1String("circuit.yaml")].toArray();
    ASSERT_EQ(circuits.size(), 1);
    EXPECT_EQ(circuits.at(0)[QLatin1String("endpoint_z")].toString(),
              QStringLiteral("mig-r2:eth1"));
    EXPECT_EQ(first[QLatin1String("protocol_type.yaml")].toArray().at(
                  0)[QLatin1String("required_attributes")],
              QJsonArray({QStringLiteral("asn")}));
    const QJsonArray moved = seen.body("protocols").toArray();
    ASSERT_EQ(moved.size(), 1) << QJsonDocument(seen.noted).toJson().constData();
    EXPECT_EQ(moved.at(0)[QLatin1String("circuit")].toString(), QStringLiteral("mig-c1"));
    EXPECT_EQ(moved.at(0)[QLatin1String("interface")].toString(), QStringLiteral("mig-r1:eth0"));
    EXPECT_EQ(moved.at(0)[QLatin1String("auth_string")].toString(), QStringLiteral("bgp-secret-4"));
    EXPECT_EQ(moved.at(0)[QLatin1String("attributes")][QLatin1String("asn")].toString(),
              QStringLiteral("65001"));
    const QJsonObject device = seen.body("interface").toObject();
    EXPECT_EQ(device[QLatin1String("configuration")].toString(),
              QStringLiteral("hostname mig-r1\ninterface Gi0/1\n description uplink: 10G\n!\n"));
    EXPECT_EQ(device[QLatin1String("rack")].toString(), QStringLiteral("b7"));
    ASSERT_EQ(seen.status("tampered"), 400);
    const QJsonArray tampered = seen.body("tampered")[QLatin1String("failures")].toArray();
    ASSERT_EQ(tampered.size(), 1);
    EXPECT_EQ(tampered.at(0)[QLatin1String("name")].toString(), QStringLiteral("mig-api"));
    EXPECT_TRUE(tampered.at(0)[QLatin1String("error")].toString().contains(
        QLatin1String("sealed for another object")));
    ASSERT_EQ(seen.status("promoted"), 400);
    const QJsonArray promoted = seen.body("promoted")[QLatin1String("failures")].toArray();
    ASSERT_EQ(promoted.size(), 1) << QJsonDocument(seen.noted).toJson().constData();
    EXPECT_EQ(promoted.at(0)[QLatin1String("name")].toString(), QStringLiteral("alice"));
    EXPECT_EQ(other.stop(), 0);
}

TEST_F(EnmsMigrationApiTest, ABrokenProjectImportsNothingAndSaysWhereItIsBroken)
{
    const EnmsScript seen = run(QStringLiteral(R"PY(
call("POST", "/instance/device", admin, json=[{"name": "keep-r1", "vendor": "Arista"}])
seen["export"] = call("POST", "/migrate/export", admin, json={
    "name": "base", "import_export_types": ["site", "device", "link"]})
project = os.path.join(folder, "base")
def copy(name, edit):
    target = os.path.join(folder, name)
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(project, target)
    edit(target)
def append(target, file, text):
    with open(os.path.join(target, file), "a") as f:
        f.write(text)
def devices():
    return sorted(d["name"] for d in call("GET", "/query/device", admin)[1])
before = devices()
# A new device in device.yaml and a link.yaml that does not parse: nothing changes.
copy("unparsable", lambda t: (append(t, "device.yaml", "- name: new-r9\n  site: Default\n"),
                              append(t, "link.yaml", "- name: [unclosed\n")))
seen["unparsable"] = call("POST", "/migrate/import", admin, json={"name": "unparsable"})
# An alias could stand for anything written before it, however often: refused.
copy("aliased", lambda t: open(os.path.join(t, "device.yaml"), "w").write(
    "- &r name: new-r9\n  site: Default\n- name: new-r10\n  site: *r\n"))
seen["aliased"] = call("POST", "/migrate/import", admin, json={"name": "aliased"})
# A link to a device nobody has, and a new device before it: nothing is imported.
copy("refused", lambda t: (append(t, "device.yaml", "- name: new-r9\n  site: Default\n"),
                           open(os.path.join(t, "link.yaml"), "w").write(
                               "- name: dangling\n  source_name: keep-r1\n"
                               "  destination_name: nowhere\n")))
seen["refused"] = call("POST", "/migrate/import", admin, json={"name": "refused"})
seen["after"] = [200, devices() == before]
seen["unknown_type"] = call("POST", "/migrate/import", admin,
                            json={"name": "base", "import_export_types": ["device", "bogus"]})
seen["missing"] = call("POST", "/migrate/import", admin, json={"name": "never-exported"})
seen["escape"] = call("POST", "/migrate/export", admin, json={"name": "../outside"})
seen["no_passphrase"] = call("POST", "/migrate/export", admin,
                             json={"name": "x", "export_private_properties": True})
seen["short_passphrase"] = call("POST", "/migrate/export", admin,
                                json={"name": "x", "export_private_properties": True,
                                      "passphrase": "short"})
seen["flag_type"] = call("POST", "/migrate/import", admin,
                         json={"name": "base", "empty_database_before_import": "yes"})
seen["alice_export"] = call("POST", "/migrate/export", ("alice", "alice-password"),
                            json={"name": "alice"})
seen["alice_import"] = call("POST", "/migrate/import", ("alice", "alice-password"),
                            json={"name": "base"})
# Without a passphrase credential sets stay behind, and so do a REST call's headers.
seen["plain"] = call("POST", "/migrate/export", admin, json={"name": "plain"})
# Emptying first: a device the project does not hold is gone, those it holds are back. (A
# circuit left by the first test would hold its interfaces, and with them the devices.)
nsot("DELETE", "/sites/1/circuits/mig-c1/")
call("POST", "/instance/device", admin, json=[{"name": "extra-r2"}])
seen["emptied"] = call("POST", "/migrate/import", admin, json={
    "name": "base", "import_export_types": ["device", "link"],
    "empty_database_before_import": True})
seen["after_empty"] = [200, devices()]
# A type the project left out (credential sets, exported without a passphrase) keeps what is
# there, even when the database is emptied first.
requests.post(base + "/api/plugins/toolkit/credential-sets/", headers={"Authorization": "Token " + admin},
              json={"name": "kept-set", "username": "netops", "password": "kept-secret"})
seen["plain_import"] = call("POST", "/migrate/import", admin,
                            json={"name": "plain", "empty_database_before_import": True,
                                  "import_export_types": ["link", "credential"]})
seen["kept_set"] = call("GET", "/instance/credential/kept-set", admin)
seen["leftovers"] = [200, sorted(os.listdir(folder))]
print(json.dumps(seen))
)PY"));
    ASSERT_EQ(seen.status("export"), 200) << QJsonDocument(seen.noted).toJson().constData();
    EXPECT_EQ(seen.status("unparsable"), 400);
    EXPECT_TRUE(seen.body("unparsable")[QLatin1String("alert")].toString().contains(
        QLatin1String("link.yaml, line")))
        << QJsonDocument(seen.noted).toJson().constData();
    EXPECT_EQ(seen.status("aliased"), 400);
    EXPECT_TRUE(
        seen.body("aliased")[QLatin1String("alert")].toString().contains(QLatin1String("anchors")));
    ASSERT_EQ(seen.status("refused"), 400);
    const QJsonArray failures = seen.body("refused")[QLatin1String("failures")].toArray();
    ASSERT_EQ(failures.size(), 1);
    EXPECT_EQ(failures.at(0)[QLatin1String("file")].toString(), QStringLiteral("link.yaml"));
    EXPECT_EQ(failures.at(0)[QLatin1String("line")].toInt(), 1);
    EXPECT_EQ(failures.at(0)[QLatin1String("name")].toString(), QStringLiteral("dangling"));
    EXPECT_TRUE(seen.body("after").toBool());
    EXPECT_EQ(seen.status("unknown_type"), 400);
    EXPECT_TRUE(seen.body("unknown_type")[QLatin1String("alert")].toString().contains(
        QLatin1String("bogus")));
    EXPECT_EQ(seen.status("missing"), 404);
    EXPECT_EQ(seen.status("escape"), 400);
    EXPECT_EQ(seen.status("no_passphrase"), 400);
    EXPECT_EQ(seen.status("short_passphrase"), 400);
    EXPECT_EQ(seen.status("flag_type"), 400);
    EXPECT_EQ(seen.status("alice_export"), 403);
    EXPECT_EQ(seen.status("alice_import"), 403);
    ASSERT_EQ(seen.status("plain"), 200);
    EXPECT_FALSE(seen.body("plain")[QLatin1String("counts")].toObject().contains(
        QLatin1String("credential")));
    // Credential sets stay behind, and protocols' shared secrets: the report says so.
    const QJsonArray leftOut = seen.body("plain")[QLatin1String("left_out")].toArray();
    ASSERT_EQ(leftOut.size(), 3);
    EXPECT_TRUE(leftOut.at(1).toString().startsWith(QLatin1String("user: passwords, emails")));
    EXPECT_TRUE(leftOut.at(2).toString().startsWith(QLatin1String("protocol: each auth_string")));
    ASSERT_EQ(seen.status("emptied"), 200) << QJsonDocument(seen.noted).toJson().constData();
    EXPECT_FALSE(
        seen.body("after_empty").toVariant().toStringList().contains(QStringLiteral("extra-r2")));
    EXPECT_TRUE(
        seen.body("after_empty").toVariant().toStringList().contains(QStringLiteral("keep-r1")));
    EXPECT_EQ(seen.status("plain_import"), 200) << QJsonDocument(seen.noted).toJson().constData();
    EXPECT_EQ(seen.status("kept_set"), 200);
    // No work folder is left behind by the exports.
    for (const QJsonValue name : seen.body("leftovers").toArray())
        EXPECT_FALSE(name.toString().startsWith(QLatin1Char('.'))) << qPrintable(name.toString());
}

TEST_F(EnmsMigrationApiTest, TheCommandLineExportsAndImportsProjectsAndSpreadsheets)
{
    const CliResult exported = s_server->cli(
        {QStringLiteral("migrate"), QStringLiteral("export"), QStringLiteral("from-cli"),
         QStringLiteral("--private"), QStringLiteral("--passphrase-stdin")},
        "a passphrase long enough\n");
    ASSERT_EQ(exported.exitCode, 0) << exported.err.constData();
    EXPECT_TRUE(exported.out.contains("Exported migrations/from-cli"));
    EXPECT_TRUE(
        QFileInfo::exists(s_dir->filePath(QStringLiteral("migrations/from-cli/metadata.yaml"))));
    const CliResult wrong =
        s_server->cli({QStringLiteral("migrate"), QStringLiteral("import"),
                       QStringLiteral("from-cli"), QStringLiteral("--passphrase-stdin")},
                      "not the passphrase\n");
    EXPECT_NE(wrong.exitCode, 0);
    EXPECT_TRUE(wrong.err.contains("not the passphrase the secrets were sealed with"));
    const CliResult imported = s_server->cli(
        {QStringLiteral("migrate"), QStringLiteral("import"), QStringLiteral("from-cli"),
         QStringLiteral("--passphrase-stdin"), QStringLiteral("--as"), QStringLiteral("admin")},
        "a passphrase long enough\n");
    EXPECT_EQ(imported.exitCode, 0) << imported.err.constData();
    // Only a superuser acts for the command line.
    const CliResult alice = s_server->cli({QStringLiteral("migrate"), QStringLiteral("export"),
                                           QStringLiteral("as-alice"), QStringLiteral("--as"),
                                           QStringLiteral("alice")});
    EXPECT_NE(alice.exitCode, 0);

    const QString sheet = s_dir->filePath(QStringLiteral("from-cli.xlsx"));
    const CliResult written =
        s_server->cli({QStringLiteral("topology"), QStringLiteral("export"), sheet});
    ASSERT_EQ(written.exitCode, 0) << written.err.constData();
    const CliResult read =
        s_server->cli({QStringLiteral("topology"), QStringLiteral("import"), sheet});
    EXPECT_EQ(read.exitCode, 0) << read.err.constData();
    EXPECT_TRUE(read.out.contains("0 rows refused")) << read.out.constData();
    // A script reading the output gets the report alone; a person at a terminal sees a bar
    // fill up first, erased before the report.
    EXPECT_FALSE(read.err.contains("%")) << read.err.constData();
    const CliResult shown =
        s_server->cliOnTerminal({QStringLiteral("topology"), QStringLiteral("import"), sheet});
    EXPECT_EQ(shown.exitCode, 0) << shown.out.constData();
    EXPECT_TRUE(shown.out.contains("Importing [##############################] 100%\r\033[K"))
        << shown.out.constData();
    EXPECT_TRUE(shown.out.contains("0 rows refused")) << shown.out.constData();
}
