#include "inventory/InventoryPage.h"

#include "CoreFixture.h"
#include "HttpClient.h"
#include "ServerProcess.h"
#include "common/CoreEvents.h"
#include "common/ErrorLabel.h"
#include "inventory/AttributeDialog.h"
#include "inventory/AttributeListWidget.h"
#include "inventory/BulkAttributeDialog.h"
#include "inventory/DeviceDialog.h"
#include "inventory/DeviceListModel.h"
#include "inventory/DeviceListView.h"
#include "inventory/InventoryTreeModel.h"
#include "inventory/InventoryTreeView.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

class InventoryPageTest : public Cairn::Test::CoreFixture
{
protected:
    void SetUp() override
    {
        CoreFixture::SetUp();
        admin = addUser(QStringLiteral("admin"), true);
        const Result<QList<Site>> made = core->sites().create(
            admin, QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("lab")}}});
        ASSERT_TRUE(made.ok());
        siteId = made->first().id;
    }

    // Devices lab-001 ... through the core, as the API would make them.
    void addDevices(int count)
    {
        QJsonArray items;
        for (int i = 1; i <= count; ++i)
            items << QJsonObject{{QStringLiteral("site_id"), siteId},
                                 {QStringLiteral("hostname"),
                                  QStringLiteral("lab-%1").arg(i, 3, 10, QLatin1Char('0'))}};
        ASSERT_TRUE(core->devices().create(admin, items, std::nullopt).ok());
    }

    void addAttribute(const QString &name)
    {
        ASSERT_TRUE(core->attributes()
                        .create(admin,
                                QJsonArray{QJsonObject{
                                    {QStringLiteral("name"), name},
                                    {QStringLiteral("resource_name"), QStringLiteral("Device")}}},
                                siteId)
                        .ok());
    }

    static QAction *action(const InventoryPage &page, const QString &name)
    {
        return page.findChild<QAction *>(name);
    }

    qint64 deviceCount() { return core->devices().count(DeviceFilter{}).value(); }

    Identity admin;
    qint64 siteId = 0;
};

TEST_F(InventoryPageTest, AnInvalidHostnameIsShownBesideItsFieldAndNothingIsSaved)
{
    DeviceDialog dialog(*core, admin, siteId);
    dialog.findChild<QLineEdit *>(QStringLiteral("hostname"))->setText(QStringLiteral("bad name!"));
    dialog.findChild<QLineEdit *>(QStringLiteral("ip_address"))
        ->setText(QStringLiteral("192.0.2.1"));
    dialog.accept();

    EXPECT_NE(dialog.result(), QDialog::Accepted);
    const auto *error = dialog.findChild<ErrorLabel *>(QStringLiteral("hostnameError"));
    ASSERT_TRUE(error);
    EXPECT_FALSE(error->isHidden());
    EXPECT_TRUE(error->text().contains(QStringLiteral("bad name!"))) << error->text().toStdString();
    EXPECT_EQ(deviceCount(), 0);

    dialog.findChild<QLineEdit *>(QStringLiteral("hostname"))->setText(QStringLiteral("core-1"));
    dialog.accept();
    EXPECT_EQ(dialog.result(), QDialog::Accepted);
    EXPECT_TRUE(error->isHidden());
    const Result<Device> saved = core->devices().get(QString::number(dialog.deviceId()));
    ASSERT_TRUE(saved.ok());
    EXPECT_EQ(saved->hostname, QStringLiteral("core-1"));
    EXPECT_EQ(saved->ipAddress, QStringLiteral("192.0.2.1"));
}

