#include "topology/TopologyPage.h"

#include "CoreFixture.h"
#include "automation/AutomationLinks.h"
#include "common/CoreEvents.h"
#include "common/SiteListWidget.h"
#include "demo/DemoNetwork.h"
#include "topology/TopologyEdgeLayer.h"
#include "topology/TopologyEdgePicture.h"
#include "topology/TopologyNodeItem.h"
#include "topology/TopologyScene.h"
#include "topology/TopologyService.h"
#include "topology/TopologyView.h"

#include <QAction>
#include <QCheckBox>
#include <QDomDocument>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

class TopologyPageTest : public Cairn::Test::CoreFixture
{
protected:
    void SetUp() override
    {
        CoreFixture::SetUp();
        // As a first start shows it, whatever an earlier test left.
        QSettings().remove(QStringLiteral("Topology"));
        ASSERT_TRUE(DemoNetwork::load(*core).ok());
        admin = addUser(QStringLiteral("admin"), true);
    }

    // The page as it opens (it reads only once shown), its first arrangement done.
    static void waitForLayout(TopologyPage &page)
    {
        page.show();
        ASSERT_TRUE(QTest::qWaitFor([&page] { return !page.isArranging(); }, 20000));
    }

    QString deviceKey(const QString &hostname) const
    {
        return TopologyNode::keyOf(TopologyNode::Kind::Device,
                                   core->devices().get(hostname).value().id);
    }

    Identity admin;
};

// The acceptance line "arrange and reload the topology": Graphviz places every node the first
// time, a drag moves one, and a new window shows the user's arrangement without laying it out.
TEST_F(TopologyPageTest, ArrangedAndDraggedPlacesComeBackInANewWindow)
{
    CoreEvents events(*core);
    QPointF dropped;
    const QString moved = deviceKey(QStringLiteral("lax-core1"));
    QHash<QString, QPointF> before;
    {
        TopologyPage page(*core, admin, events);
        page.resize(1000, 700);
        page.show();
        waitForLayout(page);
        before = page.scene()->places();
        ASSERT_EQ(before.size(), 12);
        // No two nodes on top of each other.
        const QList<QPointF> places = before.values();
        for (qsizetype a = 0; a < places.size(); ++a) {
            for (qsizetype b = a + 1; b < places.size(); ++b)
                EXPECT_GT(QLineF(places.at(a), places.at(b)).length(), 40.0);
        }
        EXPECT_EQ(TopologyService(core->database(), core->devices(), core->virt())
                      .positions(admin)
                      .value()
                      .size(),
                  12);

        // Dragged with the mouse, as an operator does.
        TopologyView *view = page.view();
        TopologyNodeItem *node = page.scene()->nodeItem(moved);
        ASSERT_NE(node, nullptr);
        const QPoint start = view->mapFromScene(node->scenePos());
        const QPoint end = start + QPoint(60, 40);
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, start);
        QTest::mouseMove(view->viewport(), start + QPoint(30, 20));
        QTest::mouseMove(view->viewport(), end);
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, end);
        dropped = node->pos();
        ASSERT_NE(dropped, before.value(moved));
        EXPECT_EQ(page.scene()->selectedKeys(), QStringList{moved});
    }
    TopologyPage reopened(*core, admin, events);
    reopened.show();
    EXPECT_FALSE(reopened.isArranging());
    const QHash<QString, QPointF> after = reopened.scene()->places();
    EXPECT_EQ(after.value(moved), dropped);
    for (auto place = before.cbegin(); place != before.cend(); ++place) {
        if (place.key() != moved) {
            EXPECT_EQ(after.value(place.key()), place.value()) << place.key().toStdString();
        }
    }

    // Another user has an arrangement of their own.
    const Identity viewer = addUser(QStringLiteral("viewer"), false);
    TopologyPage theirs(*core, viewer, events);
    theirs.show();
    EXPECT_TRUE(theirs.isArranging());
    waitForLayout(theirs);
    EXPECT_EQ(TopologyService(core->database(), core->devices(), core->virt())
                  .positions(admin)
                  .value()
                  .value(moved),
              dropped);
}

