#include "ipam/IpSpacePage.h"

#include "CoreFixture.h"
#include "common/CoreEvents.h"
#include "common/ErrorLabel.h"
#include "common/ProgressBarDelegate.h"
#include "common/SiteListWidget.h"
#include "ipam/NetworkDialog.h"
#include "ipam/NetworkTreeModel.h"
#include "ipam/NextFreeDialog.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QJsonArray>
#include <QLineEdit>
#include <QListWidget>
#include <QSpinBox>
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
                                QStringLiteral("deleteNetwork")})
        EXPECT_FALSE(page.findChild<QAction *>(name)->isEnabled()) << name.toStdString();
}

} // namespace
