#include "ipam/IpSpacePage.h"

#include "CoreFixture.h"
#include "common/CoreEvents.h"
#include "common/ErrorLabel.h"
#include "common/ProgressBarDelegate.h"
#include "common/SiteListWidget.h"
#include "ipam/AssignAddressDialog.h"
#include "ipam/NetworkDialog.h"
#include "ipam/NetworkTreeModel.h"
#include "ipam/NextFreeDialog.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QJsonArray>
#include <QLineEdit>
#include <QListWidget>
#include <QSpinBox>
#include <QTest>
#include <QTreeView>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

class IpSpacePageTest : public Cairn::Test::CoreFixture
{
protected:
    void SetUp() override
    {
        CoreFixture::SetUp();
        admin = addUser(QStringLiteral("admin"), true);
        siteId =
            core->sites()
                .create(admin,
                        QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("lab")}}})
                .value()
                .first()
                .id;
    }

    Network addNetwork(const QString &cidr)
    {
        return core->networks()
            .create(admin, QJsonArray{QJsonObject{{QStringLiteral("cidr"), cidr}}}, siteId)
            .value()
            .first();
    }

    Identity admin;
    qint64 siteId = 0;
};

TEST_F(IpSpacePageTest, AllocatingTheNextAddressesTakesTheFirstFreeOnesInTheChosenState)
{
    const Network lan = addNetwork(QStringLiteral("10.0.0.0/24"));
    addNetwork(QStringLiteral("10.0.0.1/32"));
    CoreEvents events(*core);
    IpSpacePage page(*core, admin, events);
    page.selectNetwork(lan.id);
    ASSERT_TRUE(page.currentNetwork())
        << page.model()->rowCount() << " rows; " << page.model()->indexOf(lan.id).isValid();
    EXPECT_TRUE(page.findChild<QAction *>(QStringLiteral("nextAddresses"))->isEnabled());

    NextFreeDialog dialog(*core, admin, *page.currentNetwork(), NextFreeDialog::Kind::Addresses);
    dialog.findChild<QSpinBox *>(QStringLiteral("count"))->setValue(2);
    auto *state = dialog.findChild<QComboBox *>(QStringLiteral("state"));
    state->setCurrentIndex(state->findData(Network::Reserved));
    const auto *proposed = dialog.findChild<QListWidget *>(QStringLiteral("proposed"));
    ASSERT_EQ(proposed->count(), 2);
    EXPECT_EQ(proposed->item(0)->text(), QStringLiteral("10.0.0.2"));
    EXPECT_EQ(proposed->item(1)->text(), QStringLiteral("10.0.0.3"));
    dialog.accept();
    ASSERT_EQ(dialog.result(), QDialog::Accepted);
    ASSERT_EQ(dialog.allocated().size(), 2);

    const Result<Network> stored = core->networks().get(QStringLiteral("10.0.0.3/32"), siteId);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->state, Network::Reserved);
    EXPECT_EQ(stored->parentId, lan.id);
    page.reload();
    const QModelIndex lanRow = page.model()->indexOf(lan.id);
    EXPECT_EQ(page.model()->rowCount(lanRow), 3);
    EXPECT_DOUBLE_EQ(page.model()->usedFraction(lan.id), 3.0 / 256);
    EXPECT_TRUE(page.model()
                    ->index(lanRow.row(), NetworkTreeModel::Used)
                    .data(ProgressBarDelegate::FractionRole)
                    .isValid());
}

TEST_F(IpSpacePageTest, TheNextFreeNetworksOfAPrefixAreFoundAndAllocatedAllOrNone)
{
    const Network block = addNetwork(QStringLiteral("10.8.0.0/16"));
    addNetwork(QStringLiteral("10.8.0.0/24"));
    NextFreeDialog dialog(*core, admin, block, NextFreeDialog::Kind::Networks);
    dialog.findChild<QSpinBox *>(QStringLiteral("prefixLength"))->setValue(24);
    dialog.findChild<QSpinBox *>(QStringLiteral("count"))->setValue(3);
    const auto *proposed = dialog.findChild<QListWidget *>(QStringLiteral("proposed"));
    ASSERT_EQ(proposed->count(), 3);
    EXPECT_EQ(proposed->item(0)->text(), QStringLiteral("10.8.1.0/24"));
    dialog.accept();
    ASSERT_EQ(dialog.result(), QDialog::Accepted);
    NetworkFilter children;
    children.parentId = std::optional<qint64>(block.id);
    EXPECT_EQ(core->networks().count(children).value(), 4);
}