TEST_F(InventoryPageTest, EditingKeepsWhatTheFormDoesNotShowAndRemovesAnEmptiedAttribute)
{
    addAttribute(QStringLiteral("role"));
    ASSERT_TRUE(core->devices()
                    .create(admin,
                            QJsonArray{QJsonObject{
                                {QStringLiteral("site_id"), siteId},
                                {QStringLiteral("hostname"), QStringLiteral("edge-1")},
                                {QStringLiteral("os_version"), QStringLiteral("17.3")},
                                {QStringLiteral("attributes"),
                                 QJsonObject{{QStringLiteral("role"), QStringLiteral("edge")}}}}},
                            std::nullopt)
                    .ok());
    const Device device = core->devices().get(QStringLiteral("edge-1")).value();
    DeviceDialog dialog(*core, admin, device);
    dialog.findChild<QLineEdit *>(QStringLiteral("vendor"))->setText(QStringLiteral("Cisco"));
    auto *attributes = dialog.findChild<QTableWidget *>(QStringLiteral("attributes"));
    ASSERT_TRUE(attributes);
    ASSERT_EQ(attributes->rowCount(), 1);
    EXPECT_EQ(attributes->item(0, 1)->text(), QStringLiteral("edge"));
    attributes->item(0, 1)->setText(QString());
    dialog.accept();
    ASSERT_EQ(dialog.result(), QDialog::Accepted);

    const Device saved = core->devices().get(QStringLiteral("edge-1")).value();
    EXPECT_EQ(saved.vendor, QStringLiteral("Cisco"));
    EXPECT_EQ(saved.osVersion, QStringLiteral("17.3"));
    EXPECT_FALSE(saved.attributes.contains(QStringLiteral("role")));
}

TEST_F(InventoryPageTest, BulkEditSetsAnAttributeOnAHundredSelectedDevices)
{
    addAttribute(QStringLiteral("role"));
    addDevices(100);
    CoreEvents events(*core);
    InventoryPage page(*core, admin, events);
    page.deviceList()->selectAll();
    const QList<qint64> selected = page.deviceList()->selectedDeviceIds();
    ASSERT_EQ(selected.size(), 100);
    EXPECT_TRUE(action(page, QStringLiteral("setAttribute"))->isEnabled());

    BulkAttributeDialog dialog(*core, admin, selected);
    dialog.findChild<QComboBox *>(QStringLiteral("name"))->setCurrentText(QStringLiteral("role"));
    dialog.findChild<QLineEdit *>(QStringLiteral("value"))->setText(QStringLiteral("access"));
    dialog.accept();
    ASSERT_EQ(dialog.result(), QDialog::Accepted);

    DeviceFilter withRole;
    withRole.attributes << qMakePair(QStringLiteral("role"), QStringLiteral("access"));
    withRole.limit = 1000;
    EXPECT_EQ(core->devices().count(withRole).value(), 100);
    // The page follows, and keeps the selection.
    events.checkNow();
    EXPECT_EQ(page.deviceList()->selectedDeviceIds().size(), 100);
}

TEST_F(InventoryPageTest, AnUnknownAttributeInABulkEditChangesNoDevice)
{
    addDevices(3);
    // Held: a range over value() of a temporary Result would outlive it.
    const QList<Device> devices = core->devices().list(DeviceFilter{}).value();
    QList<qint64> ids;
    for (const Device &device : devices)
        ids << device.id;
    BulkAttributeDialog dialog(*core, admin, ids);
    dialog.findChild<QComboBox *>(QStringLiteral("name"))->setCurrentText(QStringLiteral("nope"));
    dialog.findChild<QLineEdit *>(QStringLiteral("value"))->setText(QStringLiteral("x"));
    dialog.accept();
    EXPECT_NE(dialog.result(), QDialog::Accepted);
    EXPECT_FALSE(dialog.findChild<ErrorLabel *>(QStringLiteral("error"))->isHidden());
    const QList<Device> after = core->devices().list(DeviceFilter{}).value();
    for (const Device &device : after)
        EXPECT_TRUE(device.attributes.isEmpty());
}

