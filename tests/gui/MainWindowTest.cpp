#include "shell/MainWindow.h"

#include "CoreFixture.h"
#include "EmbeddedServer.h"
#include "HttpClient.h"
#include "inventory/DeviceListModel.h"
#include "inventory/DeviceListView.h"
#include "inventory/InventoryPage.h"
#include "shell/SignInDialog.h"

#include <QApplication>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QStackedWidget>
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
    EmbeddedServer server(*core);
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
