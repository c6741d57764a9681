#include "ServerFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Cairn::Test;

// The NSoT face as pynsot and the seed's examples use it.
class NsotApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite()
    {
        startServer();
        for (const char *name : {"owner", "vendor", "hw_type", "metro"}) {
            const HttpReply reply =
                admin("POST", "/api/sites/1/attributes/",
                      R"({"name": ")" + QByteArray(name) + R"(", "resource_name": "Device"})");
            ASSERT_EQ(reply.status, 201) << reply.body.constData();
        }
        const HttpReply devices = admin("POST", "/api/sites/1/devices/", R"([
            {"hostname": "lax-r2", "attributes": {"owner": "jathan", "vendor": "juniper", "hw_type": "router", "metro": "lax"}},
            {"hostname": "iad-r1", "attributes": {"owner": "jathan", "vendor": "juniper", "hw_type": "router", "metro": "iad"}},
            {"hostname": "foo-bar1", "attributes": {"owner": "jathan", "vendor": "arista", "hw_type": "switch", "metro": "sjc"}}])");
        ASSERT_EQ(devices.status, 201) << devices.body.constData();
    }
};

TEST_F(NsotApiTest, SetQueriesAnswerAsTheSeedShows)
{
    const HttpReply juniper = admin("GET", "/api/devices/query/?query=vendor=juniper");
    ASSERT_EQ(juniper.status, 200);
    const QJsonArray rows = juniper.json().toArray();
    ASSERT_EQ(rows.size(), 2);
    const QJsonObject first = rows.first().toObject();
    // NSoT's fields, and how the toolkit and automation reach the device.
    EXPECT_EQ(
        QStringList(first.keys()),
        (QStringList{QStringLiteral("attributes"), QStringLiteral("hostname"), QStringLiteral("id"),
                     QStringLiteral("ip_address"), QStringLiteral("platform"),
                     QStringLiteral("port"), QStringLiteral("site_id")}));
    EXPECT_EQ(first[QStringLiteral("hostname")].toString(), QStringLiteral("lax-r2"));
    EXPECT_EQ(first[QStringLiteral("attributes")][QStringLiteral("metro")].toString(),
              QStringLiteral("lax"));

    const HttpReply unique = admin("GET", "/api/devices/query/?query=metro=iad&unique=true");
    ASSERT_EQ(unique.status, 200);
    EXPECT_EQ(unique.json().toArray().first()[QStringLiteral("hostname")].toString(),
              QStringLiteral("iad-r1"));

    const HttpReply ambiguous =
        admin("GET", "/api/devices/query/?query=vendor=juniper&unique=true");
    EXPECT_EQ(ambiguous.status, 400);
    EXPECT_EQ(message(ambiguous)[QStringLiteral("query")].toString(),
              QStringLiteral("Query returned 2 results, but exactly 1 expected"));
    const HttpReply unknown = admin("GET", "/api/devices/query/?query=colour=red");
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(message(unknown)[QStringLiteral("query")].toString(),
              QStringLiteral("Attribute matching query does not exist: 'colour'"));
    EXPECT_EQ(admin("GET", "/api/devices/query/?query=vendor_regex=%28").status, 400);
    EXPECT_EQ(admin("GET", "/api/devices/query/?query=vendor%3Djuniper%20-metro%3Dlax")
                  .json()
                  .toArray()
                  .size(),
              1);
}

