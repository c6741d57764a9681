#include "ServerFixture.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Cairn::Test;

// The toolkit's command catalogue, NetBox-style.
class ToolkitCommandsApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite()
    {
        startServer();
        const HttpReply created = admin("POST", Base, R"([
            {"name": "Show version", "command": "show version", "platforms": ["cisco_ios", "eos"],
             "description": "Software and uptime", "tags": ["inventory"]},
            {"name": "Interface status", "command": "show interfaces <interface> status",
             "platforms": [{"slug": "cisco_ios"}],
             "variables": [{"name": "interface", "variable_type": "interface",
                            "help_text": "An interface of the device"}]},
            {"name": "Shut VLAN", "command": "vlan <vlan_id>", "command_type": "config",
             "platforms": ["junos"],
             "variables": [{"name": "vlan_id", "variable_type": "vlan", "display_name": "VLAN"}]}
        ])");
        ASSERT_EQ(created.status, 201) << created.body.constData();
    }

    static QStringList namesOf(const HttpReply &reply)
    {
        QStringList names;
        for (const QJsonValue row : reply.json()[QStringLiteral("results")].toArray())
            names << row[QStringLiteral("name")].toString();
        return names;
    }

    static constexpr const char *Base = "/api/plugins/toolkit/commands/";
};

TEST_F(ToolkitCommandsApiTest, CommandsHaveNetboxShape)
{
    const HttpReply page = admin("GET", QByteArray(Base) + "?name=Interface%20status");
    ASSERT_EQ(page.status, 200);
    ASSERT_EQ(page.json()[QStringLiteral("count")].toInt(), 1);
    const QJsonObject command = page.json()[QStringLiteral("results")][0].toObject();
    EXPECT_TRUE(command[QStringLiteral("url")].toString().endsWith(
        QStringLiteral("/api/plugins/toolkit/commands/%1/")
            .arg(command[QStringLiteral("id")].toInt())));
    EXPECT_EQ(command[QStringLiteral("display")].toString(), QStringLiteral("Interface status"));
    EXPECT_EQ(command[QStringLiteral("command_type")].toString(), QStringLiteral("show"));
    EXPECT_EQ(command[QStringLiteral("platforms")][0][QStringLiteral("slug")].toString(),
              QStringLiteral("cisco_ios"));
    const QJsonObject variable = command[QStringLiteral("variables")][0].toObject();
    EXPECT_EQ(variable[QStringLiteral("variable_type")].toString(), QStringLiteral("interface"));
    EXPECT_TRUE(variable[QStringLiteral("required")].toBool()) << "required unless told otherwise";
    EXPECT_EQ(variable[QStringLiteral("display_name")].toString(), QStringLiteral("interface"));
    EXPECT_TRUE(command.contains(QStringLiteral("created")));
    EXPECT_TRUE(command.contains(QStringLiteral("last_updated")));

    const HttpReply brief = admin("GET", QByteArray(Base) + "?brief=true&ordering=name");
    const QJsonObject first = brief.json()[QStringLiteral("results")][0].toObject();
    EXPECT_EQ(first.keys(),
              (QStringList{QStringLiteral("command_type"), QStringLiteral("display"),
                           QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("url")}));
}

TEST_F(ToolkitCommandsApiTest, FiltersAndOrdering)
{
    EXPECT_EQ(namesOf(admin("GET", QByteArray(Base) + "?platform_slug=ios&ordering=-name")),
              (QStringList{QStringLiteral("Show version"), QStringLiteral("Interface status")}))
        << "an alias finds its platform";
    EXPECT_EQ(namesOf(admin("GET", QByteArray(Base) + "?command_type=config")),
              QStringList{QStringLiteral("Shut VLAN")});
    EXPECT_EQ(namesOf(admin("GET", QByteArray(Base) + "?q=UPTIME")),
              QStringList{QStringLiteral("Show version")})
        << "q searches descriptions too";
    EXPECT_EQ(namesOf(admin("GET", QByteArray(Base) + "?name_icontains=VERS")),
              QStringList{QStringLiteral("Show version")});
    EXPECT_EQ(namesOf(admin("GET", QByteArray(Base) + "?tag=inventory")),
              QStringList{QStringLiteral("Show version")});
    EXPECT_EQ(namesOf(admin("GET", QByteArray(Base) + "?q=%25")), QStringList())
        << "% is a character, not a wildcard (as one it would match all three)";
    EXPECT_EQ(namesOf(admin("GET", QByteArray(Base) + "?q=_")),
              QStringList{QStringLiteral("Shut VLAN")})
        << "_ only where a name, command or description holds one (vlan <vlan_id>)";
    EXPECT_EQ(admin("GET", QByteArray(Base) + "?created_after=2000-01-01")
                  .json()[QStringLiteral("count")]
                  .toInt(),
              3);
    EXPECT_EQ(admin("GET", QByteArray(Base) + "?created_before=2000-01-01")
                  .json()[QStringLiteral("count")]
                  .toInt(),
              0);
    const HttpReply badDate = admin("GET", QByteArray(Base) + "?created_after=yesterday");
    EXPECT_EQ(badDate.status, 400);
    EXPECT_TRUE(badDate.json().toObject().contains(QStringLiteral("created_after")));
    const QJsonObject limited =
        admin("GET", QByteArray(Base) + "?limit=1&ordering=name").json().toObject();
    EXPECT_EQ(limited[QStringLiteral("count")].toInt(), 3);
    EXPECT_TRUE(limited[QStringLiteral("next")].toString().contains(QStringLiteral("offset=1")));
}

