// eNMS's credentials as a script drives them (python3-requests): the caller's credential sets
// bound to device pools with a priority, chosen per device when a service names none.
#include "EnmsRunsFixture.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Cairn::Test;

class EnmsCredentialsApiTest : public EnmsRunsFixture
{
};

TEST_F(EnmsCredentialsApiTest, ServicesWithoutCredentialsLogInWithTheHighestPriorityPoolSet)
{
    const EnmsScript seen = run(QStringLiteral(R"PY(
call("POST", "/instance/pool", admin, json={"name": "cred-r1", "device_name": "^run-r1$",
                                            "device_name_match": "regex"})
seen["save"] = call("POST", "/instance/credential", admin, json=[
    {"name": "lab", "device_pools": ["cred-r1"], "priority": 5},
    {"name": "wrong", "username": "nobody", "password": "not-the-password",
     "device_pools": ["cred-r1"], "priority": 10},
    {"name": "ghost-pool", "username": "x", "password": "y", "device_pools": ["ghost"]},
    {"name": "bad-priority", "username": "x", "password": "y", "priority": "high"},
    {"name": "colour", "colour": "red"}])
call("POST", "/instance/service", admin, json={"name": "cred-show", "type": "command_service",
                                               "commands": ["show version"]})
seen["first"] = call("POST", "/run_service", admin,
                     json={"name": "cred-show", "devices": ["run-r1", "run-r2"]})
seen["lower"] = call("POST", "/instance/credential", admin, json={"name": "wrong", "priority": 1})
seen["second"] = call("POST", "/run_service", admin, json={"name": "cred-show", "devices": ["run-r1"]})
seen["shown"] = call("GET", "/instance/credential/wrong", admin)
seen["alice"] = call("GET", "/instance/credential/lab", ("alice", "alice-password"))
seen["query"] = call("GET", "/query/credential", admin, params={"priority": "5"})
seen["half_saved"] = call("GET", "/instance/credential/ghost-pool", admin)
seen["deleted"] = call("DELETE", "/instance/credential/wrong", admin)
seen["gone"] = call("GET", "/instance/credential/wrong", admin)
print(json.dumps(seen))
)PY"));
    ASSERT_EQ(seen.status("save"), 200) << seen.body("save");
    EXPECT_EQ(seen.body("save")[QLatin1String("success")].toArray(),
              (QJsonArray{QStringLiteral("lab"), QStringLiteral("wrong")}));
    const QString refused =
        QString::fromUtf8(QJsonDocument(seen.body("save")[QLatin1String("failure")].toArray())
                              .toJson(QJsonDocument::Compact));
    EXPECT_TRUE(refused.contains(QLatin1String("No pool named ghost."))) << refused;
    EXPECT_TRUE(refused.contains(QLatin1String("priority"))) << refused;
    EXPECT_TRUE(refused.contains(QLatin1String("colour"))) << refused;
    // Refused objects come back without the secrets they carried.
    EXPECT_FALSE(refused.contains(QLatin1String("password"))) << refused;

    // run-r1 is in both sets' pool: the higher priority (the wrong password) is tried and fails;
    // run-r2 is in no pool, so nothing is chosen for it.
    const QJsonValue first = seen.body("first")[QLatin1String("devices")];
    EXPECT_FALSE(first[QLatin1String("run-r1")][QLatin1String("success")].toBool()) << first;
    EXPECT_FALSE(first[QLatin1String("run-r2")][QLatin1String("success")].toBool()) << first;
    EXPECT_TRUE(first[QLatin1String("run-r2")][QLatin1String("error")].toString().contains(
        QLatin1String("credential set")))
        << first;
    // With its priority lowered, lab logs in.
    EXPECT_EQ(seen.status("lower"), 200);
    const QJsonValue second = seen.body("second")[QLatin1String("devices")];
    EXPECT_TRUE(second[QLatin1String("run-r1")][QLatin1String("success")].toBool()) << second;
    EXPECT_TRUE(second[QLatin1String("run-r1")][QLatin1String("result")].toString().contains(
        QLatin1String("Cisco IOS")))
        << second;

    // Shown without secrets; each operator sees and uses only their own sets.
    const QJsonValue shown = seen.body("shown");
    EXPECT_EQ(shown[QLatin1String("device_pools")].toArray(),
              QJsonArray{QStringLiteral("cred-r1")});
    EXPECT_EQ(shown[QLatin1String("priority")].toInt(), 1);
    EXPECT_TRUE(shown[QLatin1String("has_password")].toBool());
    EXPECT_FALSE(shown.toObject().contains(QLatin1String("password"))) << shown;
    EXPECT_EQ(seen.status("alice"), 404);
    const QJsonArray query = seen.body("query").toArray();
    ASSERT_EQ(query.size(), 1) << seen.body("query");
    EXPECT_EQ(query[0][QLatin1String("name")].toString(), QLatin1String("lab"));
    // A refused credential left nothing behind; a deleted one is gone.
    EXPECT_EQ(seen.status("half_saved"), 404);
    EXPECT_EQ(seen.status("deleted"), 200);
    EXPECT_EQ(seen.status("gone"), 404);
}