TEST_F(NsotApiTest, FieldsOmitExpandAndPaging)
{
    const QJsonArray sparse =
        admin("GET", "/api/sites/1/devices/?fields=id,hostname").json().toArray();
    ASSERT_EQ(sparse.size(), 3);
    EXPECT_EQ(QStringList(sparse.first().toObject().keys()),
              (QStringList{QStringLiteral("hostname"), QStringLiteral("id")}));
    const QJsonObject omitted =
        admin("GET", "/api/sites/1/devices/?omit=attributes").json().toArray().first().toObject();
    EXPECT_FALSE(omitted.contains(QStringLiteral("attributes")));
    EXPECT_TRUE(omitted.contains(QStringLiteral("site_id")));
    const QJsonObject expanded = admin("GET", "/api/sites/1/devices/?expand=site_id,nonsense")
                                     .json()
                                     .toArray()
                                     .first()
                                     .toObject();
    EXPECT_EQ(expanded[QStringLiteral("site_id")][QStringLiteral("name")].toString(),
              QStringLiteral("Default"));

    const HttpReply page = admin("GET", "/api/sites/1/devices/?limit=1&offset=1");
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.json()[QStringLiteral("count")].toInt(), 3);
    EXPECT_TRUE(page.json()[QStringLiteral("next")].toString().endsWith(
        QLatin1String("/api/sites/1/devices/?limit=1&offset=2")));
    EXPECT_TRUE(page.json()[QStringLiteral("previous")].toString().endsWith(
        QLatin1String("/api/sites/1/devices/?limit=1")));
    EXPECT_EQ(page.json()[QStringLiteral("results")].toArray().size(), 1);
    const HttpReply sites = admin("GET", "/api/sites/?limit=1&offset=0");
    EXPECT_EQ(sites.json()[QStringLiteral("count")].toInt(), 1);
    EXPECT_TRUE(sites.json()[QStringLiteral("next")].isNull());
    EXPECT_EQ(admin("GET", "/api/devices/?attributes=metro=lax&attributes=owner=jathan")
                  .json()
                  .toArray()
                  .size(),
              1);
    EXPECT_EQ(admin("GET", "/api/devices/?hostname=iad-r1").json().toArray().size(), 1);

    // Users and values are lists like the others.
    const HttpReply users = admin("GET", "/api/users/?limit=1&fields=id,username");
    ASSERT_EQ(users.status, 200) << users.body.constData();
    EXPECT_EQ(users.json()[QStringLiteral("count")].toInt(), 2);
    EXPECT_EQ(QStringList(users.json()[QStringLiteral("results")][0].toObject().keys()),
              (QStringList{QStringLiteral("id"), QStringLiteral("username")}));
    const HttpReply values =
        admin("GET", "/api/values/?name=vendor&limit=1&offset=1&omit=resource_id");
    ASSERT_EQ(values.status, 200) << values.body.constData();
    EXPECT_EQ(values.json()[QStringLiteral("count")].toInt(), 3);
    const QJsonObject value = values.json()[QStringLiteral("results")][0].toObject();
    EXPECT_EQ(value[QStringLiteral("name")], QStringLiteral("vendor"));
    EXPECT_FALSE(value.contains(QStringLiteral("resource_id")));
    EXPECT_EQ(admin("GET", "/api/values/?limit=x").status, 400);
}