// Arrange lays everything out anew (saved), and a device added elsewhere appears beside the
// others without moving them.
TEST_F(TopologyPageTest, ArrangeOnDemandAndNewDevicesFindAPlace)
{
    CoreEvents events(*core);
    TopologyPage page(*core, admin, events);
    waitForLayout(page);
    const QString core1 = deviceKey(QStringLiteral("lax-core1"));
    QSignalSpy arranged(&page, &TopologyPage::arranged);
    page.findChild<QAction *>(QStringLiteral("arrange"))->trigger();
    ASSERT_TRUE(arranged.wait(20000));
    // Beside its neighbours.
    const QHash<QString, QPointF> laidOut = page.scene()->places();
    double nearest = 1e9;
    for (auto place = laidOut.cbegin(); place != laidOut.cend(); ++place) {
        if (place.key() != core1)
            nearest = std::min(nearest, QLineF(place.value(), laidOut.value(core1)).length());
    }
    EXPECT_LT(nearest, 400.0);
    EXPECT_EQ(TopologyService(core->database(), core->devices(), core->virt())
                  .positions(admin)
                  .value()
                  .value(core1),
              laidOut.value(core1));

    const qint64 site = core->devices().get(QStringLiteral("lax-core1")).value().siteId;
    ASSERT_TRUE(core->devices()
                    .create(admin,
                            QJsonArray{QJsonObject{
                                {QStringLiteral("hostname"), QStringLiteral("lax-new1")},
                                {QStringLiteral("attributes"),
                                 QJsonObject{{QStringLiteral("role"), QStringLiteral("access")}}}}},
                            site)
                    .ok());
    events.checkNow();
    waitForLayout(page);
    const QHash<QString, QPointF> now = page.scene()->places();
    ASSERT_EQ(now.size(), 13);
    const QString added = deviceKey(QStringLiteral("lax-new1"));
    ASSERT_TRUE(now.contains(added));
    double closest = 1e9;
    for (auto place = laidOut.cbegin(); place != laidOut.cend(); ++place) {
        EXPECT_EQ(now.value(place.key()), place.value()) << place.key().toStdString();
        closest = std::min(closest, QLineF(place.value(), now.value(added)).length());
    }
    // Beside the others: neither on top of one nor far away.
    EXPECT_GT(closest, 40.0);
    EXPECT_LT(closest, 1000.0);
}

// Each site laid out on its own goes where it cannot cover another: the whole network then
// shows every node apart.
TEST_F(TopologyPageTest, SitesLaidOutAloneNeverLandOnEachOther)
{
    CoreEvents events(*core);
    TopologyPage page(*core, admin, events);
    page.show();
    auto *sites = page.findChild<SiteListWidget *>();
    for (const QString &device : {QStringLiteral("lax-core1"), QStringLiteral("iad-core1")}) {
        ASSERT_TRUE(sites->setCurrentSite(core->devices().get(device).value().siteId));
        waitForLayout(page);
    }
    sites->setCurrentRow(0);
    waitForLayout(page);
    const QList<QPointF> places = page.scene()->places().values();
    ASSERT_EQ(places.size(), 12);
    for (qsizetype a = 0; a < places.size(); ++a) {
        for (qsizetype b = a + 1; b < places.size(); ++b)
            EXPECT_GT(QLineF(places.at(a), places.at(b)).length(), 40.0) << a << " " << b;
    }
}

// eNMS links, NSoT circuits and the circuits ZTP makes from LLDP are one edge set: a link
// named as a circuit is one edge, drawn in the link's colour; a filter shows the edges among
// the devices it keeps.
TEST_F(TopologyPageTest, LinksAndCircuitsAreOneEdgeSetAndFiltersNarrowIt)
{
    const QList<Circuit> circuits = core->circuits().list(CircuitFilter()).value();
    ASSERT_FALSE(circuits.isEmpty());
    AutomationLinks links(core->database(), core->devices(), core->permissions());
    const SaveReport saved = links.saveLinks(
        admin,
        QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("lax-iad")},
                               {QStringLiteral("source_name"), QStringLiteral("lax-core1")},
                               {QStringLiteral("destination_name"), QStringLiteral("iad-core1")},
                               {QStringLiteral("color"), QStringLiteral("#d62728")}},
                   QJsonObject{{QStringLiteral("name"), circuits.first().name},
                               {QStringLiteral("source_name"), QStringLiteral("lax-core1")},
                               {QStringLiteral("destination_name"), QStringLiteral("lax-core2")}}});
    ASSERT_TRUE(saved.failure.isEmpty());

    CoreEvents events(*core);
    TopologyPage page(*core, admin, events);
    waitForLayout(page);
    const QList<TopologyEdge> all = page.scene()->edges();
    ASSERT_EQ(all.size(), circuits.size() + 1);
    int linkEdges = 0;
    for (const TopologyEdge &edge : all) {
        if (edge.kind == TopologyEdge::Kind::Link)
            ++linkEdges;
        if (edge.name != u"lax-iad")
            continue;
        EXPECT_EQ(TopologyEdgeLayer::penFor(edge).color(), QColor(QStringLiteral("#d62728")));
        // Its tooltip where it runs, between its devices.
        const QPointF middle = (page.scene()->nodeItem(edge.sourceKey)->scenePos() +
                                page.scene()->nodeItem(edge.targetKey)->scenePos()) /
                               2;
        const QString tip = page.scene()->edgeToolTipAt(middle, 2);
        EXPECT_TRUE(tip.contains(u"lax-iad")) << tip.toStdString();
        EXPECT_TRUE(tip.contains(u"iad-core1")) << tip.toStdString();
    }
    EXPECT_EQ(linkEdges, 2);

    auto *sites = page.findChild<SiteListWidget *>();
    const qint64 lax = core->devices().get(QStringLiteral("lax-core1")).value().siteId;
    ASSERT_TRUE(sites->setCurrentSite(lax));
    waitForLayout(page);
    EXPECT_EQ(page.scene()->places().size(), 6);
    for (const TopologyEdge &edge : page.scene()->edges())
        EXPECT_NE(edge.name, u"lax-iad");

    auto *filter = page.findChild<QLineEdit *>(QStringLiteral("filter"));
    filter->setText(QStringLiteral("role=core"));
    QTest::keyClick(filter, Qt::Key_Return);
    waitForLayout(page);
    EXPECT_EQ(page.scene()->places().keys().size(), 2);
    EXPECT_TRUE(
        page.findChild<QLabel *>(QStringLiteral("summary"))->text().contains(u"Devices: 2"));
}

