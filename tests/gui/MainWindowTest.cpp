#include "shell/MainWindow.h"

#include "ApiListenerSettings.h"
#include "Configuration.h"
#include "CoreFixture.h"
#include "EmbeddedServer.h"
#include "HttpClient.h"
#include "inventory/DeviceListModel.h"
#include "inventory/DeviceListView.h"
#include "inventory/InventoryPage.h"
#include "shell/SignInDialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTranslator>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

class MainWindowTest : public Cairn::Test::CoreFixture
{
};

TEST_F(MainWindowTest, OffersEveryAreaAndSwitchesBetweenThem)
{
    MainWindow window(*core, addUser(QStringLiteral("admin"), true));
    window.show();
    EXPECT_EQ(window.areaTitles(),
              (QStringList{QStringLiteral("Inventory"), QStringLiteral("IP Space"),
                           QStringLiteral("Topology"), QStringLiteral("Automation"),
                           QStringLiteral("Toolkit"), QStringLiteral("Virtualisation"),
                           QStringLiteral("Provisioning"), QStringLiteral("Administration")}));
    auto *pages = window.findChild<QStackedWidget *>();
    ASSERT_TRUE(pages);
    window.showArea(5);
    EXPECT_EQ(pages->currentIndex(), 5);
    window.showArea(0);
    EXPECT_EQ(pages->currentWidget(), window.inventory());
}

TEST_F(MainWindowTest, TheSearchBoxFindsDevicesByHostnameOrSetQueryFromAnyArea)
{
    const Identity admin = addUser(QStringLiteral("admin"), true);
    const qint64 site =
        core->sites()
            .create(admin, QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("lab")}}})
            .value()
            .first()
            .id;
    QJsonArray devices;
    for (const QString &name :
         {QStringLiteral("core-1"), QStringLiteral("edge-1"), QStringLiteral("edge-2")})
        devices << QJsonObject{{QStringLiteral("site_id"), site},
                               {QStringLiteral("hostname"), name}};
    ASSERT_TRUE(core->devices().create(admin, devices, std::nullopt).ok());
    MainWindow window(*core, admin);
    window.showArea(2);
    auto *search = window.findChild<QLineEdit *>(QStringLiteral("globalSearch"));
    ASSERT_TRUE(search);
    search->setText(QStringLiteral("edge"));
    Q_EMIT search->returnPressed();
    auto *pages = window.findChild<QStackedWidget *>();
    EXPECT_EQ(pages->currentWidget(), window.inventory());
    EXPECT_EQ(window.inventory()->deviceList()->deviceModel()->rowCount(), 2);
}

TEST_F(MainWindowTest, StartsAndStopsTheRestServerInItsOwnProcess)
{
    const Identity admin = addUser(QStringLiteral("admin"), true);
    const QString key = core->tokens().create(admin.user.id, std::nullopt, false).value().key;
    // The server the program gives the window.
    EmbeddedServer server(*core, [] { return ApiService::Settings(); });
    MainWindow window(*core, admin, server.hooks());
    EXPECT_TRUE(window.serverAddress().isEmpty());
    window.startServer(QStringLiteral("127.0.0.1:0"));
    ASSERT_TRUE(window.serverAddress().startsWith(QStringLiteral("http://127.0.0.1:")));
    const auto port = quint16(window.serverAddress().section(QLatin1Char(':'), -1).toUInt());
    ASSERT_NE(port, 0);
    EXPECT_TRUE(window.findChild<QLabel *>(QStringLiteral("serverState"))
                    ->text()
                    .contains(window.serverAddress()));
    const Cairn::Test::HttpReply sites = Cairn::Test::HttpClient(port).get(
        "/api/sites/", Cairn::Test::HttpClient::token(key.toLatin1()));
    EXPECT_EQ(sites.status, 200) << sites.body.toStdString();
    window.stopServer();
    EXPECT_TRUE(window.serverAddress().isEmpty());
    EXPECT_EQ(Cairn::Test::HttpClient(port).get("/api/sites/").status, 0);
}