TEST_F(NsotApiTest, CreateUpdateAndDeleteSpeakNsot)
{
    const HttpReply created =
        admin("POST", "/api/devices/",
              R"({"hostname": "tmp-1", "site_id": 1, "attributes": {"owner": "x"}})");
    ASSERT_EQ(created.status, 201);
    const QByteArray id = QByteArray::number(created.json()[QStringLiteral("id")].toInt());
    EXPECT_EQ(created.header("Location"), "/api/devices/" + id + "/");

    const HttpReply merged =
        admin("PATCH", "/api/devices/tmp-1/", R"({"attributes": {"vendor": "arista"}})");
    ASSERT_EQ(merged.status, 200);
    EXPECT_EQ(merged.json()[QStringLiteral("attributes")].toObject().size(), 2);
    const HttpReply putMissing =
        admin("PUT", "/api/devices/" + id + "/", R"({"hostname": "tmp-1"})");
    EXPECT_EQ(putMissing.status, 400);
    EXPECT_TRUE(message(putMissing).toObject().contains(QStringLiteral("attributes")));
    // pynsot PUTs whole objects back, read-only keys included.
    const HttpReply put =
        admin("PUT", "/api/devices/" + id + "/",
              R"({"id": 999, "site_id": 1, "hostname": "tmp-1", "attributes": {"owner": "y"}})");
    ASSERT_EQ(put.status, 200);
    EXPECT_EQ(put.json()[QStringLiteral("id")].toInt(), id.toInt());

    const HttpReply taken =
        admin("POST", "/api/devices/", R"({"hostname": "tmp-1", "site_id": 1})");
    EXPECT_EQ(taken.status, 409);
    EXPECT_TRUE(message(taken).toObject().contains(QStringLiteral("hostname")));
    const HttpReply twice = admin("POST", "/api/devices/",
                                  R"([{"hostname": "tmp-3"}, {"hostname": "tmp-4"},
                                      {"hostname": "tmp-3"}])");
    EXPECT_EQ(twice.status, 409) << "one name twice in one bulk request";
    EXPECT_EQ(admin("GET", "/api/devices/?hostname=tmp-4").json().toArray().size(), 0)
        << "a bulk create with a duplicate creates nothing";
    const HttpReply badAttribute =
        admin("POST", "/api/devices/", R"({"hostname": "tmp-2", "attributes": {"nope": "1"}})");
    EXPECT_EQ(badAttribute.status, 400);
    EXPECT_EQ(message(badAttribute)[QStringLiteral("attributes")].toString(),
              QStringLiteral("Attribute name (nope) does not exist."));
    EXPECT_EQ(
        message(admin("POST", "/api/devices/", R"({"hostname": "bad host"})")).toObject().keys(),
        QStringList{QStringLiteral("hostname")});

    EXPECT_EQ(admin("DELETE", "/api/devices/", R"([)" + id + R"(, "seven"])").status, 400);
    EXPECT_EQ(admin("DELETE", "/api/devices/", R"([)" + id + R"(, 99999])").status, 404);
    EXPECT_EQ(admin("GET", "/api/devices/" + id + "/").status, 200)
        << "a failed bulk delete deletes nothing";
    EXPECT_EQ(admin("DELETE", "/api/devices/", R"([)" + id + ", " + id + R"(])").status, 204);
    EXPECT_EQ(admin("GET", "/api/devices/" + id + "/").status, 404);

    const QJsonArray changes =
        admin("GET", "/api/changes/?resource_name=Device&resource_id=" + id).json().toArray();
    ASSERT_EQ(changes.size(), 4);
    EXPECT_EQ(changes.first()[QStringLiteral("event")].toString(), QStringLiteral("Delete"));
    EXPECT_EQ(changes.last()[QStringLiteral("event")].toString(), QStringLiteral("Create"));
    const QByteArray update = QByteArray::number(changes.at(1)[QStringLiteral("id")].toInt());
    const QString diff = admin("GET", "/api/changes/" + update + "/diff/").json().toString();
    EXPECT_TRUE(diff.contains(QLatin1String("-        \"owner\": \"x\""))) << qPrintable(diff);
    EXPECT_TRUE(diff.contains(QLatin1String("+        \"owner\": \"y\"")));
}

TEST_F(NsotApiTest, SitesAndAttributesHaveTheirRules)
{
    const HttpReply site =
        admin("POST", "/api/sites/", R"({"name": "Lab", "description": "bench"})");
    ASSERT_EQ(site.status, 201);
    const QByteArray id = QByteArray::number(site.json()[QStringLiteral("id")].toInt());
    EXPECT_EQ(admin("POST", "/api/sites/", R"({"name": "Lab"})").status, 409);
    EXPECT_EQ(admin("GET", "/api/sites/Lab/").json()[QStringLiteral("id")].toInt(), id.toInt());
    // A site in use stays, and the refusal says what still uses it.
    const HttpReply busySite = admin("DELETE", "/api/sites/1/");
    EXPECT_EQ(busySite.status, 409);
    EXPECT_TRUE(
        busySite.json()[QStringLiteral("error")][QStringLiteral("message")].toString().contains(
            QRegularExpression(QStringLiteral("still has \\d+ devices?"))))
        << busySite.body.constData();

    const HttpReply attribute =
        admin("POST", "/api/sites/" + id + "/attributes/",
              R"({"name": "role", "resource_name": "Device", "required": true})");
    ASSERT_EQ(attribute.status, 201);
    EXPECT_TRUE(attribute.json()[QStringLiteral("display")].toBool());
    EXPECT_EQ(attribute.json()[QStringLiteral("constraints")][QStringLiteral("valid_values")]
                  .toArray()
                  .size(),
              0);
    const QByteArray attributeId =
        QByteArray::number(attribute.json()[QStringLiteral("id")].toInt());
    EXPECT_EQ(admin("PATCH", "/api/attributes/" + attributeId + "/", R"({"name": "other"})").status,
              400);
    EXPECT_EQ(admin("GET", "/api/sites/1/attributes/" + attributeId + "/").status, 404)
        << "not in site 1";
    const HttpReply missing =
        admin("POST", "/api/sites/" + id + "/devices/", R"({"hostname": "x"})");
    EXPECT_EQ(message(missing)[QStringLiteral("attributes")].toString(),
              QStringLiteral("Missing required attributes: role"));
    EXPECT_EQ(
        admin("GET", "/api/sites/" + id + "/attributes/?required=true").json().toArray().size(), 1);
    EXPECT_EQ(admin("DELETE", "/api/attributes/" + attributeId + "/").status, 204);
    EXPECT_EQ(admin("DELETE", "/api/sites/" + id + "/").status, 204);
    EXPECT_EQ(admin("GET", "/api/sites/999/devices/").status, 404);
}

