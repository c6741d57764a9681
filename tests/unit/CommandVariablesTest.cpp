// What an operator types into a command's free-text variable reaches a device: it may neither
// chain, pipe nor redirect a command, and on hosts with a shell it is one quoted word.
#include "toolkit/VariableValues.h"
#include "transport/PlatformCatalog.h"

#include <QJsonObject>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

Command ping()
{
    Command command;
    command.command = QStringLiteral("ping <target>");
    CommandVariable target;
    target.name = QStringLiteral("target");
    command.variables = {target};
    return command;
}

// The problem with `value` as the target on `platform`, empty when it is accepted.
QString problemOn(const QString &platform, const QString &value)
{
    DeviceFacts facts;
    facts.textValue = PlatformCatalog::find(platform)->textValue;
    facts.shell = PlatformCatalog::find(platform)->useExec;
    QJsonObject problems;
    VariableValues::resolve(ping(), QJsonObject{{QStringLiteral("target"), value}}, facts,
                            &problems);
    return problems.value(QStringLiteral("target")).toString();
}

} // namespace

TEST(CommandVariables, TextCannotChainPipeOrRedirectACommand)
{
    for (const QString &platform : {QStringLiteral("cisco_ios"), QStringLiteral("arista_eos"),
                                    QStringLiteral("juniper_junos"), QStringLiteral("linux")}) {
        for (const QString &value :
             {QStringLiteral("8.8.8.8 ; reload"), QStringLiteral("8.8.8.8 | redirect flash:x"),
              QStringLiteral("x | save /var/tmp/x"), QStringLiteral("x | tee /tmp/x"),
              QStringLiteral("`reboot`"), QStringLiteral("$(reboot)"), QStringLiteral("x > y"),
              QStringLiteral("x < y"), QStringLiteral("x & y")})
            EXPECT_FALSE(problemOn(platform, value).isEmpty())
                << qPrintable(platform) << ": " << qPrintable(value);
        EXPECT_TRUE(problemOn(platform, QStringLiteral("10.0.0.1 source Loopback0")).isEmpty())
            << qPrintable(platform);
    }
    // Descriptions on network CLIs keep their punctuation; a shell gets less.
    EXPECT_TRUE(
        problemOn(QStringLiteral("cisco_ios"), QStringLiteral("uplink (rack 4) #2!")).isEmpty());
    EXPECT_FALSE(
        problemOn(QStringLiteral("linux"), QStringLiteral("uplink (rack 4) #2!")).isEmpty());
    EXPECT_FALSE(problemOn(QStringLiteral("linux"), QStringLiteral("it's")).isEmpty());
    EXPECT_FALSE(problemOn(QStringLiteral("linux"), QStringLiteral("-w/tmp/capture")).isEmpty())
        << "an option for the command";
}

TEST(CommandVariables, ValuesForAShellAreOneQuotedWord)
{
    const QHash<QString, QString> values{{QStringLiteral("target"), QStringLiteral("a b'c")}};
    EXPECT_EQ(ping().render(values), QStringLiteral("ping a b'c"));
    EXPECT_EQ(ping().render(values, true), QStringLiteral("ping 'a b'\\''c'"));
}

TEST(CommandVariables, AnAddressCarriesNoScope)
{
    Command command;
    command.command = QStringLiteral("show ip route <address>");
    CommandVariable address;
    address.name = QStringLiteral("address");
    address.type = QStringLiteral("ip");
    command.variables = {address};
    DeviceFacts facts;
    facts.textValue = PlatformProfile::cliTextValue();
    facts.addresses = {QStringLiteral("2001:db8::1")};
    QJsonObject problems;
    VariableValues::resolve(
        command,
        QJsonObject{{QStringLiteral("address"), QStringLiteral("fe80::1%x | redirect flash:o")}},
        facts, &problems);
    EXPECT_TRUE(problems.contains(QStringLiteral("address")));
    problems = {};
    VariableValues::resolve(command,
                            QJsonObject{{QStringLiteral("address"), QStringLiteral("2001:db8::1")}},
                            facts, &problems);
    EXPECT_TRUE(problems.isEmpty());
    // A device with no addresses offers none to choose: an error, not an unchecked value.
    facts.addresses.clear();
    VariableValues::resolve(command,
                            QJsonObject{{QStringLiteral("address"), QStringLiteral("2001:db8::1")}},
                            facts, &problems);
    EXPECT_EQ(problems.value(QStringLiteral("address")).toString(),
              QStringLiteral("The device has no IP addresses in the inventory to choose from."));
}
