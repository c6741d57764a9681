#include "CoreFixture.h"
#include "admin/CredentialSetDialog.h"
#include "admin/NewTokenDialog.h"
#include "common/Theme.h"
#include "demo/DemoNetwork.h"
#include "inventory/AttributeDefinitionsDialog.h"
#include "inventory/DeviceDialog.h"
#include "inventory/DeviceListModel.h"
#include "inventory/DeviceListView.h"
#include "inventory/InventoryPage.h"
#include "inventory/InventoryTreeModel.h"
#include "inventory/InventoryTreeView.h"
#include "ipam/AssignAddressDialog.h"
#include "ipam/IpSpacePage.h"
#include "ipam/NetworkTreeModel.h"
#include "ipam/NextFreeDialog.h"
#include "jobs/JobsPanel.h"
#include "jobs/StopJobsDialog.h"
#include "shell/ConnectionDialog.h"
#include "shell/MainWindow.h"
#include "topology/TopologyPage.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QImage>
#include <QLineEdit>
#include <QSettings>
#include <QTest>
#include <QTranslator>
#include <QTreeView>
#include <atomic>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

class ScreenshotTest : public Cairn::Test::CoreFixture
{
};

// Every area with the demonstration network, in English and German, light and dark, as PNG
// files a person can look at (the folder is printed), named area-language-theme.png.
TEST_F(ScreenshotTest, RendersEveryAreaInBothLanguagesAndThemes)
{
    ASSERT_TRUE(DemoNetwork::load(*core).ok());
    // As a first start shows it, not as an earlier test left the layout.
    QSettings().clear();
    const Identity admin = addUser(QStringLiteral("admin"), true);
    const QDir folder(QStringLiteral(CAIRN_SCREENSHOT_DIR));
    ASSERT_TRUE(folder.mkpath(QStringLiteral(".")));
    std::printf("screenshots in %s\n", qPrintable(folder.absolutePath()));
    QHash<QString, int> lightness;
    qsizetype areaCount = 0;
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("de")}) {
        QTranslator german;
        if (language == QLatin1String("de")) {
            ASSERT_TRUE(german.load(QStringLiteral(":/i18n/cairn_de.qm")));
            QApplication::installTranslator(&german);
        }
        for (const auto &[themeName, mode] :
             {std::pair{QStringLiteral("light"), Theme::Mode::Light},
              std::pair{QStringLiteral("dark"), Theme::Mode::Dark}}) {
            Theme::apply(mode);
            MainWindow window(*core, admin);
            window.resize(1280, 800);
            window.show();
            DeviceListView *devices = window.inventory()->deviceList();
            devices->selectDevice(devices->deviceModel()->deviceId(0));
            // A site open down to a device's interfaces.
            auto *tree = window.inventory()->findChild<InventoryTreeView *>();
            const QModelIndex site = tree->treeModel()->index(2, 0);
            tree->treeModel()->fetchMore(site);
            tree->expand(site);
            tree->expand(tree->treeModel()->index(0, 0, site));
            NetworkFilter firstNetwork;
            firstNetwork.byAddress = true;
            firstNetwork.limit = 1;
            window.ipSpace()->selectNetwork(core->networks().list(firstNetwork).value().first().id);
            const QStringList areas = window.areaTitles();
            areaCount = areas.size();
            for (int area = 0; area < areas.size(); ++area) {
                window.showArea(area);
                // The first window lays the topology out; the others show what it saved.
                ASSERT_TRUE(QTest::qWaitFor([&window] { return !window.topology()->isArranging(); },
                                            20000));
                QApplication::processEvents();
                const QImage shot = window.grab().toImage();
                const QString name =
                    QStringLiteral("area%1-%2-%3.png").arg(area + 1).arg(language, themeName);
                ASSERT_TRUE(shot.save(folder.filePath(name))) << name.toStdString();
                if (area == 0)
                    lightness.insert(
                        themeName,
                        shot.pixelColor(shot.width() / 2, shot.height() / 2).lightness());
            }
        }
        QApplication::removeTranslator(&german);
    }
    Theme::apply(Theme::Mode::Light);
    EXPECT_EQ(folder.entryList({QStringLiteral("area*.png")}).size(), areaCount * 4);
    EXPECT_LT(lightness.value(QStringLiteral("dark")), lightness.value(QStringLiteral("light")));
}

