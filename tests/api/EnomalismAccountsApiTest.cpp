// The Enomalism face's users, groups and object permissions (sections 3 and 4), over the users
// every face shares, and what a grant then lets a user do to a machine.
#include "ServerFixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QThread>

using namespace Cairn::Test;

namespace {

const QByteArray DefaultDomain = "6695eb01-f6a4-8304-79aa-97f2502e193f";

class EnomalismAccountsApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite() { startServer(); }

    static HttpReply asBob(const QByteArray &method, const QByteArray &path)
    {
        return client().request(method, path, {}, HttpClient::basic("bob", "bob-password-1"));
    }
};

} // namespace

TEST_F(EnomalismAccountsApiTest, UsersAndGroupsAreTheServersOwn)
{
    const HttpReply users = admin("GET", "/rest/users/");
    ASSERT_EQ(users.status, 200) << users.body.constData();
    bool sawAlice = false;
    for (const QJsonValue pair : users.json()[QStringLiteral("users")].toArray())
        sawAlice |= pair[0] == QStringLiteral("alice") && pair[1].isDouble();
    EXPECT_TRUE(sawAlice) << users.body.constData();
    EXPECT_EQ(admin("POST", "/rest/users/list/").json()[QStringLiteral("users")],
              users.json()[QStringLiteral("users")]);
    EXPECT_EQ(client().request("GET", "/rest/users/", {}, HttpClient::token(s_aliceToken)).status,
              403);

    const HttpReply weak =
        admin("POST", "/rest/user/create/", R"({"username": "carol", "password": "x"})");
    EXPECT_EQ(weak.status, 400);
    const HttpReply created = admin(
        "POST", "/rest/user/create/",
        R"({"username": "carol", "password": "carol-password-1", "email": "carol@example.com"})");
    ASSERT_EQ(created.status, 200) << created.body.constData();
    const QByteArray carol = QByteArray::number(
        created.json()[QStringLiteral("user")][QStringLiteral("id")].toInteger());
    EXPECT_EQ(admin("POST", "/rest/user/create/",
                    R"({"username": "carol", "password": "carol-password-1"})")
                  .status,
              409);

    const HttpReply group = admin("PUT", "/rest/group/create?group_name=ops");
    ASSERT_EQ(group.status, 200) << group.body.constData();
    const QByteArray ops =
        QByteArray::number(group.json()[QStringLiteral("group")][QStringLiteral("id")].toInteger());
    EXPECT_EQ(admin("PUT", "/rest/group/create?group_name=ops").status, 409);
    EXPECT_EQ(admin("PUT", "/rest/group/create?group_name=").status, 400);
    EXPECT_TRUE(admin("GET", "/rest/group/list/")
                    .json()[QStringLiteral("groups")]
                    .toArray()
                    .contains(QJsonArray{QStringLiteral("ops"), ops.toLongLong()}));
    const HttpReply joined = admin("POST", "/rest/group/" + ops + "?action=add_user&user=carol");
    ASSERT_EQ(joined.status, 200) << joined.body.constData();
    EXPECT_EQ(joined.json()[QStringLiteral("group")][QStringLiteral("members")],
              QJsonArray{QStringLiteral("carol")});
    EXPECT_EQ(admin("GET", "/rest/user/" + carol + '/')
                  .json()[QStringLiteral("user")][QStringLiteral("groups")],
              QJsonArray{QStringLiteral("ops")});
    EXPECT_EQ(admin("POST", "/rest/group/" + ops + "?action=add_user&user=nobody").status, 400);

    const HttpReply other = admin("PUT", "/rest/group/create?group_name=ephemeral");
    EXPECT_EQ(
        admin("DELETE",
              "/rest/group/" +
                  QByteArray::number(
                      other.json()[QStringLiteral("group")][QStringLiteral("id")].toInteger()))
            .status,
        200);
    EXPECT_EQ(admin("POST", "/rest/user/" + carol + "/?action=set_password&password=x").status,
              400);
    EXPECT_EQ(admin("POST", "/rest/user/" + carol + "/?action=set_password&password=carol-new-pw-2")
                  .status,
              200);
    EXPECT_EQ(admin("GET", "/rest/group/" + ops + "/delete/").status, 200);
    EXPECT_EQ(admin("GET", "/rest/group/" + ops).status, 404);
    EXPECT_EQ(admin("POST", "/rest/user/" + carol + "/delete/").status, 200);
    const HttpReply dave = admin("POST", "/rest/user/create/",
                                 R"({"username": "dave", "password": "dave-password-1"})");
    EXPECT_EQ(admin("DELETE",
                    "/rest/user/" +
                        QByteArray::number(
                            dave.json()[QStringLiteral("user")][QStringLiteral("id")].toInteger()) +
                        '/')
                  .status,
              200);
    const HttpReply gone = admin("GET", "/rest/user/" + carol + '/');
    EXPECT_EQ(gone.status, 404);
    EXPECT_EQ(gone.json()[QStringLiteral("errno")], 4);
}