TEST_F(InventoryPageTest, AUserWhoMayOnlyViewSeesEditingDisabled)
{
    addDevices(2);
    CoreEvents events(*core);
    const Identity viewer = addUser(QStringLiteral("viewer"), false);
    const Identity readOnlyAdmin{admin.user, true};
    for (const Identity &who : {viewer, readOnlyAdmin}) {
        InventoryPage page(*core, who, events);
        page.deviceList()->selectDevice(page.deviceList()->deviceModel()->deviceId(0));
        EXPECT_EQ(page.deviceList()->selectedDeviceIds().size(), 1);
        for (const QString &name :
             {QStringLiteral("newDevice"), QStringLiteral("editDevice"),
              QStringLiteral("deleteDevices"), QStringLiteral("setAttribute")})
            EXPECT_FALSE(action(page, name)->isEnabled()) << name.toStdString();
        EXPECT_TRUE(action(page, QStringLiteral("refresh"))->isEnabled());
    }
    // The core refuses the same user whatever the window offers.
    const qint64 first = core->devices().list(DeviceFilter{}).value().first().id;
    const Result<void> removed = core->devices().remove(viewer, {first});
    ASSERT_FALSE(removed.ok());
    EXPECT_EQ(removed.error().code, ErrorCode::Forbidden);
}

TEST_F(InventoryPageTest, TheFilterTakesAHostnameOrASetQueryAndSaysWhatIsWrongWithOne)
{
    addAttribute(QStringLiteral("role"));
    addDevices(12);
    ASSERT_TRUE(core->devices()
                    .update(admin,
                            QJsonArray{QJsonObject{
                                {QStringLiteral("id"),
                                 core->devices().get(QStringLiteral("lab-003")).value().id},
                                {QStringLiteral("attributes"),
                                 QJsonObject{{QStringLiteral("role"), QStringLiteral("core")}}}}},
                            true)
                    .ok());
    CoreEvents events(*core);
    InventoryPage page(*core, admin, events);
    DeviceListModel *model = page.deviceList()->deviceModel();
    EXPECT_EQ(model->rowCount(), 12);
    auto *filter = page.findChild<QLineEdit *>(QStringLiteral("filter"));
    auto *error = page.findChild<ErrorLabel *>();

    filter->setText(QStringLiteral("lab-01"));
    Q_EMIT filter->returnPressed();
    EXPECT_EQ(model->rowCount(), 3); // lab-010, lab-011, lab-012

    filter->setText(QStringLiteral("role=core"));
    Q_EMIT filter->returnPressed();
    ASSERT_EQ(model->rowCount(), 1);
    EXPECT_EQ(model->index(0, DeviceListModel::Hostname).data().toString(),
              QStringLiteral("lab-003"));
    EXPECT_TRUE(error->isHidden());

    filter->setText(QStringLiteral("colour=blue"));
    Q_EMIT filter->returnPressed();
    EXPECT_EQ(model->rowCount(), 0);
    EXPECT_FALSE(error->isHidden());
    EXPECT_TRUE(error->text().contains(QStringLiteral("colour"))) << error->text().toStdString();

    filter->clear();
    EXPECT_EQ(model->rowCount(), 12);
    EXPECT_TRUE(error->isHidden());
}

TEST_F(InventoryPageTest, TheDatabaseSortsTheTableAndTheSelectionFollowsItsDevice)
{
    addDevices(450);
    CoreEvents events(*core);
    InventoryPage page(*core, admin, events);
    DeviceListView *view = page.deviceList();
    DeviceListModel *model = view->deviceModel();
    ASSERT_EQ(model->rowCount(), 450);
    const qint64 chosen = core->devices().get(QStringLiteral("lab-007")).value().id;
    view->selectDevice(chosen);
    view->sortByColumn(DeviceListModel::Hostname, Qt::DescendingOrder);
    EXPECT_EQ(model->index(0, DeviceListModel::Hostname).data().toString(),
              QStringLiteral("lab-450"));
    // A row past the first pages is read when it is asked for.
    EXPECT_EQ(model->index(449, DeviceListModel::Hostname).data().toString(),
              QStringLiteral("lab-001"));
    EXPECT_EQ(view->selectedDeviceIds(), QList<qint64>{chosen});
    EXPECT_EQ(view->currentDeviceId(), chosen);
}

