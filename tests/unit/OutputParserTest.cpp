#include "toolkit/OutputParser.h"

#include "QtPrinters.h"
#include "Sanitizers.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

// What the test devices print for a command (tests/support/device_emulator.py in exec mode).
QString emulatedOutput(const QString &platform, const QString &hostname, const QString &command)
{
    QProcess device;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SSH_ORIGINAL_COMMAND"), command);
    device.setProcessEnvironment(environment);
    device.start(QStringLiteral("python3"),
                 {QStringLiteral(CAIRN_DEVICE_EMULATOR), platform, hostname});
    device.closeWriteChannel();
    device.waitForFinished(10000);
    return QString::fromUtf8(device.readAllStandardOutput());
}

// `typed` as an operator would type it, `command` as the device runs it.
QJsonObject parsedFromDevice(OutputParser &parser, const char *platform, const char *hostname,
                             const char *typed, const char *command)
{
    return parser.parse(
        QLatin1String(platform), QLatin1String(hostname), QLatin1String(typed),
        emulatedOutput(QLatin1String(platform), QLatin1String(hostname), QLatin1String(command)));
}

QJsonObject firstRecord(const QJsonObject &parsed)
{
    return parsed[QStringLiteral("data")].toArray().first().toObject();
}

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
}

} // namespace

TEST(OutputParserTest, ShippedTemplatesParseWhatTheDevicesPrint)
{
    CAIRN_SKIP_IF_PROGRAMS_CANNOT_START();
    OutputParser parser;
    const QJsonObject ios =
        parsedFromDevice(parser, "cisco_ios", "R1", "show version", "show version");
    ASSERT_TRUE(ios[QStringLiteral("success")].toBool()) << ios;
    EXPECT_EQ(ios[QStringLiteral("method")], QStringLiteral("textfsm"));
    EXPECT_EQ(ios[QStringLiteral("template")], QStringLiteral("cisco_ios_show_version.textfsm"));
    const QJsonObject version = firstRecord(ios);
    EXPECT_EQ(version[QStringLiteral("version")], QStringLiteral("15.5(3)S5"));
    EXPECT_EQ(version[QStringLiteral("hostname")], QStringLiteral("R1"));
    EXPECT_EQ(version[QStringLiteral("uptime")],
              QStringLiteral("4 weeks, 2 days, 3 hours, 12 minutes"));
    EXPECT_EQ(version[QStringLiteral("hardware")], QJsonArray{QStringLiteral("ISR4451-X/K9")});
    EXPECT_EQ(version[QStringLiteral("serial")], QJsonArray{QStringLiteral("FTX1842AHM5")});
    EXPECT_EQ(version[QStringLiteral("config_register")], QStringLiteral("0x2102"));

    const QJsonObject brief =
        parsedFromDevice(parser, "cisco_ios", "R1", "sh ip int br", "show ip interface brief");
    ASSERT_TRUE(brief[QStringLiteral("success")].toBool()) << brief;
    const QJsonArray interfaces = brief[QStringLiteral("data")].toArray();
    ASSERT_EQ(interfaces.size(), 4);
    EXPECT_EQ(interfaces[2].toObject(),
              (QJsonObject{{QStringLiteral("interface"), QStringLiteral("GigabitEthernet0/0/2")},
                           {QStringLiteral("ip_address"), QStringLiteral("unassigned")},
                           {QStringLiteral("status"), QStringLiteral("administratively down")},
                           {QStringLiteral("proto"), QStringLiteral("down")}}));

    const QJsonObject eos =
        parsedFromDevice(parser, "arista_eos", "S1", "show version", "show version");
    ASSERT_TRUE(eos[QStringLiteral("success")].toBool()) << eos;
    EXPECT_EQ(firstRecord(eos)[QStringLiteral("serial_number")], QStringLiteral("JPE16121234"));
    EXPECT_EQ(firstRecord(eos)[QStringLiteral("image")], QStringLiteral("4.20.1F"));

    const QJsonObject junos =
        parsedFromDevice(parser, "juniper_junos", "J1", "show version", "show version");
    ASSERT_TRUE(junos[QStringLiteral("success")].toBool()) << junos;
    EXPECT_EQ(firstRecord(junos)[QStringLiteral("version")], QStringLiteral("18.2R3.4"));
    EXPECT_EQ(firstRecord(junos)[QStringLiteral("model")], QStringLiteral("mx480"));

    const QJsonObject host = parsedFromDevice(parser, "linux", "H1", "uname -a", "uname -a");
    ASSERT_TRUE(host[QStringLiteral("success")].toBool()) << host;
    EXPECT_EQ(firstRecord(host)[QStringLiteral("kernel_release")],
              QStringLiteral("6.1.0-13-amd64"));
}