TEST_F(EnomalismAccountsApiTest, ObjectPermissionsDecideWhatAUserMayDoToAMachine)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 10000 &&
           admin("GET", "/rest/machines/").json()[QStringLiteral("machines")].toArray().isEmpty())
        QThread::msleep(50);
    ASSERT_EQ(
        admin("POST", "/rest/user/create/", R"({"username": "bob", "password": "bob-password-1"})")
            .status,
        200);
    const QByteArray machine = "/rest/machine/" + DefaultDomain + '/';
    const QByteArray permissions = "/rest/permissions/" + DefaultDomain + '/';
    EXPECT_EQ(asBob("GET", machine).status, 403);
    EXPECT_EQ(asBob("GET", permissions).status, 403);

    const HttpReply granted = admin("POST", permissions + "?action=grant&permission=view&user=bob");
    ASSERT_EQ(granted.status, 200) << granted.body.constData();
    EXPECT_EQ(granted.json()[QStringLiteral("object")][QStringLiteral("type")],
              QStringLiteral("machine"));
    ASSERT_EQ(granted.json()[QStringLiteral("permissions")].toArray().size(), 1);
    EXPECT_EQ(granted.json()[QStringLiteral("permissions")][0][QStringLiteral("permission")],
              QStringLiteral("view"));
    // Granting twice is one grant.
    EXPECT_EQ(admin("PUT", permissions + "?permission=view&user=bob")
                  .json()[QStringLiteral("permissions")]
                  .toArray()
                  .size(),
              1);
    EXPECT_EQ(asBob("GET", machine).status, 200);
    EXPECT_EQ(asBob("POST", machine + "actions/suspend/").status, 403);

    // Control through a group.
    const HttpReply group = admin("PUT", "/rest/group/create?group_name=operators");
    const QByteArray operators =
        QByteArray::number(group.json()[QStringLiteral("group")][QStringLiteral("id")].toInteger());
    ASSERT_EQ(admin("POST", "/rest/user/" +
                                QByteArray::number(admin("GET", "/rest/users/")
                                                       .json()[QStringLiteral("users")]
                                                       .toArray()
                                                       .last()[1]
                                                       .toInteger()) +
                                "/?action=join&group=operators")
                  .status,
              200);
    ASSERT_EQ(admin("POST", permissions + "?permission=control&group=" + operators).status, 200);
    const HttpReply suspended = asBob("POST", machine + "actions/suspend/");
    EXPECT_EQ(suspended.status, 200) << suspended.body.constData();
    EXPECT_EQ(asBob("POST", machine + "actions/resume/").status, 200);

    const HttpReply revoked = admin("DELETE", permissions + "?permission=view&user=bob");
    ASSERT_EQ(revoked.status, 200) << revoked.body.constData();
    EXPECT_EQ(asBob("GET", machine).status, 403);
    EXPECT_EQ(admin("DELETE", permissions + "?permission=view&user=bob").status, 404);

    const HttpReply badPermission = admin("POST", permissions + "?permission=fly&user=bob");
    EXPECT_EQ(badPermission.status, 400);
    EXPECT_TRUE(badPermission.json()[QStringLiteral("fields")].toObject().contains(
        QStringLiteral("permission")));
    EXPECT_EQ(admin("POST", permissions + "?permission=view&user=nobody").status, 400);
    EXPECT_EQ(admin("GET", "/rest/permissions/0b7e5c1e-0000-4c55-9a43-6a3c1b0f0001/").status, 404);
    for (const QJsonValue pair :
         admin("GET", "/rest/users/").json()[QStringLiteral("users")].toArray()) {
        if (pair[0] != QStringLiteral("admin"))
            continue;
        const HttpReply self =
            admin("GET", "/rest/user/" + QByteArray::number(pair[1].toInteger()) + "/delete/");
        EXPECT_EQ(self.status, 409) << "not yourself";
    }
}