TEST_F(ToolkitCommandsApiTest, BadCommandsNameTheFieldAndSaveNothing)
{
    const auto fieldsOf = [](const char *body) {
        const HttpReply reply = admin("POST", Base, body);
        EXPECT_EQ(reply.status, 400) << body;
        return reply.json().toObject().keys();
    };
    EXPECT_EQ(fieldsOf(R"({"name": "x", "command": "show <what>", "platforms": ["ios"]})"),
              QStringList{QStringLiteral("command")})
        << "an undeclared placeholder";
    EXPECT_EQ(fieldsOf(R"({"name": "x", "command": "show clock", "platforms": ["ios"],
                           "variables": [{"name": "unused"}]})"),
              QStringList{QStringLiteral("variables")});
    EXPECT_EQ(fieldsOf(R"({"name": "x", "command": "show <1bad>", "platforms": ["ios"],
                           "variables": [{"name": "1bad"}]})"),
              QStringList{QStringLiteral("variables")});
    EXPECT_EQ(fieldsOf(R"({"name": "x", "command": "show clock", "platforms": ["vms"]})"),
              QStringList{QStringLiteral("platforms")});
    EXPECT_EQ(fieldsOf(R"({"name": "x", "command": "show clock"})"),
              QStringList{QStringLiteral("platforms")});
    EXPECT_EQ(fieldsOf(R"({"name": "x", "command": "show clock", "platforms": ["ios"],
                           "command_type": "exec"})"),
              QStringList{QStringLiteral("command_type")});
    EXPECT_EQ(
        fieldsOf(R"({"name": "Show version", "command": "show clock", "platforms": ["ios"]})"),
        QStringList{QStringLiteral("name")})
        << "names are unique";
    EXPECT_EQ(fieldsOf(R"([{"name": "ok", "command": "show clock", "platforms": ["ios"]},
                           {"name": "", "command": "show clock", "platforms": ["ios"]}])"),
              QStringList{QStringLiteral("[1].name")})
        << "the item is named by its index";
    EXPECT_EQ(admin("GET", QByteArray(Base) + "?name=ok").json()[QStringLiteral("count")].toInt(),
              0)
        << "a bulk create with one bad item creates none";
}

TEST_F(ToolkitCommandsApiTest, UpdatesAndDeletes)
{
    const HttpReply created = admin("POST", Base, R"([
        {"name": "tmp-a", "command": "show clock", "platforms": ["ios"]},
        {"name": "tmp-b", "command": "show users", "platforms": ["ios"]}])");
    ASSERT_EQ(created.status, 201);
    const int a = created.json()[0][QStringLiteral("id")].toInt();
    const int b = created.json()[1][QStringLiteral("id")].toInt();
    const QByteArray pathA = QByteArray(Base) + QByteArray::number(a) + "/";

    const HttpReply patched = admin("PATCH", pathA, R"({"description": "time"})");
    ASSERT_EQ(patched.status, 200);
    EXPECT_EQ(patched.json()[QStringLiteral("description")].toString(), QStringLiteral("time"));
    EXPECT_EQ(patched.json()[QStringLiteral("command")].toString(), QStringLiteral("show clock"));
    EXPECT_EQ(admin("PUT", pathA, R"({"name": "tmp-a"})").status, 400) << "PUT needs the command";

    const HttpReply bulk = admin("PATCH", Base,
                                 QStringLiteral(R"([{"id": %1, "command_type": "config"},
                                                    {"id": %2, "command_type": "config"}])")
                                     .arg(a)
                                     .arg(b)
                                     .toUtf8());
    ASSERT_EQ(bulk.status, 200) << bulk.body.constData();
    EXPECT_EQ(bulk.json()[1][QStringLiteral("command_type")].toString(), QStringLiteral("config"));

    EXPECT_EQ(
        admin("DELETE", Base, QStringLiteral(R"([{"id": %1}, {"id": 999999}])").arg(a).toUtf8())
            .status,
        404);
    EXPECT_EQ(admin("GET", pathA).status, 200) << "a failed bulk delete deletes nothing";
    EXPECT_EQ(
        admin("DELETE", Base, QStringLiteral(R"([{"id": %1}, {"id": %2}])").arg(a).arg(b).toUtf8())
            .status,
        204);
    EXPECT_EQ(admin("GET", pathA).status, 404);
    EXPECT_EQ(admin("GET", QByteArray(Base) + "abc/").status, 404);
}