TEST_F(InventoryPageTest, TheDeviceModelKeepsQtsModelRulesThroughFilterSortAndChanges)
{
    addDevices(5);
    DeviceListModel model(core->devices(), core->sites());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setFilter(DeviceFilter{});
    EXPECT_EQ(model.rowCount(), 5);
    model.sort(DeviceListModel::Site, Qt::DescendingOrder);
    ASSERT_TRUE(core->devices()
                    .create(admin,
                            QJsonArray{QJsonObject{
                                {QStringLiteral("site_id"), siteId},
                                {QStringLiteral("hostname"), QStringLiteral("lab-new")}}},
                            std::nullopt)
                    .ok());
    model.reload();
    EXPECT_EQ(model.rowCount(), 6);
    ASSERT_TRUE(core->devices().remove(admin, {model.deviceId(0), model.deviceId(1)}).ok());
    model.reload();
    EXPECT_EQ(model.rowCount(), 4);
    EXPECT_EQ(model.index(0, DeviceListModel::Site).data().toString(), QStringLiteral("lab"));
}

TEST(InventoryFollowsTheApi, ADeviceAddedThroughTheRestApiAppearsInTheOpenView)
{
    QTemporaryDir dir;
    const QString url = Cairn::Test::TestBackend::freshDatabaseUrl();
    CoreOptions options = Cairn::Test::TestBackend::freshOptions(dir.path());
    options.database = DatabaseConfig::fromUrl(url, dir.path()).value();
    Result<std::unique_ptr<CoreServices>> opened = CoreServices::open(options);
    ASSERT_TRUE(opened.ok());
    CoreServices &core = *opened.value();
    const User admin = core.users()
                           .addUser(NewUser{QStringLiteral("admin"), QStringLiteral("long enough"),
                                            QStringLiteral("admin@example.com"), true})
                           .value();
    const qint64 site =
        core.sites()
            .create(Identity{admin, false},
                    QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("lab")}}})
            .value()
            .first()
            .id;
    CoreEvents events(core);
    // PostgreSQL notifies the window: no polling needed to see the change in time.
    events.setPollInterval(Cairn::Test::TestBackend::isPostgres() ? 600000 : 100);
    InventoryPage page(core, Identity{admin, false}, events);
    DeviceListModel *model = page.deviceList()->deviceModel();
    ASSERT_EQ(model->rowCount(), 0);
    // The site open in the tree, empty for now.
    InventoryTreeModel *tree = page.findChild<InventoryTreeView *>()->treeModel();
    const QModelIndex lab = tree->find(InventoryTreeModel::Kind::Site, site);
    tree->fetchMore(lab);
    ASSERT_EQ(tree->rowCount(lab), 0);

    // The server a script talks to, on the same database, in another process.
    Cairn::Test::ServerProcess server(dir.path(), url);
    ASSERT_TRUE(server.start());
    const QByteArray token =
        server.cli({QStringLiteral("user"), QStringLiteral("token"), QStringLiteral("admin")})
            .out.trimmed()
            .split('\n')
            .last();
    const Cairn::Test::HttpReply reply =
        Cairn::Test::HttpClient(server.port())
            .request("POST", "/api/sites/" + QByteArray::number(site) + "/devices/",
                     R"({"hostname": "from-a-script"})",
                     Cairn::Test::HttpClient::token(token) +
                         Cairn::Test::Headers{{"Content-Type", "application/json"}});
    ASSERT_EQ(reply.status, 201) << reply.body.toStdString();

    EXPECT_TRUE(QTest::qWaitFor([model] { return model->rowCount() == 1; }, 10000));
    EXPECT_EQ(model->index(0, DeviceListModel::Hostname).data().toString(),
              QStringLiteral("from-a-script"));
    ASSERT_EQ(tree->rowCount(lab), 1);
    EXPECT_EQ(tree->index(0, 0, lab).data().toString(), QStringLiteral("from-a-script"));
    server.stop();
}

} // namespace