// `admin` on users is not a way to become a superuser: only a superuser creates one, sets its
// password or deletes it; joining a group needs `admin` on that group.
TEST_F(EnomalismAccountsApiTest, UserAdministratorsCannotMakeOrTakeOverSuperusers)
{
    ASSERT_EQ(s_server
                  ->cli({QStringLiteral("user"), QStringLiteral("grant"), QStringLiteral("alice"),
                         QStringLiteral("admin"), QStringLiteral("user")})
                  .exitCode,
              0);
    const auto asAlice = [](const QByteArray &method, const QByteArray &path,
                            const QByteArray &body = {}) {
        return client().request(method, path, body, HttpClient::token(s_aliceToken));
    };
    const HttpReply escalated = asAlice(
        "POST", "/rest/user/create/",
        R"({"username": "mallory", "password": "mallory-password-1", "is_superuser": true})");
    EXPECT_EQ(escalated.status, 403) << escalated.body.constData();
    EXPECT_EQ(asAlice("POST", "/rest/user/create/?username=mallory&password=mallory-password-1"
                              "&is_superuser=1")
                  .status,
              403);
    const HttpReply ordinary = asAlice("POST", "/rest/user/create/",
                                       R"({"username": "erin", "password": "erin-password-1"})");
    ASSERT_EQ(ordinary.status, 200) << ordinary.body.constData();
    EXPECT_FALSE(ordinary.json()[QStringLiteral("user")][QStringLiteral("is_superuser")].toBool());
    // A superuser created by a superuser from a JSON boolean is one.
    const HttpReply root =
        admin("POST", "/rest/user/create/",
              R"({"username": "root2", "password": "root2-password-1", "is_superuser": true})");
    ASSERT_EQ(root.status, 200) << root.body.constData();
    EXPECT_TRUE(root.json()[QStringLiteral("user")][QStringLiteral("is_superuser")].toBool());

    QByteArray adminId;
    for (const QJsonValue pair :
         admin("GET", "/rest/users/").json()[QStringLiteral("users")].toArray()) {
        if (pair[0] == QStringLiteral("admin"))
            adminId = QByteArray::number(pair[1].toInteger());
    }
    ASSERT_FALSE(adminId.isEmpty());
    EXPECT_EQ(asAlice("POST", "/rest/user/" + adminId +
                                  "/?action=set_password&password=taken-over-password")
                  .status,
              403);
    EXPECT_EQ(
        client().get("/api/users/0/", HttpClient::basic("admin", "taken-over-password")).status,
        401);
    EXPECT_EQ(asAlice("POST", "/rest/user/" + adminId + "/delete/").status, 403);
    EXPECT_EQ(admin("GET", "/rest/user/" + adminId + '/').status, 200);

    // A group's grants go to its members, so joining it is administering the group.
    const HttpReply group = admin("PUT", "/rest/group/create?group_name=root-like");
    ASSERT_EQ(group.status, 200) << group.body.constData();
    const QByteArray groupId =
        QByteArray::number(group.json()[QStringLiteral("group")][QStringLiteral("id")].toInteger());
    const QByteArray erin = QByteArray::number(
        ordinary.json()[QStringLiteral("user")][QStringLiteral("id")].toInteger());
    EXPECT_EQ(asAlice("POST", "/rest/user/" + erin + "/?action=join&group=root-like").status, 403);
    EXPECT_EQ(asAlice("POST", "/rest/group/" + groupId + "?action=add_user&user=erin").status, 403);
    EXPECT_TRUE(admin("GET", "/rest/group/" + groupId)
                    .json()[QStringLiteral("group")][QStringLiteral("members")]
                    .toArray()
                    .isEmpty());
    // With admin on that one group, alice may add members to it.
    ASSERT_EQ(s_server
                  ->cli({QStringLiteral("user"), QStringLiteral("grant"), QStringLiteral("alice"),
                         QStringLiteral("admin"), QStringLiteral("group"),
                         QStringLiteral("--object"), QString::fromLatin1(groupId)})
                  .exitCode,
              0);
    EXPECT_EQ(asAlice("POST", "/rest/user/" + erin + "/?action=join&group=root-like").status, 200);
}
