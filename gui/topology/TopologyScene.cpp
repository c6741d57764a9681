#include "TopologyScene.h"

#include "TopologyEdgeLayer.h"
#include "TopologyNodeItem.h"
#include "common/RichText.h"
#include "topology/TopologyLayout.h"

#include <QGraphicsSceneHelpEvent>
#include <QGraphicsView>
#include <QToolTip>

namespace Cairn {

namespace {

// How far from an edge, in screen pixels, the pointer still shows its tooltip.
constexpr double ToolTipReach = 4;

} // namespace

TopologyScene::TopologyScene(QObject *parent)
    : QGraphicsScene(parent)
{
}

void TopologyScene::setGraph(const TopologyGraph &graph, const QHash<QString, QPointF> &places)
{
    const QStringList selected = selectedKeys();
    // No selectionChanged per item cleared and reselected: the page asks once, after.
    const QSignalBlocker quiet(this);
    clear();
    m_edges = nullptr;
    m_nodes.clear();
    m_pressed.clear();
    const QHash<QString, QPointF> machines =
        TopologyLayout::underParents(graph, places, TopologyNodeItem::footprint());
    // Parents first: a machine's node is made inside its parent's.
    for (const TopologyNode &node : graph.nodes) {
        if (node.kind == TopologyNode::Kind::Machine)
            continue;
        auto *item = new TopologyNodeItem(node);
        item->setPos(places.value(node.key()));
        addItem(item);
        m_nodes.insert(node.key(), item);
    }
    for (const TopologyNode &node : graph.nodes) {
        TopologyNodeItem *parent = m_nodes.value(node.parentKey);
        if (node.kind != TopologyNode::Kind::Machine || !parent)
            continue;
        auto *item = new TopologyNodeItem(node, parent);
        item->setPos(machines.value(node.key()) - parent->pos());
        m_nodes.insert(node.key(), item);
    }
    m_edges = new TopologyEdgeLayer;
    for (const TopologyEdge &edge : graph.edges) {
        TopologyNodeItem *source = m_nodes.value(edge.sourceKey);
        TopologyNodeItem *target = m_nodes.value(edge.targetKey);
        if (source && target)
            m_edges->addEdge(edge, source, target);
    }
    addItem(m_edges);
    for (TopologyNodeItem *node : std::as_const(m_nodes))
        node->setEdgeLayer(m_edges);
    selectKeys(selected);
}

QHash<QString, QPointF> TopologyScene::places() const
{
    QHash<QString, QPointF> places;
    for (auto node = m_nodes.cbegin(); node != m_nodes.cend(); ++node) {
        if (node.value()->node().kind != TopologyNode::Kind::Machine)
            places.insert(node.key(), node.value()->pos());
    }
    return places;
}

QStringList TopologyScene::selectedKeys() const
{
    QStringList keys;
    const QList<QGraphicsItem *> items = selectedItems();
    for (QGraphicsItem *item : items) {
        if (auto *node = dynamic_cast<TopologyNodeItem *>(item))
            keys << node->node().key();
    }
    return keys;
}

void TopologyScene::selectKeys(const QStringList &keys)
{
    clearSelection();
    for (const QString &key : keys) {
        if (TopologyNodeItem *item = m_nodes.value(key))
            item->setSelected(true);
    }
}

QList<TopologyEdge> TopologyScene::edges() const
{
    return m_edges ? m_edges->edges() : QList<TopologyEdge>();
}

QString TopologyScene::edgeToolTipAt(const QPointF &point, double tolerance) const
{
    if (!m_edges)
        return {};
    const std::optional<qsizetype> edge = m_edges->edgeAt(point, tolerance);
    return edge ? m_edges->describe(*edge) : QString();
}

void TopologyScene::helpEvent(QGraphicsSceneHelpEvent *event)
{
    // A node's own tooltip first; else the edge under the pointer, a few pixels either side.
    const QTransform view = views().isEmpty() ? QTransform() : views().first()->transform();
    const QGraphicsItem *node = itemAt(event->scenePos(), view);
    const double tolerance = ToolTipReach / std::max(view.m11(), 0.01);
    const QString edge =
        node && node != m_edges ? QString() : edgeToolTipAt(event->scenePos(), tolerance);
    if (edge.isEmpty()) {
        QGraphicsScene::helpEvent(event);
        return;
    }
    QToolTip::showText(event->screenPos(), RichText::plain(edge), event->widget());
    event->accept();
}

void TopologyScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsScene::mousePressEvent(event);
    m_pressed = places();
}

void TopologyScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsScene::mouseReleaseEvent(event);
    QHash<QString, QPointF> moved;
    for (auto place = m_pressed.cbegin(); place != m_pressed.cend(); ++place) {
        const TopologyNodeItem *item = m_nodes.value(place.key());
        if (item && item->pos() != place.value())
            moved.insert(place.key(), item->pos());
    }
    m_pressed.clear();
    if (!moved.isEmpty())
        Q_EMIT nodesMoved(moved);
}

} // namespace Cairn
