// Each user's arrangement of the topology, and the layout helpers the GUI builds on.
#include "CoreFixture.h"
#include "QtPrinters.h"
#include "topology/TopologyLayout.h"
#include "topology/TopologyService.h"

#include <QJsonArray>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

class TopologyTest : public Cairn::Test::CoreFixture
{
protected:
    void SetUp() override
    {
        CoreFixture::SetUp();
        admin = addUser(QStringLiteral("admin"), true);
        const qint64 site =
            core->sites()
                .create(admin,
                        QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("lab")}}})
                .value()
                .first()
                .id;
        QJsonArray items;
        for (const QString &name : {QStringLiteral("a"), QStringLiteral("b")})
            items << QJsonObject{{QStringLiteral("hostname"), name}};
        const QList<Device> devices = core->devices().create(admin, items, site).value();
        for (const Device &device : devices)
            keys << TopologyNode::keyOf(TopologyNode::Kind::Device, device.id);
    }

    TopologyService topology()
    {
        return TopologyService(core->database(), core->devices(), core->virt());
    }

    Identity admin;
    QStringList keys;
};

TopologyGraph chain(int length)
{
    TopologyGraph graph;
    for (int i = 0; i < length; ++i) {
        graph.nodes << TopologyNode{
            TopologyNode::Kind::Device, i, QString::number(i), {}, 1, {}, {}};
        if (i > 0)
            graph.edges << TopologyEdge{TopologyEdge::Kind::Link,
                                        QString::number(i),
                                        TopologyNode::keyOf(TopologyNode::Kind::Device, i - 1),
                                        TopologyNode::keyOf(TopologyNode::Kind::Device, i),
                                        {},
                                        {},
                                        {}};
    }
    return graph;
}

} // namespace

TEST_F(TopologyTest, EachUserKeepsTheirOwnPlacesAndSavingAgainMovesThem)
{
    const Identity other = addUser(QStringLiteral("other"), false);
    ASSERT_TRUE(
        topology()
            .savePositions(admin, {{keys.at(0), QPointF(1.5, -2)}, {keys.at(1), QPointF(100, 200)}})
            .ok());
    ASSERT_TRUE(topology().savePositions(other, {{keys.at(0), QPointF(7, 7)}}).ok());
    ASSERT_TRUE(topology().savePositions(admin, {{keys.at(1), QPointF(-30, 40)}}).ok());

    const QHash<QString, QPointF> mine = topology().positions(admin).value();
    EXPECT_EQ(mine.size(), 2);
    EXPECT_EQ(mine.value(keys.at(0)), QPointF(1.5, -2));
    EXPECT_EQ(mine.value(keys.at(1)), QPointF(-30, 40));
    const QHash<QString, QPointF> theirs = topology().positions(other).value();
    EXPECT_EQ(theirs.size(), 1);
    EXPECT_EQ(theirs.value(keys.at(0)), QPointF(7, 7));
}

TEST_F(TopologyTest, PlacesOfMachinesUnknownKeysAndDeletedNodesAreNotKept)
{
    // A device or hypervisor deleted between reading the picture and saving it, machines (which
    // sit under their host) and keys that name no node: the other places are saved.
    ASSERT_TRUE(
        topology()
            .savePositions(
                admin,
                {{keys.at(0), QPointF(1, 1)},
                 {TopologyNode::keyOf(TopologyNode::Kind::Device, 987654), QPointF(2, 2)},
                 {TopologyNode::keyOf(TopologyNode::Kind::Machine, 1), QPointF(3, 3)},
                 {QStringLiteral("device:1; DROP TABLE devices"), QPointF(4, 4)},
                 {TopologyNode::keyOf(TopologyNode::Kind::Hypervisor, 987654), QPointF(6, 6)},
                 {QStringLiteral("nonsense"), QPointF(5, 5)}})
            .ok());
    EXPECT_EQ(topology().positions(admin).value().keys(), QStringList{keys.at(0)});

    // A device deleted later takes its place along.
    ASSERT_TRUE(topology().savePositions(admin, {{keys.at(1), QPointF(9, 9)}}).ok());
    ASSERT_TRUE(
        core->devices().remove(admin, {keys.at(1).section(QLatin1Char(':'), 1).toLongLong()}).ok());
    EXPECT_EQ(topology().positions(admin).value().keys(), QStringList{keys.at(0)});
}

TEST(TopologyLayoutTest, GraphvizPlacesEveryNodeApart)
{
    const TopologyGraph graph = chain(40);
    const QSizeF size(150, 80);
    const Result<QHash<QString, QPointF>> places = TopologyLayout::arrange(graph, size);
    ASSERT_TRUE(places.ok()) << places.error().message.toStdString();
    ASSERT_EQ(places->size(), 40);
    const QList<QPointF> points = places->values();
    for (qsizetype a = 0; a < points.size(); ++a) {
        for (qsizetype b = a + 1; b < points.size(); ++b) {
            const QPointF gap = points.at(a) - points.at(b);
            // Boxes of `size` around each centre do not overlap.
            EXPECT_TRUE(std::abs(gap.x()) >= size.width() - 1 ||
                        std::abs(gap.y()) >= size.height() - 1)
                << a << " and " << b;
        }
    }
    EXPECT_FALSE(TopologyLayout::lacksPlaces(graph, places.value()));
    EXPECT_TRUE(TopologyLayout::lacksPlaces(graph, {}));
    EXPECT_TRUE(TopologyLayout::arrange(TopologyGraph(), size).value().isEmpty());
}