// A hypervisor named as a device is that device: its machines hang under it and move with it.
TEST_F(TopologyPageTest, MachinesAreShownUnderTheirHypervisor)
{
    ASSERT_TRUE(core->virt().synchroniseAll().ok());
    const QList<Hypervisor> hypervisors = core->virt().hypervisors(admin).value();
    ASSERT_FALSE(hypervisors.isEmpty());
    const qint64 site = core->devices().get(QStringLiteral("lax-core1")).value().siteId;
    const Result<QList<Device>> host = core->devices().create(
        admin,
        QJsonArray{QJsonObject{{QStringLiteral("hostname"), hypervisors.first().name},
                               {QStringLiteral("icon"), QStringLiteral("server")},
                               {QStringLiteral("attributes"),
                                QJsonObject{{QStringLiteral("role"), QStringLiteral("access")}}}}},
        site);
    ASSERT_TRUE(host.ok()) << host.error().message.toStdString();
    const QString hostKey = TopologyNode::keyOf(TopologyNode::Kind::Device, host->first().id);

    CoreEvents events(*core);
    TopologyPage page(*core, admin, events);
    waitForLayout(page);
    page.findChild<QCheckBox *>(QStringLiteral("showMachines"))->setChecked(true);
    waitForLayout(page);
    const QList<Machine> machines = core->virt().machines(admin).value();
    ASSERT_FALSE(machines.isEmpty());
    TopologyNodeItem *hostItem = page.scene()->nodeItem(hostKey);
    ASSERT_NE(hostItem, nullptr);
    for (const Machine &machine : machines) {
        TopologyNodeItem *item =
            page.scene()->nodeItem(TopologyNode::keyOf(TopologyNode::Kind::Machine, machine.id));
        ASSERT_NE(item, nullptr) << machine.name.toStdString();
        EXPECT_EQ(item->parentItem(), hostItem);
        EXPECT_GT(item->scenePos().y(), hostItem->scenePos().y());
    }
    // Machines are not places of their own, and move with their host.
    EXPECT_EQ(page.scene()->places().size(), 13);
    TopologyNodeItem *first = page.scene()->nodeItem(
        TopologyNode::keyOf(TopologyNode::Kind::Machine, machines.first().id));
    const QPointF before = first->scenePos();
    hostItem->moveBy(100, 50);
    EXPECT_EQ(first->scenePos(), before + QPointF(100, 50));
    page.findChild<QCheckBox *>(QStringLiteral("showMachines"))->setChecked(false);
    EXPECT_EQ(page.scene()->nodeItem(
                  TopologyNode::keyOf(TopologyNode::Kind::Machine, machines.first().id)),
              nullptr);
}

// Every edge whose middle is on screen, away from the nodes, is drawn there: the lines are a
// picture drawn off the GUI thread, copied as the view pans, stretched as it zooms, and drawn
// one by one while nodes move.
void expectEdgesDrawn(const TopologyPage &page)
{
    const TopologyView *view = page.view();
    const QImage shown = view->viewport()->grab().toImage();
    const QColor background = view->viewport()->palette().color(QPalette::Base);
    const QHash<QString, QPointF> places = page.scene()->places();
    int checked = 0;
    for (const TopologyEdge &edge : page.scene()->edges()) {
        const QPoint middle =
            view->mapFromScene((places.value(edge.sourceKey) + places.value(edge.targetKey)) / 2);
        const bool nearNode = std::any_of(places.cbegin(), places.cend(), [&](QPointF place) {
            return QLineF(view->mapFromScene(place), middle).length() < 45;
        });
        if (nearNode || !shown.rect().adjusted(3, 3, -3, -3).contains(middle))
            continue;
        bool inked = false;
        for (int x = -2; x <= 2; ++x) {
            for (int y = -2; y <= 2; ++y) {
                inked = inked || std::abs(qGray(shown.pixel(middle + QPoint(x, y))) -
                                          qGray(background.rgb())) > 24;
            }
        }
        EXPECT_TRUE(inked) << edge.name.toStdString();
        ++checked;
    }
    EXPECT_GT(checked, 0);
}

