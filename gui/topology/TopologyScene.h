#pragma once

#include "topology/TopologyGraph.h"

#include <QGraphicsScene>
#include <QHash>
#include <QPointF>

namespace Cairn {

class TopologyEdgeLayer;
class TopologyNodeItem;

// The topology's items: a node per device, hypervisor and machine (machines as children of
// their hypervisor's node), an edge per link, circuit and placement. Tells when a drag has
// put nodes somewhere new, so their places can be saved.
class TopologyScene : public QGraphicsScene
{
    Q_OBJECT

public:
    explicit TopologyScene(QObject *parent = nullptr);

    // Replaces the picture: device and hypervisor nodes at `places` (those without one at the
    // origin), machines under their parents. The selection is kept where its nodes still are.
    void setGraph(const TopologyGraph &graph, const QHash<QString, QPointF> &places);
    // Where the device and hypervisor nodes are now.
    QHash<QString, QPointF> places() const;
    TopologyNodeItem *nodeItem(const QString &key) const { return m_nodes.value(key); }
    QList<TopologyEdge> edges() const;
    // The tooltip of the edge nearest `point` within `tolerance` (scene units); empty for none.
    QString edgeToolTipAt(const QPointF &point, double tolerance) const;
    QStringList selectedKeys() const;
    void selectKeys(const QStringList &keys);

Q_SIGNALS:
    // A drag ended with these nodes moved (their new places).
    void nodesMoved(const QHash<QString, QPointF> &places);

protected:
    void helpEvent(QGraphicsSceneHelpEvent *event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;

private:
    QHash<QString, TopologyNodeItem *> m_nodes;
    TopologyEdgeLayer *m_edges = nullptr;
    // Where the nodes were when the mouse went down.
    QHash<QString, QPointF> m_pressed;
};

} // namespace Cairn