TEST(TopologyLayoutTest, NewNodesJoinTheSavedArrangementBesideTheirNeighbours)
{
    const TopologyGraph graph = chain(3);
    const QString first = graph.nodes.at(0).key();
    const QString second = graph.nodes.at(1).key();
    const QString third = graph.nodes.at(2).key();
    const QHash<QString, QPointF> arranged{
        {first, QPointF(0, 0)}, {second, QPointF(100, 0)}, {third, QPointF(200, 0)}};
    // The saved ones were moved 1,000 down since: the new one follows them.
    const QHash<QString, QPointF> saved{{first, QPointF(0, 1000)}, {second, QPointF(100, 1000)}};
    const QHash<QString, QPointF> places = TopologyLayout::completed(graph, saved, arranged);
    EXPECT_EQ(places.value(first), QPointF(0, 1000));
    EXPECT_EQ(places.value(second), QPointF(100, 1000));
    EXPECT_EQ(places.value(third), QPointF(200, 1000));
}

TEST(TopologyLayoutTest, MachinesSitInRowsUnderTheirParent)
{
    TopologyGraph graph = chain(1);
    const QString parent = graph.nodes.first().key();
    for (int i = 0; i < 8; ++i)
        graph.nodes << TopologyNode{TopologyNode::Kind::Machine, i,     QString::number(i), {}, 0,
                                    QStringLiteral("running"),   parent};
    const QHash<QString, QPointF> machines =
        TopologyLayout::underParents(graph, {{parent, QPointF(500, 500)}}, QSizeF(100, 50), 6);
    ASSERT_EQ(machines.size(), 8);
    const auto at = [&machines](int i) {
        return machines.value(TopologyNode::keyOf(TopologyNode::Kind::Machine, i));
    };
    // A full first row centred under the parent, the last two centred under it below.
    EXPECT_EQ(at(0), QPointF(250, 550));
    EXPECT_EQ(at(5), QPointF(750, 550));
    EXPECT_EQ(at(6), QPointF(450, 600));
    EXPECT_EQ(at(7), QPointF(550, 600));
}

TEST_F(TopologyTest, AHypervisorHasAPlaceForWhoMayViewItAndReadOnlyTokensArrangeNothing)
{
    const QList<Hypervisor> hypervisors = core->virt().hypervisors(admin).value();
    ASSERT_FALSE(hypervisors.isEmpty());
    const QString hypervisor =
        TopologyNode::keyOf(TopologyNode::Kind::Hypervisor, hypervisors.first().id);
    ASSERT_TRUE(topology()
                    .savePositions(admin, {{hypervisor, QPointF(10, 20)}, {keys.at(0), QPointF()}})
                    .ok());
    ASSERT_TRUE(topology().savePositions(admin, {{hypervisor, QPointF(30, 40)}}).ok());
    const QHash<QString, QPointF> mine = topology().positions(admin).value();
    EXPECT_EQ(mine.size(), 2);
    EXPECT_EQ(mine.value(hypervisor), QPointF(30, 40));

    // Someone who may not view the hypervisor places only what they may see.
    const Identity other = addUser(QStringLiteral("other"), false);
    ASSERT_TRUE(
        topology()
            .savePositions(other, {{hypervisor, QPointF(1, 1)}, {keys.at(1), QPointF(2, 2)}})
            .ok());
    EXPECT_EQ(topology().positions(other).value().keys(), QStringList{keys.at(1)});

    const Identity readOnly{admin.user, true};
    const Result<void> refused = topology().savePositions(readOnly, {{keys.at(1), QPointF(5, 5)}});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Forbidden);
    EXPECT_FALSE(topology().positions(admin).value().contains(keys.at(1)));
}

TEST(TopologyLayoutTest, APictureLaidOutAloneGoesBesideTheSavedOnes)
{
    const QHash<QString, QPointF> saved{{QStringLiteral("device:1"), QPointF(0, 0)},
                                        {QStringLiteral("device:2"), QPointF(500, 300)}};
    const QHash<QString, QPointF> arranged{{QStringLiteral("device:3"), QPointF(-50, -50)},
                                           {QStringLiteral("device:4"), QPointF(50, 50)}};
    const QHash<QString, QPointF> placed = TopologyLayout::placedAmong(arranged, saved);
    // Right of everything saved, level with its top, the shape kept.
    EXPECT_GT(placed.value(QStringLiteral("device:3")).x(), 500.0);
    EXPECT_EQ(placed.value(QStringLiteral("device:3")).y(), 0.0);
    EXPECT_EQ(placed.value(QStringLiteral("device:4")) - placed.value(QStringLiteral("device:3")),
              QPointF(100, 100));
}