// Attribute definitions with their constraints: a pattern that is no regular expression is
// said under the constraints and nothing is saved; a good definition is listed under its
// resource type with what it asks of values; a user who may only view cannot change them.
TEST_F(InventoryPageTest, AttributeDefinitionsAreMadeWithTheirConstraints)
{
    AttributeListWidget attributes(*core, admin, siteId);
    AttributeDialog dialog(*core, admin, siteId, std::nullopt);
    dialog.findChild<QComboBox *>(QStringLiteral("resource_name"))
        ->setCurrentText(QStringLiteral("Device"));
    dialog.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("rack"));
    dialog.findChild<QLineEdit *>(QStringLiteral("pattern"))->setText(QStringLiteral("([A-Z"));
    EXPECT_FALSE(dialog.findChild<ErrorLabel *>(QStringLiteral("constraintsError"))->isHidden());
    dialog.accept();
    EXPECT_NE(dialog.result(), QDialog::Accepted);
    AttributeFilter racks;
    racks.siteId = siteId;
    racks.name = QStringLiteral("rack");
    EXPECT_TRUE(core->attributes().list(racks).value().isEmpty());

    dialog.findChild<QLineEdit *>(QStringLiteral("pattern"))->setText(QStringLiteral("[A-Z]"));
    dialog.findChild<QPlainTextEdit *>(QStringLiteral("valid_values"))
        ->setPlainText(QStringLiteral("A01\n\nB02\n"));
    dialog.findChild<QCheckBox *>(QStringLiteral("required"))->setChecked(true);
    dialog.accept();
    ASSERT_EQ(dialog.result(), QDialog::Accepted);
    const QList<Attribute> saved = core->attributes().list(racks).value();
    ASSERT_EQ(saved.size(), 1);
    EXPECT_EQ(saved.first().validValues,
              (QStringList{QStringLiteral("A01"), QStringLiteral("B02")}));
    EXPECT_TRUE(saved.first().required);
    EXPECT_TRUE(saved.first().display);

    // A device without the required attribute is now refused.
    const Result<QList<Device>> refused = core->devices().create(
        admin, QJsonArray{QJsonObject{{QStringLiteral("hostname"), QStringLiteral("norack")}}},
        siteId);
    EXPECT_FALSE(refused.ok());

    attributes.reload();
    const QList<QTreeWidgetItem *> found =
        attributes.list()->findItems(QStringLiteral("rack"), Qt::MatchExactly | Qt::MatchRecursive);
    ASSERT_EQ(found.size(), 1);
    EXPECT_EQ(found.first()->parent()->text(0), QStringLiteral("Device"));
    EXPECT_TRUE(found.first()->text(3).contains(u"one of A01, B02"));

    const Identity viewer = addUser(QStringLiteral("viewer"), false);
    AttributeListWidget readOnly(*core, viewer, siteId);
    readOnly.list()->setCurrentItem(
        readOnly.list()
            ->findItems(QStringLiteral("rack"), Qt::MatchExactly | Qt::MatchRecursive)
            .first());
    EXPECT_FALSE(readOnly.findChild<QPushButton *>(QStringLiteral("newAttribute"))->isEnabled());
    EXPECT_FALSE(readOnly.findChild<QPushButton *>(QStringLiteral("editAttribute"))->isEnabled());
    EXPECT_FALSE(readOnly.findChild<QPushButton *>(QStringLiteral("deleteAttribute"))->isEnabled());
}

