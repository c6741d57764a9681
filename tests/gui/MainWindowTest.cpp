#include "shell/MainWindow.h"

#include "CoreFixture.h"
#include "inventory/InventoryPage.h"
#include "shell/SignInDialog.h"

#include <QApplication>
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
