#include "shell/MainWindow.h"

#include <QApplication>
#include <QListWidget>
#include <QStackedWidget>
#include <QTranslator>
#include <gtest/gtest.h>

using namespace Cairn;

TEST(MainWindow, OffersEveryAreaAndSwitchesBetweenThem)
{
    MainWindow window(QStringLiteral("sqlite:/tmp/x.sqlite"));
    window.show();
    EXPECT_EQ(window.areaTitles(),
              (QStringList{QStringLiteral("Inventory"), QStringLiteral("Topology"),
                           QStringLiteral("Automation"), QStringLiteral("Toolkit"),
                           QStringLiteral("Virtualisation"), QStringLiteral("Provisioning"),
                           QStringLiteral("Administration")}));
    auto *pages = window.findChild<QStackedWidget *>();
    ASSERT_TRUE(pages);
    window.showArea(4);
    EXPECT_EQ(pages->currentIndex(), 4);
}

TEST(MainWindow, ShipsACompleteGermanTranslation)
{
    QTranslator german;
    ASSERT_TRUE(german.load(QStringLiteral(":/i18n/cairn_de.qm")));
    QApplication::installTranslator(&german);
    MainWindow window(QStringLiteral("sqlite:/tmp/x.sqlite"));
    QApplication::removeTranslator(&german);
    EXPECT_EQ(window.areaTitles().first(), QStringLiteral("Inventar"));
    EXPECT_EQ(window.areaTitles().last(), QStringLiteral("Verwaltung"));
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
