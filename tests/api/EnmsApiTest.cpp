// eNMS's object API as its users' scripts call it: python3-requests, HTTP Basic or a token,
// percent-encoded names in the path, and the same devices NSoT serves.
#include "EnmsScript.h"

#include <QJsonArray>

using namespace Cairn::Test;

class EnmsApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite() { startServer(); }

    using Seen = EnmsScript;
    static Seen run(const QString &script) { return {runPython(EnmsScript::Prelude + script)}; }
};

TEST_F(EnmsApiTest, DevicesAreTheInventorysAndSavedByName)
{
    const Seen seen = run(QStringLiteral(R"(
seen["no_site"] = call("POST", "/instance/device", admin, json={"name": "r0"})
seen["r0"] = call("GET", "/instance/device/r0", admin)
lab = nsot("POST", "/sites/", json={"name": "lab"})[1]["id"]
nsot("POST", "/sites/%d/attributes/" % lab, json={"name": "role", "resource_name": "Device"})
seen["save"] = call("POST", "/instance/device", admin, json=[
    {"name": "r1", "ip_address": "192.0.2.1", "driver": "cisco_ios", "vendor": "Cisco",
     "role": "edge", "site": "lab"},
    {"name": "core-router", "vendor": "Arista", "port": 830},
    {"vendor": "nameless"},
    {"name": "r3", "colour": "red"},
    {"name": "r4", "site": "nowhere"}])
seen["get"] = call("GET", "/instance/device/r1", admin)
seen["encoded"] = call("GET", "/instance/device/core%2Drouter", ("alice", "alice-password"))
seen["nsot"] = nsot("GET", "/devices/", params={"hostname": "r1"})
seen["update"] = call("PUT", "/instance/device", admin,
                      json={"name": "core-router", "new_name": "core-1", "model": "DCS-7280"})
seen["renamed"] = call("GET", "/instance/device/core-1", admin)
seen["query"] = call("GET", "/query/device", admin, params={"vendor": "Cisco"})
seen["query_custom"] = call("GET", "/query/device", admin, params={"role": "edge", "port": "22"})
seen["query_bad"] = call("GET", "/query/device", admin, params={"colour": "red"})
seen["config"] = call("GET", "/configuration/r1", admin)
seen["config_bad"] = call("GET", "/configuration/r1/secrets", admin)
seen["alice_save"] = call("POST", "/instance/device", ("alice", "alice-password"),
                          json={"name": "r9"})
seen["wrong_password"] = call("GET", "/instance/device/r1", ("alice", "nope"))
seen["link"] = call("GET", "/instance/link/l1", admin)
seen["delete"] = call("DELETE", "/instance/device/r1", admin)
seen["gone"] = call("GET", "/instance/device/r1", admin)
print(json.dumps(seen))
)"));
    // eNMS has no sites: a device naming none goes to Default.
    EXPECT_EQ(seen.body("no_site")[QStringLiteral("success")], QJsonArray{QStringLiteral("r0")});
    EXPECT_EQ(seen.body("r0")[QStringLiteral("site")], QStringLiteral("Default"));
    // Each object is saved or refused on its own, with the reason.
    EXPECT_EQ(seen.body("save")[QStringLiteral("success")],
              (QJsonArray{QStringLiteral("r1"), QStringLiteral("core-router")}));
    const QJsonArray failure = seen.body("save")[QStringLiteral("failure")].toArray();
    ASSERT_EQ(failure.size(), 3) << QJsonDocument(failure).toJson().constData();
    EXPECT_TRUE(failure[0][1].toString().startsWith(QLatin1String("name: "))) << failure[0][1];
    EXPECT_TRUE(failure[1][1].toString().contains(QLatin1String("colour"))) << failure[1][1];
    EXPECT_EQ(failure[2][1].toString(), QStringLiteral("site: No site nowhere."));
    // Every property, eNMS's names beside the inventory's, custom ones at the top level.
    EXPECT_EQ(seen.status("get"), 200);
    const QJsonValue r1 = seen.body("get");
    EXPECT_EQ(r1[QStringLiteral("name")], QStringLiteral("r1"));
    EXPECT_EQ(r1[QStringLiteral("driver")], QStringLiteral("cisco_ios"));
    EXPECT_EQ(r1[QStringLiteral("platform")], QStringLiteral("cisco_ios"));
    EXPECT_EQ(r1[QStringLiteral("role")], QStringLiteral("edge"));
    EXPECT_EQ(r1[QStringLiteral("site")], QStringLiteral("lab"));
    EXPECT_EQ(r1[QStringLiteral("port")].toInt(), 22);
    // The same row NSoT serves.
    EXPECT_EQ(seen.body("nsot")[0][QStringLiteral("id")], r1[QStringLiteral("id")]);
    EXPECT_EQ(seen.body("nsot")[0][QStringLiteral("ip_address")], QStringLiteral("192.0.2.1"))
        << QJsonDocument(seen.body("nsot").toArray()).toJson().constData();
    EXPECT_EQ(seen.status("encoded"), 200) << "path segments are percent-decoded";
    EXPECT_EQ(seen.body("encoded")[QStringLiteral("port")].toInt(), 830);
    // Updated by name, renamed with new_name, other properties kept.
    EXPECT_EQ(seen.body("update")[QStringLiteral("success")], QJsonArray{QStringLiteral("core-1")});
    EXPECT_EQ(seen.body("renamed")[QStringLiteral("model")], QStringLiteral("DCS-7280"));
    EXPECT_EQ(seen.body("renamed")[QStringLiteral("vendor")], QStringLiteral("Arista"));
    // Queries: every property equal; custom properties too; an unknown one named in a 400.
    ASSERT_EQ(seen.body("query").toArray().size(), 1);
    EXPECT_EQ(seen.body("query")[0][QStringLiteral("name")], QStringLiteral("r1"));
    EXPECT_EQ(seen.body("query_custom").toArray().size(), 1);
    EXPECT_EQ(seen.status("query_bad"), 400);
    EXPECT_TRUE(seen.body("query_bad")[QStringLiteral("alert")].toString().startsWith(
        QLatin1String("Error 400 - ")));
    EXPECT_EQ(seen.status("config"), 200);
    EXPECT_EQ(seen.body("config").toString(), QString()) << "nothing backed up yet";
    EXPECT_EQ(seen.status("config_bad"), 400);
    // Permissions are the inventory's: alice may read, not create.
    EXPECT_EQ(seen.status("alice_save"), 200);
    EXPECT_EQ(seen.body("alice_save")[QStringLiteral("success")], QJsonArray());
    EXPECT_EQ(seen.body("alice_save")[QStringLiteral("failure")].toArray().size(), 1);
    EXPECT_EQ(seen.status("wrong_password"), 401);
    EXPECT_TRUE(seen.body("wrong_password").toObject().contains(QStringLiteral("alert")));
    EXPECT_EQ(seen.status("link"), 404);
    // DELETE answers the device as it was; then it is gone, with eNMS's 404.
    EXPECT_EQ(seen.status("delete"), 200);
    EXPECT_EQ(seen.body("delete")[QStringLiteral("name")], QStringLiteral("r1"));
    EXPECT_EQ(seen.status("gone"), 404);
    EXPECT_EQ(seen.body("gone")[QStringLiteral("alert")],
              QStringLiteral("Error 404 - device r1 not found."));
}

TEST_F(EnmsApiTest, LinksJoinTwoDevicesAndGoWithThem)
{
    const Seen seen = run(QStringLiteral(R"(
call("POST", "/instance/device", admin, json=[{"name": "sw-a"}, {"name": "sw-b"}])
seen["save"] = call("POST", "/instance/link", admin, json=[
    {"name": "a-b", "source_name": "sw-a", "destination_name": "sw-b", "color": "#ff0000"},
    {"name": "half", "source_name": "sw-a"},
    {"name": "ghost", "source_name": "sw-a", "destination_name": "nowhere"},
    {"name": "odd", "source_name": "sw-a", "destination_name": "sw-b", "bandwidth": 10}])
seen["get"] = call("GET", "/instance/link/a-b", admin)
seen["query"] = call("GET", "/query/link", admin, params={"source_name": "sw-a"})
seen["alice"] = call("POST", "/instance/link", ("alice", "alice-password"),
                     json={"name": "mine", "source_name": "sw-a", "destination_name": "sw-b"})
seen["alice_rename"] = call("PUT", "/instance/link", ("alice", "alice-password"),
                            json={"name": "a-b", "new_name": "hers"})
seen["rename"] = call("PUT", "/instance/link", admin, json={"name": "a-b", "new_name": "uplink"})
seen["renamed"] = call("GET", "/instance/link/uplink", admin)
seen["delete_device"] = call("DELETE", "/instance/device/sw-b", admin)
seen["gone"] = call("GET", "/instance/link/uplink", admin)
print(json.dumps(seen))
)"));
    EXPECT_EQ(seen.body("save")[QStringLiteral("success")], QJsonArray{QStringLiteral("a-b")});
    const QJsonArray failure = seen.body("save")[QStringLiteral("failure")].toArray();
    ASSERT_EQ(failure.size(), 3) << QJsonDocument(failure).toJson().constData();
    EXPECT_TRUE(failure[0][1].toString().startsWith(QLatin1String("destination_name: ")));
    EXPECT_EQ(failure[1][1].toString(), QStringLiteral("destination_name: No device nowhere."));
    EXPECT_TRUE(failure[2][1].toString().startsWith(QLatin1String("bandwidth: ")));
    EXPECT_EQ(seen.body("get")[QStringLiteral("source_name")], QStringLiteral("sw-a"));
    EXPECT_EQ(seen.body("get")[QStringLiteral("destination_name")], QStringLiteral("sw-b"));
    EXPECT_EQ(seen.body("get")[QStringLiteral("color")], QStringLiteral("#ff0000"));
    EXPECT_EQ(seen.body("query").toArray().size(), 1);
    // Changing a link is changing the devices' sites: alice may not.
    EXPECT_EQ(seen.body("alice")[QStringLiteral("success")], QJsonArray());
    EXPECT_EQ(seen.body("alice_rename")[QStringLiteral("success")], QJsonArray());
    EXPECT_EQ(seen.body("rename")[QStringLiteral("success")], QJsonArray{QStringLiteral("uplink")});
    EXPECT_EQ(seen.status("renamed"), 200);
    // A device's delete takes its links along.
    EXPECT_EQ(seen.status("delete_device"), 200);
    EXPECT_EQ(seen.status("gone"), 404);
    EXPECT_EQ(seen.body("gone")[QStringLiteral("alert")],
              QStringLiteral("Error 404 - link uplink not found."));
}

// Pools by rules are worked out when read, so a device whose vendor changes is in the right
// pools at once; a hand-picked pool keeps its members until they are deleted.
TEST_F(EnmsApiTest, PoolsHoldWhatTheirRulesMatchAlways)
{
    const Seen seen = run(QStringLiteral(R"(
call("POST", "/instance/device", admin, json=[
    {"name": "pool-e1", "vendor": "Cisco"}, {"name": "pool-e2", "vendor": "Arista"},
    {"name": "pool-c1", "vendor": "Cisco"}])
seen["save"] = call("POST", "/instance/pool", admin, json=[
    {"name": "cisco", "device_vendor": "Cisco", "device_vendor_match": "equality"},
    {"name": "edges", "device_name": "^pool-e", "device_name_match": "regex"},
    {"name": "no-pool", "device_name": "pool-", "device_name_invert": True},
    {"name": "hand", "manually_defined": True, "devices": ["pool-e2"]},
    {"name": "bad-regex", "device_name": "(", "device_name_match": "regex"},
    {"name": "bad-property", "device_colour": "red"},
    {"name": "bad-member", "manually_defined": True, "devices": ["ghost"]}])
seen["cisco"] = call("GET", "/instance/pool/cisco", admin)
seen["edges"] = call("GET", "/instance/pool/edges", admin)
seen["no_pool"] = call("GET", "/instance/pool/no-pool", admin)
call("PUT", "/instance/device", admin, json={"name": "pool-e2", "vendor": "Cisco"})
seen["cisco_after"] = call("GET", "/instance/pool/cisco", admin)
call("PUT", "/instance/pool", admin, json={"name": "cisco ", "device_vendor_invert": True})
seen["not_cisco"] = call("GET", "/instance/pool/cisco", admin)
call("DELETE", "/instance/device/pool-e2", admin)
seen["hand_after"] = call("GET", "/instance/pool/hand", admin)
seen["alice"] = call("POST", "/instance/pool", ("alice", "alice-password"), json={"name": "mine"})
seen["update_all"] = call("POST", "/update_all_pools", admin)
seen["query"] = call("GET", "/query/pool", admin, params={"name": "edges"})
seen["delete"] = call("DELETE", "/instance/pool/cisco", admin)
seen["gone"] = call("GET", "/instance/pool/cisco", admin)
print(json.dumps(seen))
)"));
    const auto members = [&](const char *key) {
        QStringList names;
        for (const QJsonValue name : seen.body(key)[QStringLiteral("devices")].toArray())
            names << name.toString();
        names.sort();
        return names;
    };
    EXPECT_EQ(seen.body("save")[QStringLiteral("success")],
              (QJsonArray{QStringLiteral("cisco"), QStringLiteral("edges"),
                          QStringLiteral("no-pool"), QStringLiteral("hand")}));
    const QJsonArray failure = seen.body("save")[QStringLiteral("failure")].toArray();
    ASSERT_EQ(failure.size(), 3) << QJsonDocument(failure).toJson().constData();
    EXPECT_EQ(failure[0][1].toString(), QStringLiteral("device_name: Invalid regular expression."));
    EXPECT_TRUE(failure[1][1].toString().startsWith(QLatin1String("device_colour: ")));
    EXPECT_EQ(failure[2][1].toString(), QStringLiteral("devices: No device named ghost."));
    EXPECT_TRUE(members("cisco").contains(QStringLiteral("pool-e1")));
    EXPECT_TRUE(members("cisco").contains(QStringLiteral("pool-c1")));
    EXPECT_FALSE(members("cisco").contains(QStringLiteral("pool-e2")));
    EXPECT_EQ(members("edges"),
              (QStringList{QStringLiteral("pool-e1"), QStringLiteral("pool-e2")}));
    EXPECT_FALSE(members("no_pool").join(u' ').contains(QLatin1String("pool-")));
    EXPECT_EQ(seen.body("cisco")[QStringLiteral("device_vendor_match")],
              QStringLiteral("equality"));
    EXPECT_TRUE(members("cisco_after").contains(QStringLiteral("pool-e2")))
        << "a changed vendor counts at once";
    // One rule key given changes that key only; the name is found trimmed.
    EXPECT_EQ(seen.body("not_cisco")[QStringLiteral("device_vendor")], QStringLiteral("Cisco"));
    EXPECT_FALSE(members("not_cisco").contains(QStringLiteral("pool-e1")));
    EXPECT_FALSE(members("not_cisco").contains(QStringLiteral("pool-c1")));
    EXPECT_EQ(members("hand_after"), QStringList()) << "a deleted device leaves its pools";
    EXPECT_EQ(seen.body("alice")[QStringLiteral("success")], QJsonArray());
    EXPECT_EQ(seen.status("update_all"), 200);
    EXPECT_EQ(seen.body("query").toArray().size(), 1);
    EXPECT_EQ(seen.status("delete"), 200);
    EXPECT_EQ(seen.status("gone"), 404);
}

// POST /rest/search as eNMS scripts call it: criteria with filters, order, paging and columns.
TEST_F(EnmsApiTest, SearchFiltersOrdersPagesAndCutsColumns)
{
    const Seen seen = run(QStringLiteral(R"(
call("POST", "/instance/device", admin, json=[
    {"name": "srch-1", "vendor": "Juniper", "model": "MX"},
    {"name": "srch-2", "vendor": "Juniper", "model": "QFX"},
    {"name": "srch-3", "vendor": "Nokia"}])
def search(**body):
    return call("POST", "/search", admin, json=body)
seen["juniper"] = search(type="device", columns=["name", "model"],
                         search_criteria={"vendor": "Juniper", "vendor_filter": "equality"},
                         order=[{"column": "model", "dir": "desc"}])
seen["exclusion"] = search(type="device", columns=["name"],
                           search_criteria={"name": "srch-", "vendor": "Juniper",
                                            "vendor_filter": "exclusion"})
seen["paged"] = search(type="device", columns=["name"],
                       search_criteria={"name": "^srch-", "name_filter": "regex"},
                       order=[{"column": "name", "dir": "asc"}], start=1,
                       maximum_return_records=1)
seen["bad_regex"] = search(type="device", search_criteria={"name": "(", "name_filter": "regex"})
seen["bad_column"] = search(type="device", columns=["colour"])
seen["bad_type"] = search(type="planet")
seen["long_order"] = search(type="device", order=[{"column": "name"}] * 11)
print(json.dumps(seen))
)"));
    EXPECT_EQ(seen.body("juniper").toArray(),
              (QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("srch-2")},
                                      {QStringLiteral("model"), QStringLiteral("QFX")}},
                          QJsonObject{{QStringLiteral("name"), QStringLiteral("srch-1")},
                                      {QStringLiteral("model"), QStringLiteral("MX")}}}));
    const auto names = [&](const char *key) {
        QStringList found;
        for (const QJsonValue row : seen.body(key).toArray())
            found << row[QStringLiteral("name")].toString();
        return found;
    };
    EXPECT_EQ(names("exclusion"), QStringList{QStringLiteral("srch-3")});
    EXPECT_EQ(names("paged"), QStringList{QStringLiteral("srch-2")});
    EXPECT_EQ(seen.body("paged")[0].toObject().keys(), QStringList{QStringLiteral("name")});
    EXPECT_EQ(seen.status("bad_regex"), 400);
    EXPECT_EQ(seen.body("bad_regex")[QStringLiteral("error")],
              QStringLiteral("Invalid regular expression as search parameter."));
    EXPECT_EQ(seen.status("bad_column"), 400);
    EXPECT_EQ(seen.status("bad_type"), 400);
    EXPECT_EQ(seen.status("long_order"), 400) << "each order column sorts every row";
}

// Services as scripts make them: a type each (eNMS's names too), settings checked with their
// defaults filled in, targets by name, a REST call's password sealed and never shown.
TEST_F(EnmsApiTest, ServicesAreTypedCheckedAndTargetDevicesAndPools)
{
    const Seen seen = run(QStringLiteral(R"(
call("POST", "/instance/device", admin, json=[{"name": "svc-r1"}, {"name": "svc-r2"}])
call("POST", "/instance/pool", admin, json={"name": "svc-pool", "manually_defined": True,
                                            "devices": ["svc-r2"]})
seen["save"] = call("POST", "/instance/service", admin, json=[
    {"name": "show version", "type": "netmiko_commands_service",
     "commands": "show version\nshow clock\n", "devices": ["svc-r1"], "pools": ["svc-pool"]},
    {"name": "api", "type": "rest_call_service", "rest_url": "http://192.0.2.9/api",
     "call_type": "POST", "username": "ops", "password": "s3cret-pass",
     "headers": {"X-Api-Key": "hdr-secret-1"}},
    {"name": "untyped"},
    {"name": "bad-choice", "type": "ping_service", "protocol": "UDP"},
    {"name": "bad-number", "type": "command_service", "commands": ["x"], "timeout": 0},
    {"name": "unknown-field", "type": "template_service", "template": "x", "colour": "red"},
    {"name": "no-commands", "type": "command_service"},
    {"name": "ghost-target", "type": "command_service", "commands": ["x"], "devices": ["ghost"]},
    {"name": "bad-secret", "type": "rest_call_service", "password": "leak-me"},
    {"name": "url-login", "type": "rest_call_service", "rest_url": "http://ops:pw@192.0.2.9/"},
    {"name": "Start", "type": "template_service", "template": "x"},
    {"name": "not-names", "type": "command_service", "commands": ["x"], "devices": [1]}])
seen["path_vs_body"] = call("POST", "/instance/ping_service", admin,
                            json={"name": "p", "type": "rest_call_service"})
seen["keep_secret"] = call("POST", "/instance/service", admin, json={
    "name": "api", "password": "", "headers": {"X-Api-Key": "********"}})
seen["new_header"] = call("POST", "/instance/service", admin, json={
    "name": "api", "headers": {"X-Other": "********"}})
seen["show"] = call("GET", "/instance/service/show%20version", admin)
seen["by_type"] = call("GET", "/instance/command_service/show%20version", admin)
seen["wrong_type"] = call("GET", "/instance/ping_service/show%20version", admin)
seen["api"] = call("GET", "/instance/service/api", admin)
seen["retype"] = call("POST", "/instance/service", admin, json={"name": "api",
                                                                 "type": "ping_service"})
seen["alias_path"] = call("POST", "/instance/netmiko_backup_service", admin,
                          json={"name": "backup", "commands": ["show running-config"]})
seen["backup"] = call("GET", "/instance/service/backup", admin)
seen["alice"] = call("POST", "/instance/service", ("alice", "alice-password"),
                     json={"name": "mine", "type": "template_service", "template": "x"})
seen["query"] = call("GET", "/query/service", admin, params={"type": "command_service"})
call("DELETE", "/instance/device/svc-r1", admin)
seen["after_delete"] = call("GET", "/instance/service/show%20version", admin)
seen["rename"] = call("PUT", "/instance/service", admin,
                      json={"name": "show version", "new_name": "show-version"})
seen["delete"] = call("DELETE", "/instance/service/show-version", admin)
seen["gone"] = call("GET", "/instance/service/show-version", admin)
print(json.dumps(seen))
)"));
    EXPECT_EQ(seen.body("save")[QStringLiteral("success")],
              (QJsonArray{QStringLiteral("show version"), QStringLiteral("api")}));
    const QJsonArray failure = seen.body("save")[QStringLiteral("failure")].toArray();
    ASSERT_EQ(failure.size(), 10) << QJsonDocument(failure).toJson().constData();
    EXPECT_TRUE(failure[0][1].toString().startsWith(QLatin1String("type: One of ")));
    EXPECT_EQ(failure[1][1].toString(), QStringLiteral("protocol: One of TCP, ICMP."));
    EXPECT_EQ(failure[2][1].toString(), QStringLiteral("timeout: A whole number from 1 to 3600."));
    EXPECT_EQ(failure[3][1].toString(),
              QStringLiteral("colour: A template_service has no such property."));
    EXPECT_EQ(failure[4][1].toString(), QStringLiteral("commands: This field is required."));
    EXPECT_EQ(failure[5][1].toString(), QStringLiteral("devices: No device named ghost."));
    EXPECT_FALSE(QJsonDocument(failure).toJson().contains("leak-me"))
        << "a refused object is answered without its password";
    EXPECT_TRUE(failure[7][1].toString().startsWith(QLatin1String("rest_url: ")));
    EXPECT_EQ(failure[8][1].toString(),
              QStringLiteral("name: Start and End are the ends of every workflow."));
    EXPECT_EQ(failure[9][1].toString(), QStringLiteral("devices: A list of device names."));
    EXPECT_EQ(seen.body("path_vs_body")[QStringLiteral("failure")][0][1].toString(),
              QStringLiteral("type: This path saves ping_service services."));
    EXPECT_EQ(seen.body("keep_secret")[QStringLiteral("success")],
              QJsonArray{QStringLiteral("api")});

    const QJsonValue shown = seen.body("show");
    EXPECT_EQ(shown[QStringLiteral("type")], QStringLiteral("command_service"));
    EXPECT_EQ(shown[QStringLiteral("commands")],
              (QJsonArray{QStringLiteral("show version"), QStringLiteral("show clock")}));
    EXPECT_EQ(shown[QStringLiteral("timeout")], 10) << "defaults are filled in";
    EXPECT_EQ(shown[QStringLiteral("run_method")], QStringLiteral("per_device"));
    EXPECT_EQ(shown[QStringLiteral("devices")], QJsonArray{QStringLiteral("svc-r1")});
    EXPECT_EQ(shown[QStringLiteral("pools")], QJsonArray{QStringLiteral("svc-pool")});
    EXPECT_EQ(seen.status("by_type"), 200);
    EXPECT_EQ(seen.status("wrong_type"), 404);
    EXPECT_EQ(seen.body("api")[QStringLiteral("username")], QStringLiteral("ops"));
    EXPECT_FALSE(seen.body("api").toObject().contains(QStringLiteral("password")));
    EXPECT_EQ(seen.body("api")[QStringLiteral("headers")],
              QJsonObject({{QStringLiteral("X-Api-Key"), QStringLiteral("********")}}))
        << "a header's name is shown, its value sealed";
    EXPECT_FALSE(QJsonDocument(seen.noted).toJson().contains("hdr-secret-1"));
    EXPECT_EQ(seen.body("new_header")[QStringLiteral("failure")][0][1].toString(),
              QStringLiteral("headers: X-Other has no value to keep."));
    EXPECT_EQ(seen.body("retype")[QStringLiteral("failure")][0][1].toString(),
              QStringLiteral("type: api is a rest_call_service; a service keeps its type."));
    EXPECT_EQ(seen.body("alias_path")[QStringLiteral("success")],
              QJsonArray{QStringLiteral("backup")});
    EXPECT_EQ(seen.body("backup")[QStringLiteral("type")], QStringLiteral("backup_service"));
    EXPECT_EQ(seen.body("backup")[QStringLiteral("property")], QStringLiteral("configuration"));
    EXPECT_EQ(seen.body("alice")[QStringLiteral("success")], QJsonArray());
    EXPECT_EQ(seen.body("query").toArray().size(), 1);
    EXPECT_EQ(seen.body("after_delete")[QStringLiteral("devices")], QJsonArray())
        << "a deleted device leaves the services that targeted it";
    EXPECT_EQ(seen.body("rename")[QStringLiteral("success")],
              QJsonArray{QStringLiteral("show-version")});
    EXPECT_EQ(seen.status("delete"), 200);
    EXPECT_EQ(seen.status("gone"), 404);
}

// One topology: a circuit made through NSoT is a link to eNMS (with its interfaces), and a link
// eNMS saves under the circuit's name is the same edge.
TEST_F(EnmsApiTest, CircuitsMadeThroughNsotAreLinks)
{
    const Seen seen = run(QStringLiteral(R"(
call("POST", "/instance/device", admin, json=[{"name": "ckt-a"}, {"name": "ckt-b"}])
nsot("POST", "/sites/1/interfaces/", json=[{"device": "ckt-a", "name": "Ethernet1"},
                                           {"device": "ckt-b", "name": "Ethernet2"}])
seen["circuit"] = nsot("POST", "/sites/1/circuits/", json={
    "name": "ckt-a-b", "endpoint_a": "ckt-a:Ethernet1", "endpoint_z": "ckt-b:Ethernet2"})
seen["query"] = call("GET", "/query/link", admin, params={"name": "ckt-a-b"})
seen["get"] = call("GET", "/instance/link/ckt-a-b", admin)
seen["delete"] = call("DELETE", "/instance/link/ckt-a-b", admin)
seen["save"] = call("POST", "/instance/link", admin, json={"name": "ckt-a-b", "color": "red"})
seen["merged"] = call("GET", "/query/link", admin, params={"name": "ckt-a-b"})
print(json.dumps(seen))
)"));
    ASSERT_EQ(seen.status("circuit"), 201) << QJsonDocument(seen.noted).toJson().constData();
    const QJsonArray found = seen.body("query").toArray();
    ASSERT_EQ(found.size(), 1) << QJsonDocument(seen.noted).toJson().constData();
    EXPECT_EQ(found[0][QStringLiteral("source_name")], QStringLiteral("ckt-a"));
    EXPECT_EQ(found[0][QStringLiteral("destination_name")], QStringLiteral("ckt-b"));
    EXPECT_EQ(found[0][QStringLiteral("source_interface")], QStringLiteral("Ethernet1"));
    EXPECT_EQ(found[0][QStringLiteral("destination_interface")], QStringLiteral("Ethernet2"));
    EXPECT_EQ(found[0][QStringLiteral("circuit")], seen.body("circuit")[QStringLiteral("id")]);
    EXPECT_EQ(seen.status("get"), 200);
    EXPECT_EQ(seen.status("delete"), 409) << "a circuit is deleted where it was made";
    EXPECT_EQ(seen.body("save")[QStringLiteral("success")], QJsonArray{QStringLiteral("ckt-a-b")});
    const QJsonArray merged = seen.body("merged").toArray();
    ASSERT_EQ(merged.size(), 1) << "the same edge, not two";
    EXPECT_EQ(merged[0][QStringLiteral("color")], QStringLiteral("red"));
    EXPECT_EQ(merged[0][QStringLiteral("circuit")], seen.body("circuit")[QStringLiteral("id")]);
    EXPECT_EQ(merged[0][QStringLiteral("source_interface")], QStringLiteral("Ethernet1"));
}

// Searching configurations: a regex over the stored texts, and the lines that matched.
TEST_F(EnmsApiTest, SearchFindsTheConfigurationLinesThatMatch)
{
    const Seen seen = run(QStringLiteral(R"(
seen["save"] = call("POST", "/instance/device", admin, json=[
    {"name": "cfg-1", "configuration": "hostname cfg-1\nntp server 192.0.2.1\nntp server 192.0.2.2"},
    {"name": "cfg-2", "configuration": "hostname cfg-2\nlogging host 192.0.2.9"}])
seen["regex"] = call("POST", "/search", admin, json={
    "type": "device", "columns": ["name", "configuration_matches"],
    "search_criteria": {"configuration": r"ntp server 192\.0\.2\.\d", "configuration_filter": "regex"}})
seen["inclusion"] = call("POST", "/search", admin, json={
    "type": "device", "columns": ["name", "configuration_matches"],
    "search_criteria": {"configuration": "192.0.2.9"}})
seen["unknown"] = call("POST", "/search", admin, json={
    "type": "device", "columns": ["name", "colour_matches"]})
seen["unknown_criterion"] = call("POST", "/search", admin, json={
    "type": "device", "search_criteria": {"colour": "red"}})
seen["no_objects"] = call("POST", "/search", admin, json={
    "type": "ping_service", "columns": ["name"], "search_criteria": {"name": "x"}})
print(json.dumps(seen))
)"));
    ASSERT_EQ(seen.body("save")[QStringLiteral("success")].toArray().size(), 2)
        << QJsonDocument(seen.noted).toJson().constData();
    const QJsonArray regex = seen.body("regex").toArray();
    ASSERT_EQ(regex.size(), 1) << QJsonDocument(seen.noted).toJson().constData();
    EXPECT_EQ(regex[0][QStringLiteral("name")], QStringLiteral("cfg-1"));
    EXPECT_EQ(regex[0][QStringLiteral("configuration_matches")],
              (QJsonArray{QStringLiteral("L2: ntp server 192.0.2.1"),
                          QStringLiteral("L3: ntp server 192.0.2.2")}));
    const QJsonArray inclusion = seen.body("inclusion").toArray();
    ASSERT_EQ(inclusion.size(), 1);
    EXPECT_EQ(inclusion[0][QStringLiteral("configuration_matches")],
              QJsonArray{QStringLiteral("L2: logging host 192.0.2.9")});
    EXPECT_EQ(seen.status("unknown"), 400);
    EXPECT_EQ(seen.status("unknown_criterion"), 400);
    EXPECT_EQ(seen.body("unknown_criterion")[QStringLiteral("alert")].toString(),
              QStringLiteral("Error 400 - No column colour."))
        << QJsonDocument(seen.noted).toJson().constData();
    EXPECT_EQ(seen.status("no_objects"), 200) << "no ping services: nothing found, no error";
    EXPECT_EQ(seen.body("no_objects"), QJsonArray());
}

// The same objects under /api/, with the NSoT face's paging, fields and filters.
TEST_F(EnmsApiTest, LinksPoolsAndServicesAreNativeResourcesToo)
{
    const Seen seen = run(QStringLiteral(R"(
call("POST", "/instance/device", admin, json=[{"name": "nat-1"}, {"name": "nat-2"}])
call("POST", "/instance/link", admin, json=[
    {"name": "nat-l1", "source_name": "nat-1", "destination_name": "nat-2", "color": "teal"},
    {"name": "nat-l2", "source_name": "nat-2", "destination_name": "nat-1", "color": "blue"}])
call("POST", "/instance/pool", admin, json={"name": "nat-pool", "device_name": "^nat-",
                                            "device_name_match": "regex"})
call("POST", "/instance/service", admin, json={"name": "nat-svc", "type": "template_service",
                                               "template": "x", "pools": ["nat-pool"]})
seen["teal"] = nsot("GET", "/links/", params={"color": "teal", "fields": "name,color"})
seen["page"] = nsot("GET", "/links/", params={"limit": 1})
seen["pool"] = nsot("GET", "/pools/nat-pool/")
seen["service"] = nsot("GET", "/services/nat-svc/")
seen["missing"] = nsot("GET", "/services/nothing/")
seen["services"] = nsot("GET", "/services/", params={"type": "template_service"})
print(json.dumps(seen))
)"));
    EXPECT_EQ(seen.body("teal"),
              (QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("nat-l1")},
                                      {QStringLiteral("color"), QStringLiteral("teal")}}}))
        << QJsonDocument(seen.noted).toJson().constData();
    EXPECT_EQ(seen.body("page")[QStringLiteral("results")].toArray().size(), 1);
    EXPECT_GE(seen.body("page")[QStringLiteral("count")].toInt(), 2);
    const QJsonArray members = seen.body("pool")[QStringLiteral("devices")].toArray();
    EXPECT_TRUE(members.contains(QStringLiteral("nat-1")) &&
                members.contains(QStringLiteral("nat-2")));
    EXPECT_EQ(seen.body("service")[QStringLiteral("pools")],
              QJsonArray{QStringLiteral("nat-pool")});
    EXPECT_EQ(seen.status("missing"), 404);
    EXPECT_EQ(seen.body("services").toArray().size(), 1);
}

// A list is saved together (one create for its new devices, one insert for its new links) and
// still object by object: a name given twice is saved twice in order, a rename inside the list
// sees what came before it, and a refused object takes nothing else with it.
TEST_F(EnmsApiTest, AListIsSavedTogetherYetEachObjectOnItsOwn)
{
    const Seen seen = run(QStringLiteral(R"(
seen["devices"] = call("POST", "/instance/device", admin, json=[
    {"name": "batch-a", "vendor": "Cisco"},
    {"name": "batch-b"},
    {"name": "batch-a", "model": "second save of batch-a"},
    {"name": "batch-c", "port": "not a port"},
    {"name": "batch-d", "site": "nowhere"},
    {"name": "batch-e"}])
seen["a"] = call("GET", "/instance/device/batch-a", admin)
seen["c"] = call("GET", "/instance/device/batch-c", admin)
seen["links"] = call("POST", "/instance/link", admin, json=[
    {"name": "batch-l1", "source_name": "batch-a", "destination_name": "batch-b"},
    {"name": "batch-l2", "source_name": "batch-a", "destination_name": "missing"},
    {"name": "batch-l3", "source_name": "batch-b", "destination_name": "batch-e"},
    {"name": "batch-l1", "color": "#00ff00"},
    {"name": "batch-l3", "new_name": "batch-l4"},
    {"name": "batch-l5", "source_name": "batch-e", "destination_name": "batch-a",
     "new_name": "batch-l1"}])
seen["l1"] = call("GET", "/instance/link/batch-l1", admin)
seen["l3"] = call("GET", "/instance/link/batch-l3", admin)
seen["l4"] = call("GET", "/instance/link/batch-l4", admin)
print(json.dumps(seen))
)"));
    ASSERT_EQ(seen.status("devices"), 200);
    QStringList saved;
    for (const QJsonValue name : seen.body("devices")[QLatin1String("success")].toArray())
        saved << name.toString();
    EXPECT_EQ(saved, QStringList({QStringLiteral("batch-a"), QStringLiteral("batch-b"),
                                  QStringLiteral("batch-a"), QStringLiteral("batch-e")}));
    const QJsonArray refused = seen.body("devices")[QLatin1String("failure")].toArray();
    ASSERT_EQ(refused.size(), 2);
    EXPECT_EQ(refused.at(0)[0][QLatin1String("name")].toString(), QStringLiteral("batch-c"));
    EXPECT_TRUE(refused.at(0)[1].toString().contains(QLatin1String("port")));
    EXPECT_EQ(refused.at(1)[0][QLatin1String("name")].toString(), QStringLiteral("batch-d"));
    EXPECT_EQ(seen.body("a")[QLatin1String("vendor")].toString(), QStringLiteral("Cisco"));
    EXPECT_EQ(seen.body("a")[QLatin1String("model")].toString(),
              QStringLiteral("second save of batch-a"));
    EXPECT_EQ(seen.status("c"), 404);

    ASSERT_EQ(seen.status("links"), 200);
    QStringList linked;
    for (const QJsonValue name : seen.body("links")[QLatin1String("success")].toArray())
        linked << name.toString();
    EXPECT_EQ(linked, QStringList({QStringLiteral("batch-l1"), QStringLiteral("batch-l3"),
                                   QStringLiteral("batch-l1"), QStringLiteral("batch-l4")}));
    const QJsonArray failures = seen.body("links")[QLatin1String("failure")].toArray();
    ASSERT_EQ(failures.size(), 2);
    EXPECT_TRUE(failures.at(0)[1].toString().contains(QLatin1String("missing")));
    // batch-l1 exists (saved earlier in the same list): the rename onto it is refused.
    EXPECT_TRUE(failures.at(1)[1].toString().contains(QLatin1String("batch-l1")));
    EXPECT_EQ(seen.body("l1")[QLatin1String("color")].toString(), QStringLiteral("#00ff00"));
    EXPECT_EQ(seen.body("l1")[QLatin1String("destination_name")].toString(),
              QStringLiteral("batch-b"));
    EXPECT_EQ(seen.status("l3"), 404);
    EXPECT_EQ(seen.body("l4")[QLatin1String("source_name")].toString(), QStringLiteral("batch-b"));
}