namespace {

// Interfaces eth0..eth(count-1) on a device, and eth0.100 under eth0.
void addInterfaces(CoreServices &core, const Identity &admin, const QString &hostname, int count)
{
    QJsonArray items;
    for (int i = 0; i < count; ++i)
        items << QJsonObject{{QStringLiteral("device"), hostname},
                             {QStringLiteral("name"), QStringLiteral("eth%1").arg(i)}};
    ASSERT_TRUE(core.interfaces().create(admin, items, std::nullopt).ok());
    const Interface eth0 = core.interfaces().get(hostname + QStringLiteral(":eth0")).value();
    ASSERT_TRUE(
        core.interfaces()
            .create(admin,
                    QJsonArray{QJsonObject{{QStringLiteral("device"), hostname},
                                           {QStringLiteral("name"), QStringLiteral("eth0.100")},
                                           {QStringLiteral("parent_id"), eth0.id}}},
                    std::nullopt)
            .ok());
}

QStringList childNames(const QAbstractItemModel &model, const QModelIndex &parent)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row)
        names << model.index(row, 0, parent).data().toString();
    return names;
}

} // namespace

// Sites, then a site's devices a page at a time, then a device's interfaces (sub-interfaces
// under theirs, in the order people sort names), and a reload that keeps the rows of what stayed.
TEST_F(InventoryPageTest, TheTreeReadsSitesDevicesAndInterfacesAsTheyAreOpened)
{
    addDevices(450);
    addInterfaces(*core, admin, QStringLiteral("lab-002"), 12);
    InventoryTreeModel model(*core);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_EQ(childNames(model, {}),
              (QStringList{QStringLiteral("All sites"), QStringLiteral("Default"),
                           QStringLiteral("lab")}));
    const QModelIndex lab = model.find(InventoryTreeModel::Kind::Site, siteId);
    EXPECT_TRUE(model.hasChildren(lab));
    ASSERT_TRUE(model.canFetchMore(lab));
    model.fetchMore(lab);
    // (The tester reads on as a view would.)
    while (model.canFetchMore(lab))
        model.fetchMore(lab);
    EXPECT_EQ(model.rowCount(lab), 450);
    EXPECT_EQ(model.index(449, 0, lab).data().toString(), QStringLiteral("lab-450"));

    const QPersistentModelIndex lab002 = model.index(1, 0, lab);
    ASSERT_EQ(lab002.data().toString(), QStringLiteral("lab-002"));
    model.fetchMore(lab002);
    const QStringList interfaces = childNames(model, lab002);
    ASSERT_EQ(interfaces.size(), 12);
    EXPECT_EQ(interfaces.mid(0, 3), (QStringList{QStringLiteral("eth0"), QStringLiteral("eth1"),
                                                 QStringLiteral("eth2")}));
    EXPECT_EQ(interfaces.last(), QStringLiteral("eth11"));
    EXPECT_EQ(childNames(model, model.index(0, 0, lab002)),
              QStringList{QStringLiteral("eth0.100")});

    // Changes made elsewhere: a device deleted, one renamed past the others, an interface added.
    ASSERT_TRUE(core->devices()
                    .remove(admin, {core->devices().get(QStringLiteral("lab-001")).value().id})
                    .ok());
    const qint64 renamed = core->devices().get(QStringLiteral("lab-003")).value().id;
    ASSERT_TRUE(core->devices()
                    .update(admin,
                            QJsonArray{QJsonObject{
                                {QStringLiteral("id"), renamed},
                                {QStringLiteral("hostname"), QStringLiteral("zz-edge")}}},
                            true)
                    .ok());
    const qint64 eth1 = core->interfaces().get(QStringLiteral("lab-002:eth1")).value().id;
    ASSERT_TRUE(
        core->interfaces()
            .create(admin,
                    QJsonArray{QJsonObject{{QStringLiteral("device"), QStringLiteral("lab-002")},
                                           {QStringLiteral("name"), QStringLiteral("eth1.7")},
                                           {QStringLiteral("parent_id"), eth1}}},
                    std::nullopt)
            .ok());
    model.reload();
    // The expanded device kept its row object (a view keeps it open), now first.
    ASSERT_TRUE(lab002.isValid());
    EXPECT_EQ(lab002.row(), 0);
    EXPECT_EQ(model.rowCount(lab), 449);
    EXPECT_EQ(model.index(448, 0, lab).data().toString(), QStringLiteral("zz-edge"));
    EXPECT_EQ(model.find(InventoryTreeModel::Kind::Device, renamed).row(), 448);
    EXPECT_EQ(childNames(model, model.index(1, 0, lab002)), QStringList{QStringLiteral("eth1.7")});
}