// The dialogs and the jobs dock, as a person meets them: a refused hostname beside its field,
// the next free addresses, a new token, and the window with its jobs listed.
TEST_F(ScreenshotTest, RendersTheDialogsAndTheJobsDock)
{
    ASSERT_TRUE(DemoNetwork::load(*core).ok());
    const Identity admin = addUser(QStringLiteral("admin"), true);
    const QDir folder(QStringLiteral(CAIRN_SCREENSHOT_DIR));
    ASSERT_TRUE(folder.mkpath(QStringLiteral(".")));
    Theme::apply(Theme::Mode::Light);
    const auto save = [&folder](QWidget &widget, const QString &name) {
        widget.show();
        QApplication::processEvents();
        EXPECT_TRUE(widget.grab().save(folder.filePath(name))) << name.toStdString();
    };
    DeviceDialog device(*core, admin, std::nullopt);
    device.findChild<QLineEdit *>(QStringLiteral("hostname"))->setText(QStringLiteral("bad name!"));
    device.accept();
    save(device, QStringLiteral("dialog-device-error.png"));
    NetworkFilter firstNetwork;
    firstNetwork.byAddress = true;
    firstNetwork.limit = 1;
    NextFreeDialog addresses(*core, admin, core->networks().list(firstNetwork).value().first(),
                             NextFreeDialog::Kind::Addresses);
    save(addresses, QStringLiteral("dialog-next-addresses.png"));
    const qint64 lax = core->devices().get(QStringLiteral("lax-core1")).value().siteId;
    AssignAddressDialog assign(*core, admin, lax, QStringLiteral("10.10.10.40/32"));
    assign.findChild<QLineEdit *>(QStringLiteral("device"))->setText(QStringLiteral("lax-core1"));
    save(assign, QStringLiteral("dialog-assign-address.png"));
    NewTokenDialog token(*core, admin);
    save(token, QStringLiteral("dialog-new-token.png"));
    AttributeDefinitionsDialog attributes(*core, admin, lax, QStringLiteral("Demo LAX"));
    save(attributes, QStringLiteral("dialog-attribute-definitions.png"));
    CredentialSetDialog credentials(*core, admin, std::nullopt);
    save(credentials, QStringLiteral("dialog-credential-set.png"));
    ConnectionProfiles::save({{QStringLiteral("Production"),
                               QStringLiteral("postgresql://cairn@db.example.net:5432/cairn?"
                                              "sslmode=verify-full")}});
    ConnectionDialog connection(m_dir.path(), [](const DatabaseConfig &) -> Result<void> {
        return Error::unavailable(QString(), QStringLiteral("not in a screenshot"));
    });
    connection.selectProfile(QStringLiteral("Production"));
    save(connection, QStringLiteral("dialog-connection.png"));
    ASSERT_TRUE(core->jobs()
                    .submit(QStringLiteral("screenshot"), {}, admin.user.id,
                            [](JobContext &) -> Result<QJsonObject> { return QJsonObject(); })
                    .ok());
    MainWindow window(*core, admin);
    window.resize(1280, 800);
    window.findChild<QDockWidget *>(QStringLiteral("jobsDock"))->show();
    window.jobs()->reload();
    save(window, QStringLiteral("window-jobs-dock.png"));
    // Quitting while a job runs on (one that will not stop until let go).
    std::atomic_bool release = false;
    ASSERT_TRUE(core->jobs()
                    .submit(QStringLiteral("toolkit_execution"), {}, admin.user.id,
                            [&release](JobContext &) -> Result<QJsonObject> {
                                while (!release)
                                    QThread::msleep(5);
                                return QJsonObject();
                            })
                    .ok());
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return StopJobsDialog::unfinished(core->jobs()) == 1; }, 5000));
    StopJobsDialog stopping(core->jobs(), MainWindow::StopJobsDeadlineMs, &window);
    save(stopping, QStringLiteral("dialog-stop-jobs.png"));
    release = true;
    ASSERT_TRUE(core->jobs().waitForIdle(5000));
}

} // namespace