TEST_F(IpSpacePageTest, ANetworkThatIsNotOneIsRefusedBesideItsFieldAndNothingIsSaved)
{
    NetworkDialog dialog(*core, admin, siteId);
    dialog.findChild<QLineEdit *>(QStringLiteral("cidr"))->setText(QStringLiteral("10.0.0.0/33"));
    dialog.accept();
    EXPECT_NE(dialog.result(), QDialog::Accepted);
    const auto *error = dialog.findChild<ErrorLabel *>(QStringLiteral("cidrError"));
    EXPECT_FALSE(error->isHidden()) << error->text().toStdString();
    EXPECT_EQ(core->networks().count(NetworkFilter{}).value(), 0);
}

TEST_F(IpSpacePageTest, ChoosingAnotherSiteShowsItsTreeEvenWithANetworkSelected)
{
    const Network here = addNetwork(QStringLiteral("10.1.0.0/16"));
    const qint64 otherSite =
        core->sites()
            .create(admin, QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("b")}}})
            .value()
            .first()
            .id;
    const Network there =
        core->networks()
            .create(
                admin,
                QJsonArray{QJsonObject{{QStringLiteral("cidr"), QStringLiteral("10.2.0.0/16")}}},
                otherSite)
            .value()
            .first();
    CoreEvents events(*core);
    IpSpacePage page(*core, admin, events);
    page.selectNetwork(here.id);
    ASSERT_EQ(page.currentNetwork()->id, here.id);
    auto *sites = page.findChild<SiteListWidget *>();
    ASSERT_TRUE(sites->setCurrentSite(otherSite));
    EXPECT_EQ(sites->currentSite(), otherSite);
    ASSERT_EQ(page.model()->rowCount(), 1);
    EXPECT_EQ(page.model()->index(0, 0).data(NetworkTreeModel::NetworkIdRole).toLongLong(),
              there.id);
}

TEST_F(IpSpacePageTest, TheTreeKeepsQtsModelRulesAndAViewerMayNotAllocate)
{
    const Network block = addNetwork(QStringLiteral("10.8.0.0/16"));
    addNetwork(QStringLiteral("10.8.4.0/24"));
    addNetwork(QStringLiteral("10.8.4.9/32"));
    NetworkTreeModel model(core->networks());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setSite(siteId);
    ASSERT_EQ(model.rowCount(), 1);
    const QModelIndex root = model.index(0, 0);
    ASSERT_EQ(model.rowCount(root), 1);
    EXPECT_EQ(model.index(0, NetworkTreeModel::Cidr, model.index(0, 0, root)).data().toString(),
              QStringLiteral("10.8.4.9"));

    CoreEvents events(*core);
    IpSpacePage page(*core, addUser(QStringLiteral("viewer"), false), events);
    page.selectNetwork(block.id);
    for (const QString &name : {QStringLiteral("newNetwork"), QStringLiteral("nextNetworks"),
                                QStringLiteral("nextAddresses"), QStringLiteral("reserve"),
                                QStringLiteral("assignAddress"), QStringLiteral("deleteNetwork")})
        EXPECT_FALSE(page.findChild<QAction *>(name)->isEnabled()) << name.toStdString();
}