TEST_F(ToolkitCommandsApiTest, WritingNeedsPermissionReadingDoesNot)
{
    const Headers alice = HttpClient::token(s_aliceToken);
    EXPECT_EQ(client().get(Base, alice).status, 200);
    const HttpReply denied = client().request(
        "POST", Base, R"({"name": "mine", "command": "show clock", "platforms": ["ios"]})", alice);
    EXPECT_EQ(denied.status, 403);
    EXPECT_TRUE(denied.json().toObject().contains(QStringLiteral("detail")));
}

// execute_show is for operators who may look but not touch: a command catalogued as show must
// only read on every platform it is for, or execute_show could reload the device.
TEST_F(ToolkitCommandsApiTest, AShowCommandMustOnlyRead)
{
    const int before = admin("GET", Base).json()[QStringLiteral("count")].toInt();
    const QList<QByteArray> refused{
        R"({"name": "Reload", "command": "reload", "platforms": ["cisco_ios"]})",
        R"({"name": "Save", "command": "show running-config | redirect flash:run.txt",
            "platforms": ["cisco_ios"]})",
        R"({"name": "Junos save", "command": "show configuration | save /var/tmp/c",
            "platforms": ["juniper_junos"]})",
        R"({"name": "Chained", "command": "show version; reload", "platforms": ["cisco_ios"]})",
        R"({"name": "Copy", "command": "copy running-config startup-config",
            "platforms": ["arista_eos"]})",
        R"({"name": "Show on two", "command": "display version",
            "platforms": ["generic", "cisco_ios"]})",
        R"({"name": "Shell", "command": "cat /etc/hostname && reboot", "platforms": ["linux"]})",
        R"({"name": "Sorted", "command": "cat /dev/null | sort -o /etc/passwd",
            "platforms": ["linux"]})",
        R"({"name": "Quoted", "command": "cat '<file>'", "platforms": ["linux"],
            "variables": [{"name": "file", "variable_type": "text"}]})",
        R"({"name": "Odd placeholder", "command": "cat /etc/hostname <a-b>/tmp/x",
            "platforms": ["linux"]})",
    };
    for (const QByteArray &body : refused) {
        const HttpReply reply = admin("POST", Base, body);
        EXPECT_EQ(reply.status, 400) << body.constData();
        EXPECT_TRUE(reply.json()[QStringLiteral("command")][0].toString().contains(
            QLatin1String("command_type \"config\"")))
            << reply.body.constData();
    }
    // A control character is refused for every command: a device's line editor acts on it
    // (Ctrl-U erases "show clock" and leaves the rest to run).
    const HttpReply erased = admin(
        "POST", Base,
        R"({"name": "Erased", "command": "show clock\u0015clear ip bgp *", "platforms": ["cisco_ios"]})");
    EXPECT_EQ(erased.status, 400) << erased.body.constData();
    EXPECT_TRUE(
        erased.json()[QStringLiteral("command")][0].toString().contains(QLatin1String("printable")))
        << erased.body.constData();
    EXPECT_EQ(admin("GET", Base).json()[QStringLiteral("count")].toInt(), before)
        << "nothing refused was saved";

    const QList<QByteArray> accepted{
        R"({"name": "Run include", "command": "sh run | inc <word>", "platforms": ["cisco_ios"],
            "variables": [{"name": "word", "variable_type": "text"}]})",
        R"({"name": "Junos routes", "command": "show route | match 10.0 | count",
            "platforms": ["juniper_junos"]})",
        R"({"name": "Reload as config", "command": "reload", "command_type": "config",
            "platforms": ["cisco_ios"]})",
    };
    for (const QByteArray &body : accepted) {
        const HttpReply reply = admin("POST", Base, body);
        EXPECT_EQ(reply.status, 201) << body.constData() << reply.body.constData();
    }
    // Turning a config command into a show command is checked the same way.
    const HttpReply reload = admin("GET", QByteArray(Base) + "?name=Reload%20as%20config");
    const QByteArray id = QByteArray::number(
        reload.json()[QStringLiteral("results")][0][QStringLiteral("id")].toInt());
    const HttpReply demoted =
        admin("PATCH", QByteArray(Base) + id + "/", R"({"command_type": "show"})");
    EXPECT_EQ(demoted.status, 400) << demoted.body.constData();
    EXPECT_EQ(admin("GET", QByteArray(Base) + id + "/").json()[QStringLiteral("command_type")],
              QStringLiteral("config"));
}