TEST_F(NsotApiTest, OthersMayReadButNotWrite)
{
    const Headers alice = HttpClient::token(s_aliceToken);
    EXPECT_EQ(client().get("/api/devices/", alice).status, 200);
    EXPECT_EQ(client().request("POST", "/api/devices/", R"({"hostname": "a1"})", alice).status,
              403);
    EXPECT_EQ(client().request("DELETE", "/api/devices/lax-r2/", {}, alice).status, 403);
    EXPECT_EQ(client()
                  .request("POST", "/api/sites/", R"({"name": "x"})",
                           HttpClient::token(s_aliceReadOnlyToken))
                  .status,
              403);
}

TEST_F(NsotApiTest, BrowsersGetTheSameDataAsLinkedHtml)
{
    const HttpReply page =
        client().get("/api/devices/?limit=1", {{"Accept", "text/html,application/xhtml+xml"},
                                               {"Authorization", "Token " + s_adminToken}});
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(page.header("Content-Type").startsWith("text/html"));
    EXPECT_TRUE(page.body.contains("<a href=\"http://127.0.0.1:"))
        << page.body.left(400).constData();
    EXPECT_TRUE(page.body.contains("lax-r2"));
    const HttpReply root = admin("GET", "/api/");
    for (const char *resource :
         {"attributes", "changes", "circuits", "devices", "interfaces", "jobs", "networks",
          "protocol_types", "protocols", "sites", "users", "values"})
        EXPECT_TRUE(root.json()[QLatin1String(resource)].toString().endsWith(
            QStringLiteral("/api/%1/").arg(QLatin1String(resource))))
            << resource;
}