// Choosing a device in the tree shows it in the table and its details; an interface opens the
// interfaces tab at it; the circuits ending on the device have a tab.
TEST_F(InventoryPageTest, ChoosingInTheTreeShowsTheDeviceItsInterfacesAndCircuits)
{
    addDevices(3);
    addInterfaces(*core, admin, QStringLiteral("lab-002"), 3);
    addInterfaces(*core, admin, QStringLiteral("lab-003"), 1);
    ASSERT_TRUE(core->circuits()
                    .create(admin,
                            QJsonArray{QJsonObject{
                                {QStringLiteral("endpoint_a"), QStringLiteral("lab-003:eth0")},
                                {QStringLiteral("endpoint_z"), QStringLiteral("lab-002:eth2")},
                                {QStringLiteral("name"), QStringLiteral("uplink")}}},
                            siteId)
                    .ok());
    CoreEvents events(*core);
    InventoryPage page(*core, admin, events);
    page.show();
    auto *tree = page.findChild<InventoryTreeView *>();
    ASSERT_NE(tree, nullptr);
    InventoryTreeModel *model = tree->treeModel();
    tree->expand(model->find(InventoryTreeModel::Kind::Site, siteId));
    const qint64 lab002Id = core->devices().get(QStringLiteral("lab-002")).value().id;
    const QModelIndex lab002 = model->find(InventoryTreeModel::Kind::Device, lab002Id);
    ASSERT_TRUE(lab002.isValid());
    tree->setCurrentIndex(lab002);
    EXPECT_EQ(tree->currentSite(), siteId);
    EXPECT_EQ(page.deviceList()->currentDeviceId(), lab002Id);

    tree->expand(lab002);
    const QModelIndex eth2 = model->index(2, 0, lab002);
    ASSERT_EQ(eth2.data().toString(), QStringLiteral("eth2"));
    tree->setCurrentIndex(eth2);
    auto *tabs = page.findChild<QTabWidget *>();
    ASSERT_NE(tabs, nullptr);
    auto *interfaces = page.findChild<QTreeWidget *>(QStringLiteral("interfaces"));
    EXPECT_EQ(tabs->currentWidget(), interfaces);
    ASSERT_NE(interfaces->currentItem(), nullptr);
    EXPECT_EQ(interfaces->currentItem()->text(0), QStringLiteral("eth2"));

    auto *circuits = page.findChild<QTreeWidget *>(QStringLiteral("circuits"));
    tabs->setCurrentWidget(circuits);
    ASSERT_EQ(circuits->topLevelItemCount(), 1);
    EXPECT_EQ(circuits->topLevelItem(0)->text(0), QStringLiteral("uplink"));
    EXPECT_EQ(circuits->topLevelItem(0)->text(1), QStringLiteral("eth2"));
    EXPECT_EQ(circuits->topLevelItem(0)->text(2), QStringLiteral("lab-003:eth0"));

    // Collapsed, the device's interfaces are forgotten (reloads skip them) until it opens again.
    tree->collapse(lab002);
    EXPECT_EQ(model->rowCount(lab002), 0);
    EXPECT_TRUE(model->canFetchMore(lab002));
    tree->expand(lab002);
    QTest::qWait(50);
    EXPECT_EQ(model->rowCount(lab002), 3);

    // "All sites" again: the table shows every device.
    tree->selectAllSites();
    EXPECT_FALSE(tree->currentSite().has_value());
    EXPECT_EQ(page.deviceList()->model()->rowCount(), 3);
}