// The address chosen in the tree goes on the interface chosen for it, beside what the interface
// had; a device the site does not have, or an address the interface has, is said beside its field
// and nothing changes.
TEST_F(IpSpacePageTest, AnAddressIsAssignedToAnInterfaceOfADeviceTypedForIt)
{
    const Network lan = addNetwork(QStringLiteral("10.0.0.0/24"));
    const Network address = addNetwork(QStringLiteral("10.0.0.5/32"));
    ASSERT_TRUE(
        core->devices()
            .create(
                admin,
                QJsonArray{QJsonObject{{QStringLiteral("hostname"), QStringLiteral("lab-sw1")}},
                           QJsonObject{{QStringLiteral("hostname"), QStringLiteral("lab-sw2")}}},
                siteId)
            .ok());
    ASSERT_TRUE(
        core->interfaces()
            .create(admin,
                    QJsonArray{QJsonObject{{QStringLiteral("device"), QStringLiteral("lab-sw1")},
                                           {QStringLiteral("name"), QStringLiteral("eth0")},
                                           {QStringLiteral("addresses"),
                                            QJsonArray{QStringLiteral("10.0.0.4/32")}}},
                               QJsonObject{{QStringLiteral("device"), QStringLiteral("lab-sw1")},
                                           {QStringLiteral("name"), QStringLiteral("eth1")}}},
                    siteId)
            .ok());
    CoreEvents events(*core);
    IpSpacePage page(*core, admin, events);
    auto *assign = page.findChild<QAction *>(QStringLiteral("assignAddress"));
    page.selectNetwork(lan.id);
    EXPECT_FALSE(assign->isEnabled());
    page.selectNetwork(address.id);
    ASSERT_TRUE(assign->isEnabled());

    AssignAddressDialog dialog(*core, admin, siteId, page.currentNetwork()->ip.cidr());
    auto *device = dialog.findChild<QLineEdit *>(QStringLiteral("device"));
    auto *interface = dialog.findChild<QComboBox *>(QStringLiteral("interface"));
    EXPECT_EQ(dialog.findChild<QLineEdit *>(QStringLiteral("addresses"))->text(),
              QStringLiteral("10.0.0.5/32"));
    QTest::keyClicks(device, QStringLiteral("sw"));
    EXPECT_EQ(device->completer()->model()->rowCount(), 2);
    device->setText(QStringLiteral("lab-sw9"));
    EXPECT_FALSE(interface->isEnabled());
    dialog.accept();
    EXPECT_FALSE(dialog.findChild<ErrorLabel *>(QStringLiteral("deviceError"))->isHidden());
    EXPECT_EQ(dialog.result(), QDialog::Rejected);

    device->setText(QStringLiteral("lab-sw1"));
    ASSERT_EQ(interface->count(), 2);
    EXPECT_EQ(interface->itemText(0), QStringLiteral("eth0 (10.0.0.4/32)"));
    interface->setCurrentIndex(0);
    // Meanwhile a script gives the interface another address: it stays.
    const qint64 eth0 = interface->currentData().toLongLong();
    ASSERT_TRUE(core->interfaces()
                    .update(admin,
                            QJsonArray{QJsonObject{{QStringLiteral("id"), eth0},
                                                   {QStringLiteral("addresses"),
                                                    QJsonArray{QStringLiteral("10.0.0.4/32"),
                                                               QStringLiteral("10.0.0.6/32")}}}},
                            true)
                    .ok());
    dialog.accept();
    EXPECT_EQ(dialog.result(), QDialog::Accepted);
    EXPECT_EQ(core->interfaces().get(QStringLiteral("lab-sw1:eth0")).value().addresses,
              (QStringList{QStringLiteral("10.0.0.4/32"), QStringLiteral("10.0.0.5/32"),
                           QStringLiteral("10.0.0.6/32")}));

    // Again: the interface has it already.
    AssignAddressDialog again(*core, admin, siteId, QStringLiteral("10.0.0.5/32"));
    again.findChild<QLineEdit *>(QStringLiteral("device"))->setText(QStringLiteral("lab-sw1"));
    again.accept();
    EXPECT_FALSE(again.findChild<ErrorLabel *>(QStringLiteral("addressesError"))->isHidden());
    EXPECT_EQ(again.result(), QDialog::Rejected);
    EXPECT_EQ(core->interfaces().get(QStringLiteral("lab-sw1:eth0")).value().addresses.size(), 3);
}

} // namespace