TEST_F(TopologyPageTest, EdgesStayWhereTheyAreAsTheViewPansZoomsAndNodesMove)
{
    CoreEvents events(*core);
    TopologyPage page(*core, admin, events);
    page.resize(1000, 700);
    waitForLayout(page);
    TopologyView *view = page.view();
    // At first, and once the picture is ready.
    expectEdgesDrawn(page);
    QTest::qWait(400);
    expectEdgesDrawn(page);

    view->zoomIn();
    expectEdgesDrawn(page);
    QTest::qWait(400);
    expectEdgesDrawn(page);

    view->horizontalScrollBar()->setValue(view->horizontalScrollBar()->value() + 120);
    view->verticalScrollBar()->setValue(view->verticalScrollBar()->value() + 80);
    expectEdgesDrawn(page);
    QTest::qWait(400);
    expectEdgesDrawn(page);

    TopologyNodeItem *node = page.scene()->nodeItem(deviceKey(QStringLiteral("lax-core1")));
    ASSERT_NE(node, nullptr);
    node->setPos(node->pos() + QPointF(70, -50));
    expectEdgesDrawn(page);
    QTest::qWait(400);
    expectEdgesDrawn(page);
}

// A picture just asked for is the one on its way, whatever the zoom and scroll: asking again
// at once would draw pictures forever. Panned in whole pixels, it still is; zoomed, not.
TEST(TopologyEdgePictureTest, APictureAskedForIsOnItsWayUntilTheViewScales)
{
    TopologyEdgePicture pictures;
    QRandomGenerator random(19);
    for (int attempt = 0; attempt < 2000; ++attempt) {
        const double zoom = std::pow(1.25, random.bounded(-12, 7));
        const QTransform view =
            QTransform::fromScale(zoom, zoom) *
            QTransform::fromTranslate(random.bounded(-5000, 5000), random.bounded(-5000, 5000));
        const QRect shown(0, 0, 900, 700);
        const QRectF lines(random.bounded(-3000, 0) + 0.5, random.bounded(-3000, 0) + 0.5,
                           random.bounded(1, 6000) * 1.37, random.bounded(1, 6000) * 0.73);
        const QRect visible = shown & view.mapRect(lines).toAlignedRect();
        const QRect area =
            shown.adjusted(-225, -175, 225, 175) & view.mapRect(lines).toAlignedRect();
        // (Nothing of the lines in view asks for no picture.)
        if (visible.isEmpty())
            continue;
        pictures.draw({{}, view, area, 1.0, true, quint64(attempt)});
        ASSERT_TRUE(pictures.isComing(view, visible, quint64(attempt))) << attempt;
        const QTransform panned = view * QTransform::fromTranslate(-100, 60);
        const QRect stillShown = visible.translated(-100, 60) & shown;
        if (!stillShown.isEmpty()) {
            EXPECT_TRUE(pictures.isComing(panned, stillShown, quint64(attempt)));
        }
        EXPECT_FALSE(
            pictures.isComing(view * QTransform::fromScale(1.25, 1.25), visible, quint64(attempt)));
        EXPECT_FALSE(pictures.isComing(view, visible, quint64(attempt) + 1));
    }
}

// The picture as PNG and as SVG, read back by Qt's image and SVG readers.
TEST_F(TopologyPageTest, ExportsThePictureAsPngAndSvg)
{
    CoreEvents events(*core);
    TopologyPage page(*core, admin, events);
    waitForLayout(page);
    const QTemporaryDir folder;
    const QString png = folder.filePath(QStringLiteral("topology.png"));
    const QString svg = folder.filePath(QStringLiteral("topology.svg"));
    ASSERT_TRUE(page.exportPictureTo(png).ok());
    ASSERT_TRUE(page.exportPictureTo(svg).ok());
    const QImage image(png);
    ASSERT_FALSE(image.isNull());
    EXPECT_GT(image.width(), 300);
    QSvgRenderer renderer(svg);
    EXPECT_TRUE(renderer.isValid());
    QFile file(svg);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    QDomDocument document;
    ASSERT_TRUE(document.setContent(&file));
    EXPECT_TRUE(document.toString().contains(u"lax-core1"));
    const Result<void> refused = page.exportPictureTo(folder.filePath(QStringLiteral("t.gif")));
    EXPECT_FALSE(refused.ok());
}

} // namespace