TEST_F(NsotApiTest, SchemasAndPartialUpdatesAsTheSeedShows)
{
    const HttpReply options = admin("OPTIONS", "/api/devices/");
    ASSERT_EQ(options.status, 200);
    EXPECT_EQ(options.header("Allow"), "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS");
    EXPECT_EQ(options.header("Vary"), "Accept");
    const QJsonObject schema = options.json().toObject();
    EXPECT_EQ(schema[QStringLiteral("name")].toString(), QStringLiteral("Device List"));
    EXPECT_TRUE(schema[QStringLiteral("renders")].toArray().contains(QStringLiteral("text/html")));
    EXPECT_TRUE(
        schema[QStringLiteral("parses")].toArray().contains(QStringLiteral("application/json")));
    const QJsonObject put = schema[QStringLiteral("actions")][QStringLiteral("PUT")].toObject();
    EXPECT_EQ(put[QStringLiteral("id")].toObject(),
              (QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")},
                           {QStringLiteral("required"), false},
                           {QStringLiteral("read_only"), true},
                           {QStringLiteral("label"), QStringLiteral("ID")}}));
    EXPECT_EQ(put[QStringLiteral("hostname")][QStringLiteral("max_length")].toInt(), 255);
    EXPECT_EQ(put[QStringLiteral("hostname")][QStringLiteral("label")].toString(),
              QStringLiteral("Hostname"));
    EXPECT_TRUE(put[QStringLiteral("attributes")][QStringLiteral("required")].toBool());
    EXPECT_EQ(put[QStringLiteral("attributes")][QStringLiteral("type")].toString(),
              QStringLiteral("field"));
    EXPECT_EQ(put[QStringLiteral("attributes")][QStringLiteral("help_text")].toString(),
              QStringLiteral("Dictionary of attributes to set."));
    const QJsonObject post = schema[QStringLiteral("actions")][QStringLiteral("POST")].toObject();
    EXPECT_FALSE(post[QStringLiteral("attributes")][QStringLiteral("required")].toBool());
    EXPECT_EQ(post[QStringLiteral("site_id")][QStringLiteral("label")].toString(),
              QStringLiteral("Site id"));

    // The seed's PATCH example: vendor changes, owner stays; null deletes; required stays.
    ASSERT_EQ(
        admin("POST", "/api/devices/",
              R"({"hostname": "patch-me", "attributes": {"owner": "jathan", "vendor": "juniper"}})")
            .status,
        201);
    const HttpReply merged =
        admin("PATCH", "/api/devices/patch-me/", R"({"attributes": {"vendor": "arista"}})");
    EXPECT_EQ(merged.json()[QStringLiteral("attributes")].toObject(),
              (QJsonObject{{QStringLiteral("owner"), QStringLiteral("jathan")},
                           {QStringLiteral("vendor"), QStringLiteral("arista")}}));
    const HttpReply deleted =
        admin("PATCH", "/api/devices/patch-me/", R"({"attributes": {"vendor": null}})");
    EXPECT_EQ(deleted.json()[QStringLiteral("attributes")].toObject(),
              (QJsonObject{{QStringLiteral("owner"), QStringLiteral("jathan")}}));
    const HttpReply required =
        admin("POST", "/api/sites/1/attributes/",
              R"({"name": "tier", "resource_name": "Device", "required": true})");
    ASSERT_EQ(required.status, 201);
    const QByteArray requiredId =
        QByteArray::number(required.json()[QStringLiteral("id")].toInteger());
    EXPECT_EQ(admin("PATCH", "/api/devices/patch-me/", R"({"attributes": {"tier": "1"}})").status,
              200);
    const HttpReply protectedDelete =
        admin("PATCH", "/api/devices/patch-me/", R"({"attributes": {"tier": null}})");
    EXPECT_EQ(protectedDelete.status, 400);
    EXPECT_EQ(message(protectedDelete)[QStringLiteral("attributes")].toString(),
              QStringLiteral("Missing required attributes: tier"));
    ASSERT_EQ(admin("DELETE", "/api/devices/patch-me/").status, 204);
    EXPECT_EQ(admin("DELETE", "/api/attributes/" + requiredId + "/").status, 204);

    // The seed's interface expansions: device, and the device's site through it.
    ASSERT_EQ(admin("POST", "/api/sites/1/interfaces/", R"({"device": "foo-bar1", "name": "eth0"})")
                  .status,
              201);
    const QJsonObject interface =
        admin("GET", "/api/sites/1/interfaces/?expand=device").json()[0].toObject();
    EXPECT_EQ(interface[QStringLiteral("device")][QStringLiteral("hostname")].toString(),
              QStringLiteral("foo-bar1"));
    const QJsonObject deep =
        admin("GET", "/api/sites/1/interfaces/?expand=device.site_id").json()[0].toObject();
    EXPECT_EQ(deep[QStringLiteral("device")][QStringLiteral("site_id")][QStringLiteral("name")]
                  .toString(),
              QStringLiteral("Default"));
}

TEST_F(NsotApiTest, LargeTextsAreReadOnlyWhenAskedFor)
{
    const QByteArray config = "hostname edge9\\ninterface Ethernet1\\n description uplink\\n";
    const HttpReply created = admin(
        "POST", "/api/devices/",
        R"({"hostname": "edge9", "platform": "arista_eos", "configuration": ")" + config + R"("})");
    ASSERT_EQ(created.status, 201) << created.body.constData();
    EXPECT_FALSE(created.json().toObject().contains(QStringLiteral("configuration")));
    const QJsonObject plain = admin("GET", "/api/devices/edge9/").json().toObject();
    EXPECT_FALSE(plain.contains(QStringLiteral("configuration")));
    const QJsonObject asked =
        admin("GET", "/api/devices/edge9/?fields=id,platform,configuration,operational_data")
            .json()
            .toObject();
    EXPECT_EQ(asked[QStringLiteral("configuration")].toString(),
              QStringLiteral("hostname edge9\ninterface Ethernet1\n description uplink\n"));
    EXPECT_EQ(asked[QStringLiteral("operational_data")].toString(), QString());
    EXPECT_EQ(asked[QStringLiteral("platform")].toString(), QStringLiteral("arista_eos"));
    // Updates that do not name the texts keep them (a PUT cannot know what it did not read).
    ASSERT_EQ(admin("PATCH", "/api/devices/edge9/", R"({"description": "edge"})").status, 200);
    ASSERT_EQ(
        admin("PUT", "/api/devices/edge9/", R"({"hostname": "edge9", "attributes": {}})").status,
        200);
    const QJsonArray listed =
        admin("GET", "/api/devices/?hostname=edge9&fields=hostname,configuration").json().toArray();
    ASSERT_EQ(listed.size(), 1);
    EXPECT_TRUE(listed.first()[QStringLiteral("configuration")].toString().startsWith(
        QLatin1String("hostname edge9")));
    ASSERT_EQ(admin("DELETE", "/api/devices/edge9/").status, 204);
}