namespace {

// The configuration `cairn --config FILE` reads, FILE holding `text`.
Result<Configuration> configurationOf(const QTemporaryDir &folder, const QByteArray &text,
                                      QCommandLineParser &parser)
{
    const QString path = folder.filePath(QStringLiteral("cairn.ini"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        return Error::internal(QStringLiteral("cannot write the config file"));
    file.close();
    parser.addOption({QStringLiteral("config"), QString(), QStringLiteral("FILE")});
    if (!parser.parse({QStringLiteral("cairn"), QStringLiteral("--config"), path}))
        return Error::internal(parser.errorText());
    return Configuration::load(parser);
}

} // namespace

// The desktop's server reads the config file's listener settings as `cairn serve` does: its
// [http] limits hold, and settings out of range stop it starting, saying which.
TEST_F(MainWindowTest, TheBuiltInServerServesAsTheConfigFileSays)
{
    const Identity admin = addUser(QStringLiteral("admin"), true);
    const QString key = core->tokens().create(admin.user.id, std::nullopt, false).value().key;
    const QTemporaryDir folder;
    QCommandLineParser parser;
    const Result<Configuration> small =
        configurationOf(folder, "[http]\nmax_body_bytes = 2048\n", parser);
    ASSERT_TRUE(small.ok()) << small.error().message.toStdString();
    EmbeddedServer server(*core, [&small] { return ApiListenerSettings::read(small.value()); });
    const Result<QString> address = server.hooks().start(QStringLiteral("127.0.0.1:0"));
    ASSERT_TRUE(address.ok()) << address.error().message.toStdString();
    const auto port = quint16(address->section(QLatin1Char(':'), -1).toUInt());
    const Cairn::Test::HttpClient client(port);
    const Cairn::Test::Headers headers = Cairn::Test::HttpClient::token(key.toLatin1()) +
                                         Cairn::Test::Headers{{"Content-Type", "application/json"}};
    const QByteArray name(4096, 'a');
    const Cairn::Test::HttpReply large =
        client.request("POST", "/api/sites/", "{\"name\": \"" + name + "\"}", headers);
    EXPECT_EQ(large.status, 413) << large.body.toStdString();
    EXPECT_EQ(client.request("POST", "/api/sites/", "{\"name\": \"small\"}", headers).status, 201);
    server.hooks().stop();

    QCommandLineParser wrongParser;
    const Result<Configuration> wrong =
        configurationOf(folder, "[http]\nmax_connections = 0\n", wrongParser);
    ASSERT_TRUE(wrong.ok());
    EmbeddedServer refused(*core, [&wrong] { return ApiListenerSettings::read(wrong.value()); });
    const Result<QString> notStarted = refused.hooks().start(QStringLiteral("127.0.0.1:0"));
    ASSERT_FALSE(notStarted.ok());
    EXPECT_TRUE(notStarted.error().message.contains(QStringLiteral("[http]")));
}

TEST_F(MainWindowTest, AnAccountChangedElsewhereSignsTheWindowOut)
{
    const Identity admin = addUser(QStringLiteral("admin"), true);
    const Identity alice = addUser(QStringLiteral("alice"), false);
    MainWindow window(*core, alice);
    QStringList reasons;
    QObject::connect(&window, &MainWindow::signedOut,
                     [&reasons](const QString &reason) { reasons << reason; });
    window.checkAccount();
    EXPECT_TRUE(reasons.isEmpty());
    ASSERT_TRUE(core->accounts()
                    .actOnUser(admin, QString::number(alice.user.id),
                               QStringLiteral("set_password"), QStringLiteral("a new one here"))
                    .ok());
    window.checkAccount();
    ASSERT_EQ(reasons.size(), 1);
    EXPECT_TRUE(reasons.first().contains(QStringLiteral("password")));
    // Once: the window is on its way out.
    window.checkAccount();
    EXPECT_EQ(reasons.size(), 1);
}

TEST_F(MainWindowTest, ShipsAGermanTranslationThatTheWindowUses)
{
    QTranslator german;
    ASSERT_TRUE(german.load(QStringLiteral(":/i18n/cairn_de.qm")));
    QApplication::installTranslator(&german);
    MainWindow window(*core, addUser(QStringLiteral("admin"), true));
    QApplication::removeTranslator(&german);
    EXPECT_EQ(window.areaTitles().first(), QStringLiteral("Inventar"));
    EXPECT_EQ(window.areaTitles().last(), QStringLiteral("Verwaltung"));
}

TEST_F(MainWindowTest, SignInAcceptsAUserOfTheDatabaseAndRefusesAWrongPassword)
{
    addUser(QStringLiteral("alice"), false);
    SignInDialog dialog(*core, QStringLiteral("test database"));
    dialog.findChild<QLineEdit *>(QStringLiteral("username"))->setText(QStringLiteral("alice"));
    auto *password = dialog.findChild<QLineEdit *>(QStringLiteral("password"));
    password->setText(QStringLiteral("not her password"));
    dialog.accept();
    EXPECT_NE(dialog.result(), QDialog::Accepted);
    EXPECT_EQ(dialog.identity().user.id, 0);
    password->setText(QStringLiteral("long enough"));
    dialog.accept();
    EXPECT_EQ(dialog.result(), QDialog::Accepted);
    EXPECT_EQ(dialog.identity().user.username, QStringLiteral("alice"));
}

} // namespace
