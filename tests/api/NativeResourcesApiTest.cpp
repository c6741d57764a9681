// The resources no seed gives a face, in the native style under /api/: groups, API tokens,
// VM transactions and feeds, as python3-requests (what scripts use) sees them.
#include "ServerFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Cairn::Test;

class NativeResourcesApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite() { startServer(); }

    // `call(method, path, token, ...)` -> [status, JSON body] under /api; `seen` is printed.
    static inline const QString Prelude = QStringLiteral(R"(
import json, sys, requests
url, admin, alice = sys.argv[1] + "/api", sys.argv[2], sys.argv[3]
def call(method, path, token, **kwargs):
    reply = requests.request(method, url + path, headers={"Authorization": "Token " + token},
                             timeout=10, **kwargs)
    return [reply.status_code, reply.json() if reply.content else None]
seen = {}
)");
};

TEST_F(NativeResourcesApiTest, GroupsAreListedMadeAndDeletedByTheirAdministrators)
{
    const QJsonObject seen = runPython(Prelude + QStringLiteral(R"(
seen["create"] = call("POST", "/groups/", admin, json={"name": "neteng"})
seen["again"] = call("POST", "/groups/", admin, json={"name": "neteng"})
seen["nameless"] = call("POST", "/groups/", admin, data={"description": "no name"})
seen["alice_create"] = call("POST", "/groups/", alice, json={"name": "mine"})
seen["page"] = call("GET", "/groups/", admin, params={"limit": 1})
group = seen["create"][1]["id"]
seen["detail"] = call("GET", "/groups/%d/" % group, admin)
seen["delete"] = call("DELETE", "/groups/%d/" % group, admin)
seen["gone"] = call("GET", "/groups/%d/" % group, admin)
print(json.dumps(seen))
)"));
    EXPECT_EQ(seen[QStringLiteral("create")][0].toInt(), 201);
    EXPECT_EQ(seen[QStringLiteral("create")][1][QStringLiteral("name")], QStringLiteral("neteng"));
    EXPECT_EQ(seen[QStringLiteral("create")][1][QStringLiteral("members")], QJsonArray());
    EXPECT_EQ(seen[QStringLiteral("again")][0].toInt(), 409);
    EXPECT_EQ(seen[QStringLiteral("nameless")][0].toInt(), 400);
    EXPECT_TRUE(
        seen[QStringLiteral("nameless")][1][QStringLiteral("error")][QStringLiteral("message")]
            .toObject()
            .contains(QStringLiteral("name")));
    EXPECT_EQ(seen[QStringLiteral("alice_create")][0].toInt(), 403);
    EXPECT_GE(seen[QStringLiteral("page")][1][QStringLiteral("count")].toInt(), 1);
    EXPECT_EQ(seen[QStringLiteral("page")][1][QStringLiteral("results")].toArray().size(), 1);
    EXPECT_EQ(seen[QStringLiteral("detail")][0].toInt(), 200);
    EXPECT_EQ(seen[QStringLiteral("delete")][0].toInt(), 204);
    EXPECT_EQ(seen[QStringLiteral("gone")][0].toInt(), 404);
}

TEST_F(NativeResourcesApiTest, EachUserManagesTheirOwnTokensMadeOnlyWithTheirPassword)
{
    const QJsonObject seen = runPython(Prelude + QStringLiteral(R"(
password = ("alice", "alice-password")
made = requests.post(url + "/tokens/", auth=password, timeout=10,
                     json={"description": "ci", "read_only": True, "expires_days": 30})
seen["made"] = [made.status_code, made.json()]
key = seen["made"][1]["key"]
seen["reads"] = call("GET", "/users/0/", key)
seen["mints"] = call("POST", "/tokens/", key, json={"description": "escalate"})
seen["token_mints"] = call("POST", "/tokens/", alice, json={"description": "from a token"})
bad = requests.post(url + "/tokens/", auth=password, timeout=10, json={"read_only": "yes"})
seen["bad"] = [bad.status_code, bad.json()]
seen["listed"] = call("GET", "/tokens/", alice)
seen["admin_sees"] = call("GET", "/tokens/", admin)
seen["admin_deletes"] = call("DELETE", "/tokens/%d/" % seen["made"][1]["id"], admin)
seen["deleted"] = call("DELETE", "/tokens/%d/" % seen["made"][1]["id"], alice)
seen["after"] = call("GET", "/users/0/", key)
print(json.dumps(seen))
)"));
    ASSERT_EQ(seen[QStringLiteral("made")][0].toInt(), 201);
    EXPECT_EQ(seen[QStringLiteral("made")][1][QStringLiteral("read_only")], true);
    EXPECT_FALSE(seen[QStringLiteral("made")][1][QStringLiteral("expires")].isNull());
    EXPECT_EQ(seen[QStringLiteral("reads")][0].toInt(), 200);
    EXPECT_EQ(seen[QStringLiteral("reads")][1][QStringLiteral("username")],
              QStringLiteral("alice"));
    EXPECT_EQ(seen[QStringLiteral("mints")][0].toInt(), 403);
    EXPECT_EQ(seen[QStringLiteral("token_mints")][0].toInt(), 403)
        << "a stolen token must not lead to a lasting one";
    EXPECT_EQ(seen[QStringLiteral("bad")][0].toInt(), 400);
    bool listed = false;
    for (const QJsonValue token : seen[QStringLiteral("listed")][1].toArray()) {
        EXPECT_FALSE(token.toObject().contains(QStringLiteral("key"))) << "keys are never shown";
        listed = listed || token[QStringLiteral("description")] == QStringLiteral("ci");
    }
    EXPECT_TRUE(listed);
    for (const QJsonValue token : seen[QStringLiteral("admin_sees")][1].toArray())
        EXPECT_NE(token[QStringLiteral("description")], QStringLiteral("ci"))
            << "a superuser lists only their own tokens";
    EXPECT_EQ(seen[QStringLiteral("admin_deletes")][0].toInt(), 404);
    EXPECT_EQ(seen[QStringLiteral("deleted")][0].toInt(), 204);
    EXPECT_EQ(seen[QStringLiteral("after")][0].toInt(), 401);
}

TEST_F(NativeResourcesApiTest, TransactionsAndFeedsAreListedToThoseWhoMaySeeThem)
{
    const QByteArray machines = admin("GET", "/api/machines/").body;
    const QJsonArray all = QJsonDocument::fromJson(machines).array();
    ASSERT_FALSE(all.isEmpty()) << machines.constData();
    const QByteArray uuid = all.first()[QStringLiteral("uuid")].toString().toLatin1();
    const HttpReply started = admin("POST", "/rest/machine/" + uuid + "/actions/suspend/");
    ASSERT_EQ(started.status, 200) << started.body.constData();
    const QString txid = started.json()[QStringLiteral("txid")].toString();

    const HttpReply page = admin("GET", "/api/transactions/?limit=5");
    ASSERT_EQ(page.status, 200) << page.body.constData();
    EXPECT_GE(page.json()[QStringLiteral("count")].toInt(), 1);
    EXPECT_EQ(page.json()[QStringLiteral("results")][0][QStringLiteral("uuid")], txid)
        << "newest first";
    EXPECT_EQ(
        admin("GET", "/api/transactions/" + txid.toLatin1() + '/').json()[QStringLiteral("action")],
        QStringLiteral("suspend"));
    const HttpReply others = client().get("/api/transactions/", HttpClient::token(s_aliceToken));
    ASSERT_EQ(others.status, 200);
    EXPECT_EQ(others.json().toArray().size(), 0) << "alice sees only her own";
    EXPECT_EQ(admin("GET", "/api/feeds/").status, 200);
    EXPECT_EQ(admin("POST", "/rest/machine/" + uuid + "/actions/resume/").status, 200);
}

TEST_F(NativeResourcesApiTest, TransactionsAreCancelledAndFeedsRefusedAsTheCoreSays)
{
    const QJsonObject seen = runPython(Prelude + QStringLiteral(R"(
machine = call("GET", "/machines/", admin)[1][0]["uuid"]
done = requests.post(url.replace("/api", "") + "/rest/machine/%s/actions/suspend/" % machine,
                     headers={"Authorization": "Token " + admin}, timeout=30).json()["txid"]
seen["cancel_done"] = call("POST", "/transactions/%s/cancel/" % done, admin)
seen["alice_cancel"] = call("POST", "/transactions/%s/cancel/" % done, alice)
requests.post(url.replace("/api", "") + "/rest/machine/%s/actions/resume/" % machine,
              headers={"Authorization": "Token " + admin}, timeout=30)
seen["ftp"] = call("POST", "/feeds/", admin, json={"url": "ftp://127.0.0.1/feed.xml"})
seen["urlless"] = call("POST", "/feeds/", admin, json={})
seen["alice_feed"] = call("POST", "/feeds/", alice, json={"url": "http://127.0.0.1:9/feed.xml"})
seen["unknown"] = call("DELETE", "/feeds/0b7e5c1e-0000-4c55-9a43-6a3c1b0f0001/", admin)
print(json.dumps(seen))
)"));
    EXPECT_EQ(seen[QStringLiteral("cancel_done")][0].toInt(), 202);
    EXPECT_EQ(seen[QStringLiteral("cancel_done")][1][QStringLiteral("state")],
              QStringLiteral("done"))
        << "a finished transaction is answered as it is";
    EXPECT_EQ(seen[QStringLiteral("alice_cancel")][0].toInt(), 403);
    EXPECT_EQ(seen[QStringLiteral("ftp")][0].toInt(), 400);
    EXPECT_TRUE(seen[QStringLiteral("ftp")][1][QStringLiteral("error")][QStringLiteral("message")]
                    .toObject()
                    .contains(QStringLiteral("url")));
    EXPECT_EQ(seen[QStringLiteral("urlless")][0].toInt(), 400);
    EXPECT_EQ(seen[QStringLiteral("alice_feed")][0].toInt(), 403);
    EXPECT_EQ(seen[QStringLiteral("unknown")][0].toInt(), 404);
}

TEST_F(NativeResourcesApiTest, SuperusersGrantAndRevokeAndEveryoneSeesWhatTheyHold)
{
    const QJsonObject seen = runPython(Prelude + QStringLiteral(R"(
seen["before"] = call("GET", "/groups/", alice)
seen["grant"] = call("POST", "/permissions/", admin,
                     json={"user": "alice", "action": "view", "object_type": "group"})
seen["after"] = call("GET", "/groups/", alice)[0]
seen["twice"] = call("POST", "/permissions/", admin,
                     json={"user": "alice", "action": "view", "object_type": "group"})
ops = call("POST", "/groups/", admin, json={"name": "ops-viewers"})[1]["id"]
others = call("POST", "/permissions/", admin,
              json={"group_id": ops, "action": "admin", "object_type": "machine", "object_id": 7})
seen["others"] = others
seen["alice_list"] = call("GET", "/permissions/", alice)
seen["alice_other"] = call("GET", "/permissions/%d/" % others[1]["id"], alice)[0]
seen["alice_own"] = call("GET", "/permissions/%d/" % seen["grant"][1]["id"], alice)[0]
seen["alice_user"] = call("GET", "/users/0/", alice)[1]
seen["alice_grants"] = call("POST", "/permissions/", alice,
                            json={"user": "alice", "action": "admin", "object_type": "group"})[0]
seen["alice_revokes"] = call("DELETE", "/permissions/%d/" % others[1]["id"], alice)[0]
seen["bad_action"] = call("POST", "/permissions/", admin,
                          json={"user": "alice", "action": "reboot", "object_type": "group"})
seen["bad_type"] = call("POST", "/permissions/", admin,
                        json={"user": "alice", "action": "view", "object_type": "planet"})
seen["two_holders"] = call("POST", "/permissions/", admin, json={
    "user": "alice", "group": "ops-viewers", "action": "view", "object_type": "group"})
seen["nobody"] = call("POST", "/permissions/", admin,
                      json={"user": "mallory", "action": "view", "object_type": "group"})
seen["bad_object"] = call("POST", "/permissions/", admin, json={
    "user": "alice", "action": "view", "object_type": "group", "object_id": "x"})
seen["by_group"] = call("GET", "/permissions/", admin, params={"group_id": ops})
seen["by_type"] = call("GET", "/permissions/", admin,
                       params={"object_type": ["machine", "cluster"], "action": ""})
seen["shaped"] = call("GET", "/permissions/", admin,
                      params={"group_id": ops, "fields": "id,action,object_id", "omit": "action"})
seen["revoke"] = call("DELETE", "/permissions/%d/" % seen["grant"][1]["id"], admin)[0]
seen["revoked"] = call("GET", "/groups/", alice)[0]
seen["again"] = call("DELETE", "/permissions/%d/" % seen["grant"][1]["id"], admin)[0]
seen["root"] = sorted(call("GET", "/", admin)[1])
print(json.dumps(seen))
)"));
    const auto status = [&](const char *key) {
        return seen[QLatin1String(key)].toInt();
    };
    const auto message = [&](const char *key) {
        return seen[QLatin1String(key)][1][QStringLiteral("error")][QStringLiteral("message")]
            .toObject();
    };
    // The refusal says what to grant.
    EXPECT_EQ(seen[QStringLiteral("before")][0].toInt(), 403);
    EXPECT_TRUE(
        seen[QStringLiteral("before")][1][QStringLiteral("error")][QStringLiteral("message")]
            .toString()
            .endsWith(QLatin1String("it needs view on every group.")))
        << QJsonDocument(seen[QStringLiteral("before")].toArray()).toJson().constData();
    ASSERT_EQ(seen[QStringLiteral("grant")][0].toInt(), 201);
    EXPECT_EQ(seen[QStringLiteral("grant")][1][QStringLiteral("object_type")],
              QStringLiteral("group"));
    EXPECT_EQ(seen[QStringLiteral("grant")][1][QStringLiteral("object_id")], QJsonValue::Null);
    EXPECT_EQ(status("after"), 200);
    // Granting it again answers the same grant, so one revoke takes the access away.
    EXPECT_EQ(seen[QStringLiteral("twice")][1][QStringLiteral("id")],
              seen[QStringLiteral("grant")][1][QStringLiteral("id")]);
    EXPECT_EQ(seen[QStringLiteral("others")][0].toInt(), 201);
    // Alice sees her own grant only, not the one to a group she is not in.
    const QJsonArray own = seen[QStringLiteral("alice_list")][1].toArray();
    ASSERT_EQ(own.size(), 1);
    EXPECT_EQ(own.at(0)[QStringLiteral("id")],
              seen[QStringLiteral("grant")][1][QStringLiteral("id")]);
    EXPECT_EQ(status("alice_other"), 404);
    EXPECT_EQ(status("alice_own"), 200);
    // Her user shows every grant she holds, not only NSoT's per-site ones.
    const QJsonArray onUser =
        seen[QStringLiteral("alice_user")][QStringLiteral("grants")].toArray();
    ASSERT_EQ(onUser.size(), 1) << QJsonDocument(onUser).toJson().constData();
    EXPECT_EQ(onUser.at(0)[QStringLiteral("object_type")], QStringLiteral("group"));
    EXPECT_EQ(onUser.at(0)[QStringLiteral("action")], QStringLiteral("view"));
    EXPECT_EQ(status("alice_grants"), 403);
    EXPECT_EQ(status("alice_revokes"), 403);
    EXPECT_EQ(seen[QStringLiteral("bad_action")][0].toInt(), 400);
    EXPECT_TRUE(message("bad_action")[QStringLiteral("action")].toString().contains(
        QLatin1String("execute_show")));
    EXPECT_TRUE(message("bad_type")[QStringLiteral("object_type")].toString().contains(
        QLatin1String("machine")));
    EXPECT_EQ(seen[QStringLiteral("two_holders")][0].toInt(), 400);
    EXPECT_TRUE(message("nobody").contains(QStringLiteral("user")));
    EXPECT_TRUE(message("bad_object").contains(QStringLiteral("object_id")));
    const QJsonArray byGroup = seen[QStringLiteral("by_group")][1].toArray();
    ASSERT_EQ(byGroup.size(), 1);
    EXPECT_EQ(byGroup.at(0)[QStringLiteral("action")], QStringLiteral("admin"));
    EXPECT_EQ(byGroup.at(0)[QStringLiteral("object_id")], 7);
    // A repeated filter keeps any of its values; an empty one filters nothing.
    const QJsonArray byType = seen[QStringLiteral("by_type")][1].toArray();
    ASSERT_EQ(byType.size(), 1);
    EXPECT_EQ(byType.at(0)[QStringLiteral("object_type")], QStringLiteral("machine"));
    EXPECT_EQ(seen[QStringLiteral("shaped")][1].toArray().at(0).toObject().keys(),
              (QStringList{QStringLiteral("id"), QStringLiteral("object_id")}));
    EXPECT_EQ(status("revoke"), 204);
    EXPECT_EQ(status("revoked"), 403);
    EXPECT_EQ(status("again"), 404);
    EXPECT_TRUE(seen[QStringLiteral("root")].toArray().contains(QStringLiteral("permissions")));
    EXPECT_TRUE(seen[QStringLiteral("root")].toArray().contains(QStringLiteral("static-networks")));
}

TEST_F(NativeResourcesApiTest, ToolkitResourcesAreAlsoNativeWithTheNativeStyle)
{
    const QJsonObject seen = runPython(Prelude + QStringLiteral(R"(
made = call("POST", "/credential-sets/", admin,
            json={"name": "lab-native", "username": "netops", "password": "s3cret"})
seen["made"] = made
seen["plugin_sees"] = call("GET", "/plugins/toolkit/credential-sets/%d/" % made[1]["id"], admin)
seen["list"] = call("GET", "/credential-sets/", admin)
seen["page"] = call("GET", "/credential-sets/", admin, params={"limit": 1})
seen["plugin_page"] = call("GET", "/plugins/toolkit/credential-sets/", admin)
seen["bad"] = call("POST", "/credential-sets/", admin, json={"name": "no-user"})
seen["plugin_bad"] = call("POST", "/plugins/toolkit/credential-sets/", admin,
                          json={"name": "no-user"})
seen["command"] = call("POST", "/commands/", admin, json={
    "name": "Native show", "command": "show clock", "platforms": ["cisco_ios"]})
seen["missing"] = call("GET", "/commands/999999/", admin)
seen["logs"] = call("GET", "/command-logs/", admin, params={"limit": 5})
seen["jobs_filtered"] = call("GET", "/jobs/", admin, params={"state": "failed"})
seen["huge_page"] = call("GET", "/credential-sets/", admin, params={"limit": 2**31 - 1})
print(json.dumps(seen))
)"));
    ASSERT_EQ(seen[QStringLiteral("made")][0].toInt(), 201);
    const QJsonObject made = seen[QStringLiteral("made")][1].toObject();
    EXPECT_FALSE(made[QStringLiteral("credential_token")].toString().isEmpty());
    EXPECT_TRUE(made[QStringLiteral("url")].toString().endsWith(
        QStringLiteral("/api/credential-sets/%1/").arg(made[QStringLiteral("id")].toInteger())));
    EXPECT_EQ(seen[QStringLiteral("plugin_sees")][0].toInt(), 200);
    EXPECT_TRUE(seen[QStringLiteral("plugin_sees")][1][QStringLiteral("url")].toString().contains(
        QLatin1String("/api/plugins/toolkit/credential-sets/")));
    // Native lists are arrays unless paged; NetBox's are always paged.
    EXPECT_TRUE(seen[QStringLiteral("list")][1].isArray());
    EXPECT_EQ(seen[QStringLiteral("page")][1][QStringLiteral("results")].toArray().size(), 1);
    EXPECT_TRUE(
        seen[QStringLiteral("plugin_page")][1].toObject().contains(QStringLiteral("count")));
    EXPECT_EQ(seen[QStringLiteral("bad")][0].toInt(), 400);
    EXPECT_TRUE(seen[QStringLiteral("bad")][1][QStringLiteral("error")][QStringLiteral("message")]
                    .toObject()
                    .contains(QStringLiteral("username")));
    EXPECT_TRUE(
        seen[QStringLiteral("plugin_bad")][1].toObject().contains(QStringLiteral("username")));
    EXPECT_EQ(seen[QStringLiteral("command")][0].toInt(), 201);
    EXPECT_EQ(seen[QStringLiteral("missing")][0].toInt(), 404);
    EXPECT_EQ(seen[QStringLiteral("missing")][1][QStringLiteral("error")][QStringLiteral("code")],
              404);
    EXPECT_EQ(seen[QStringLiteral("logs")][0].toInt(), 200);
    EXPECT_TRUE(seen[QStringLiteral("logs")][1].toObject().contains(QStringLiteral("results")));
    // A list paged in the database filters nothing, and says so rather than answer unfiltered.
    EXPECT_EQ(seen[QStringLiteral("jobs_filtered")][0].toInt(), 400);
    EXPECT_TRUE(
        seen[QStringLiteral("jobs_filtered")][1][QStringLiteral("error")][QStringLiteral("message")]
            .toObject()
            .contains(QStringLiteral("state")));
    // Any page is at most 1,000 rows; a larger limit is served in pages of that size.
    EXPECT_EQ(seen[QStringLiteral("huge_page")][0].toInt(), 200);
}