// What pynsot sends for `nsot devices list -q "vendor=juniper -metro=lax"`: python3-requests
// encodes params form-style, a space as '+' (and a '+' of the query as %2B).
TEST_F(NsotApiTest, SetQueriesFromPythonRequestsKeepTheirTerms)
{
    const QJsonObject seen = runPython(QStringLiteral(R"(
import json, sys, requests
url, token = sys.argv[1], sys.argv[2]
seen = {}
for query in ["vendor=juniper -metro=lax", "vendor=arista +metro=iad", "metro=lax metro=iad"]:
    reply = requests.get(url + "/api/devices/query/", params={"query": query},
                         headers={"Authorization": "Token " + token}, timeout=10)
    seen[query] = sorted(device["hostname"] for device in reply.json())
print(json.dumps(seen))
)"));
    EXPECT_EQ(seen[QStringLiteral("vendor=juniper -metro=lax")].toArray(),
              (QJsonArray{QStringLiteral("iad-r1")}));
    EXPECT_EQ(seen[QStringLiteral("vendor=arista +metro=iad")].toArray(),
              (QJsonArray{QStringLiteral("foo-bar1"), QStringLiteral("iad-r1")}));
    EXPECT_EQ(seen[QStringLiteral("metro=lax metro=iad")].toArray(), QJsonArray());
}

// pynsot's bulk commands send lists to the list URLs (requests' json=): created, changed and
// deleted whole, or not at all.
TEST_F(NsotApiTest, SitesAttributesAndProtocolTypesChangeInBulkAllOrNothing)
{
    const QJsonObject seen = runPython(QStringLiteral(R"(
import json, sys, requests
api = requests.Session()
api.headers["Authorization"] = "Token " + sys.argv[2]
url = sys.argv[1] + "/api"
seen = {}
def note(name, reply):
    seen[name] = {"status": reply.status_code, "body": reply.json() if reply.content else None}
    return seen[name]["body"]

sites = note("sites", api.post(url + "/sites/", json=[{"name": "Bulk-A"}, {"name": "Bulk-B"}]))
ids = [site["id"] for site in sites]
note("sites_duplicate", api.post(url + "/sites/", json=[{"name": "Bulk-C"}, {"name": "Bulk-A"}]))
note("bulk_c", api.get(url + "/sites/", params={"name": "Bulk-C"}))
note("sites_patch", api.patch(url + "/sites/", json=[{"id": ids[0], "description": "one"},
                                                      {"id": ids[1], "description": "two"}]))
note("sites_patch_missing", api.patch(url + "/sites/", json=[{"id": ids[0], "description": "x"},
                                                              {"id": 999999, "description": "y"}]))
note("site_a", api.get(url + "/sites/%d/" % ids[0]))
alice = requests.Session()
alice.headers["Authorization"] = "Token " + sys.argv[3]
note("alice_missing", alice.patch(url + "/sites/", json=[{"id": 999999, "description": "x"}]))
note("alice_existing", alice.patch(url + "/sites/", json=[{"id": ids[0], "description": "x"}]))

attributes = url + "/sites/%d/attributes/" % ids[0]
note("attributes_bad", api.post(attributes, json=[{"name": "rack", "resource_name": "Device"},
                                                  {"name": "Bad Name", "resource_name": "Device"}]))
note("rack", api.get(attributes, params={"name": "rack"}))
created = note("attributes", api.post(attributes, json=[
    {"name": "rack", "resource_name": "Device"}, {"name": "row", "resource_name": "Device"}]))
note("attributes_put", api.patch(url + "/attributes/", json=[
    {"id": created[0]["id"], "description": "rack unit"},
    {"id": created[1]["id"], "description": "row letter"}]))
note("attributes_delete", api.delete(url + "/attributes/", json=[a["id"] for a in created]))

types = note("types", api.post(url + "/protocol_types/", json=[
    {"name": "bulk-bgp", "site_id": ids[0]}, {"name": "bulk-ospf", "site_id": ids[0]}]))
note("types_patch", api.patch(url + "/protocol_types/", json=[
    {"id": t["id"], "description": "routing"} for t in types]))
note("types_delete", api.delete(url + "/protocol_types/", json=[t["id"] for t in types]))

note("sites_delete_busy", api.delete(url + "/sites/", json=[ids[1], 1]))
note("site_b", api.get(url + "/sites/%d/" % ids[1]))
note("sites_delete", api.delete(url + "/sites/", json=ids))
print(json.dumps(seen))
)"));
    const auto status = [&](const char *name) {
        return seen[QLatin1String(name)][QStringLiteral("status")].toInt();
    };
    const auto body = [&](const char *name) {
        return seen[QLatin1String(name)][QStringLiteral("body")];
    };
    EXPECT_EQ(status("sites"), 201);
    EXPECT_EQ(body("sites").toArray().size(), 2);
    EXPECT_EQ(status("sites_duplicate"), 409);
    EXPECT_EQ(body("bulk_c").toArray().size(), 0) << "nothing of a refused list is created";
    EXPECT_EQ(status("sites_patch"), 200);
    EXPECT_EQ(body("sites_patch")[1][QStringLiteral("description")], QStringLiteral("two"));
    EXPECT_EQ(status("sites_patch_missing"), 404);
    EXPECT_EQ(body("site_a")[QStringLiteral("description")], QStringLiteral("one"))
        << "a refused bulk update changes nothing";
    EXPECT_EQ(status("alice_missing"), 403) << "whether a site exists is not told to others";
    EXPECT_EQ(status("alice_existing"), 403);

    EXPECT_EQ(status("attributes_bad"), 400);
    EXPECT_TRUE(body("attributes_bad")[QStringLiteral("error")][QStringLiteral("message")]
                    .toObject()
                    .contains(QStringLiteral("[1].name")))
        << "the second item is the bad one";
    EXPECT_EQ(body("rack").toArray().size(), 0) << "a bulk POST of attributes is all or nothing";
    EXPECT_EQ(status("attributes"), 201);
    EXPECT_EQ(status("attributes_put"), 200);
    EXPECT_EQ(body("attributes_put")[0][QStringLiteral("description")],
              QStringLiteral("rack unit"));
    EXPECT_EQ(status("attributes_delete"), 204);

    EXPECT_EQ(status("types"), 201);
    EXPECT_EQ(status("types_patch"), 200);
    EXPECT_EQ(body("types_patch")[1][QStringLiteral("description")], QStringLiteral("routing"));
    EXPECT_EQ(status("types_delete"), 204);

    EXPECT_EQ(status("sites_delete_busy"), 409);
    EXPECT_EQ(status("site_b"), 200) << "a refused bulk delete deletes nothing";
    EXPECT_EQ(status("sites_delete"), 204);
}

// Django REST framework takes HTML forms as well as JSON; so do we (requests' data=).
TEST_F(NsotApiTest, CreateAcceptsFormEncodedBodies)
{
    const QJsonObject seen = runPython(QStringLiteral(R"(
import json, sys, requests
api = requests.Session()
api.headers["Authorization"] = "Token " + sys.argv[2]
url = sys.argv[1] + "/api"
seen = {}
reply = api.post(url + "/sites/", data={"name": "Form Site", "description": "made + sent as a form"})
seen["site"] = [reply.status_code, reply.json()]
site = reply.json().get("id", 0)
reply = api.post(url + "/sites/%d/attributes/" % site,
                 data={"name": "owner", "resource_name": "Device", "required": "true"})
seen["attribute"] = [reply.status_code, reply.json()]
reply = api.post(url + "/devices/", data={"hostname": "form-r1", "site_id": str(site),
                                          "attributes": json.dumps({"owner": "ops"})})
seen["device"] = [reply.status_code, reply.json()]
reply = api.post(url + "/devices/", data={"hostname": "form-r2", "site_id": "x"})
seen["bad"] = [reply.status_code, reply.json()]
reply = api.post(url + "/sites/", data=[("name", "Many")] + [("f%d" % i, "v") for i in range(1001)])
seen["many"] = [reply.status_code, reply.json()]
print(json.dumps(seen))
)"));
    ASSERT_EQ(seen[QStringLiteral("site")][0].toInt(), 201)
        << QJsonDocument(seen[QStringLiteral("site")].toArray()).toJson().constData();
    EXPECT_EQ(seen[QStringLiteral("site")][1][QStringLiteral("description")],
              QStringLiteral("made + sent as a form"));
    ASSERT_EQ(seen[QStringLiteral("attribute")][0].toInt(), 201);
    EXPECT_EQ(seen[QStringLiteral("attribute")][1][QStringLiteral("required")], true);
    ASSERT_EQ(seen[QStringLiteral("device")][0].toInt(), 201)
        << QJsonDocument(seen[QStringLiteral("device")].toArray()).toJson().constData();
    EXPECT_EQ(
        seen[QStringLiteral("device")][1][QStringLiteral("attributes")][QStringLiteral("owner")],
        QStringLiteral("ops"));
    EXPECT_EQ(seen[QStringLiteral("bad")][0].toInt(), 400);
    EXPECT_EQ(seen[QStringLiteral("many")][0].toInt(), 400) << "forms have at most 1000 fields";
    EXPECT_TRUE(seen[QStringLiteral("bad")][1][QStringLiteral("error")][QStringLiteral("message")]
                    .toObject()
                    .contains(QStringLiteral("site_id")));
}

// A value of the wrong type is said to be the wrong type; only an absent one is "required".
// A body that is not JSON says so.
TEST_F(NsotApiTest, AWrongTypeIsNotReportedAsMissing)
{
    const HttpReply number = admin("POST", "/api/devices/", R"({"hostname": 123})");
    EXPECT_EQ(number.status, 400);
    EXPECT_EQ(message(number)[QStringLiteral("hostname")].toString(),
              QStringLiteral("Not a valid string."));
    const HttpReply absent = admin("POST", "/api/devices/", R"({"attributes": {}})");
    EXPECT_EQ(message(absent)[QStringLiteral("hostname")].toString(),
              QStringLiteral("This field is required."));
    const HttpReply site = admin("POST", "/api/sites/", R"({"name": ["Lab"]})");
    EXPECT_EQ(site.status, 400);
    EXPECT_EQ(message(site)[QStringLiteral("name")].toString(),
              QStringLiteral("Not a valid string."));
    // A body that is not JSON says what to send instead.
    const HttpReply notJson = admin("POST", "/api/devices/", "hostname=edge1");
    EXPECT_EQ(notJson.status, 400);
    EXPECT_TRUE(message(notJson).toString().contains(QLatin1String("Send the body as JSON")))
        << notJson.body.constData();
    const HttpReply group = admin("POST", "/api/groups/", R"({"name": 7})");
    EXPECT_EQ(group.status, 400);
    EXPECT_EQ(message(group)[QStringLiteral("name")].toString(),
              QStringLiteral("Not a valid string."));
}

// In a bulk body the error names the item (its index, from 0), and nothing of the body is saved.
TEST_F(NsotApiTest, ABulkItemsErrorNamesItsIndex)
{
    const qint64 before =
        admin("GET", "/api/devices/?limit=1").json()[QStringLiteral("count")].toInteger();
    const HttpReply created =
        admin("POST", "/api/devices/",
              R"([{"hostname": "bulk-ok-1"}, {"hostname": 42}, {"hostname": "x"}])");
    EXPECT_EQ(created.status, 400);
    EXPECT_EQ(message(created)[QStringLiteral("[1].hostname")].toString(),
              QStringLiteral("Not a valid string."))
        << created.body.constData();
    const HttpReply twice = admin("POST", "/api/devices/",
                                  R"([{"hostname": "bulk-twice"}, {"hostname": "bulk-twice"}])");
    EXPECT_EQ(twice.status, 409);
    EXPECT_TRUE(message(twice).toObject().contains(QStringLiteral("[1].hostname")))
        << twice.body.constData();
    EXPECT_EQ(admin("GET", "/api/devices/?limit=1").json()[QStringLiteral("count")].toInteger(),
              before);
    const HttpReply noId =
        admin("PATCH", "/api/sites/", R"([{"id": 1, "description": "a"}, {"description": "b"}])");
    EXPECT_EQ(noId.status, 400);
    EXPECT_TRUE(message(noId).toObject().contains(QStringLiteral("[1].id")))
        << noId.body.constData();
}