TEST(OutputParserTest, SaysExplicitlyWhenNothingParsesTheOutput)
{
    OutputParser parser;
    const QJsonObject unknown = parser.parse(QStringLiteral("cisco_ios"), QStringLiteral("R1"),
                                             QStringLiteral("show clock"), QStringLiteral("x"));
    EXPECT_EQ(unknown[QStringLiteral("success")], false);
    EXPECT_EQ(unknown[QStringLiteral("method")], QStringLiteral("none"));
    EXPECT_TRUE(unknown[QStringLiteral("error")].toString().contains(QLatin1String("show clock")));
    // Platforms match whole: a cisco_ios row never parses IOS XR output.
    EXPECT_EQ(parser.parse(QStringLiteral("cisco_iosxr"), QStringLiteral("R1"),
                           QStringLiteral("show version"),
                           QStringLiteral("x"))[QStringLiteral("method")],
              QStringLiteral("none"));
    // The interface template refuses a line it does not know rather than drop an interface.
    const QJsonObject refused = parser.parse(
        QStringLiteral("cisco_ios"), QStringLiteral("R1"), QStringLiteral("show ip int brief"),
        QStringLiteral("Interface  IP-Address  OK? Method Status  Protocol\n"
                       "Gi0/0  192.0.2.1  YES NVRAM  up  up\n% Truncated\n"));
    EXPECT_EQ(refused[QStringLiteral("success")], false);
    EXPECT_EQ(refused[QStringLiteral("method")], QStringLiteral("textfsm"));
    EXPECT_TRUE(refused[QStringLiteral("error")].toString().contains(QLatin1String("% Truncated")))
        << refused;
}

TEST(OutputParserTest, AUserFolderComesFirstAndItsEditsArePickedUp)
{
    CAIRN_SKIP_IF_PROGRAMS_CANNOT_START();
    QTemporaryDir folder;
    ASSERT_TRUE(folder.isValid());
    writeFile(folder.filePath(QStringLiteral("index")),
              "# mine\nTemplate, Hostname, Platform, Command\n\n"
              "my_version.textfsm, .*, cisco_ios, sh[[ow]] ver[[sion]]\n");
    writeFile(folder.filePath(QStringLiteral("my_version.textfsm")),
              "Value UPTIME (.+)\n\nStart\n  ^\\S+ uptime is ${UPTIME}\n");
    ASSERT_TRUE(OutputParser::checkFolder(folder.path()).ok());
    OutputParser parser(folder.path());
    const QString output = emulatedOutput(QStringLiteral("cisco_ios"), QStringLiteral("R1"),
                                          QStringLiteral("show version"));
    const QJsonObject mine = parser.parse(QStringLiteral("cisco_ios"), QStringLiteral("R1"),
                                          QStringLiteral("sho ver"), output);
    EXPECT_EQ(mine[QStringLiteral("template")], QStringLiteral("my_version.textfsm")) << mine;
    EXPECT_EQ(firstRecord(mine).keys(), QStringList{QStringLiteral("uptime")});
    // Commands the folder does not know still use the shipped templates.
    EXPECT_EQ(parser.parse(QStringLiteral("arista_eos"), QStringLiteral("S1"),
                           QStringLiteral("show version"),
                           QStringLiteral("Arista X\n"))[QStringLiteral("template")],
              QStringLiteral("arista_eos_show_version.textfsm"));

    // A broken edit is reported with the file and the line; the next fix is used.
    QThread::msleep(1100); // file times may have a one-second resolution
    writeFile(folder.filePath(QStringLiteral("my_version.textfsm")),
              "Value UPTIME (.+)\n\nStart\n  ^\\S+ uptime is ${UPTIME} -> Continue Start\n");
    const QJsonObject broken = parser.parse(QStringLiteral("cisco_ios"), QStringLiteral("R1"),
                                            QStringLiteral("show version"), output);
    EXPECT_EQ(broken[QStringLiteral("success")], false);
    EXPECT_EQ(broken[QStringLiteral("error")],
              QStringLiteral("my_version.textfsm: Action 'Continue' with new state Start "
                             "specified. Line: 4."));
    QThread::msleep(1100);
    writeFile(folder.filePath(QStringLiteral("my_version.textfsm")),
              "Value HOST (\\S+)\n\nStart\n  ^${HOST} uptime is\n");
    EXPECT_EQ(
        firstRecord(parser.parse(QStringLiteral("cisco_ios"), QStringLiteral("R1"),
                                 QStringLiteral("show version"), output))[QStringLiteral("host")],
        QStringLiteral("R1"));
}

TEST(OutputParserTest, RefusesAFolderWithoutAValidIndex)
{
    QTemporaryDir folder;
    ASSERT_TRUE(folder.isValid());
    EXPECT_FALSE(OutputParser::checkFolder(folder.path()).ok());
    writeFile(folder.filePath(QStringLiteral("index")),
              "Template, Platform, Command\nx.textfsm, cisco_ios, show (\n");
    const Result<void> checked = OutputParser::checkFolder(folder.path());
    ASSERT_FALSE(checked.ok());
    EXPECT_TRUE(checked.error().message.contains(QLatin1String("line 2")))
        << checked.error().message.toStdString();
}
