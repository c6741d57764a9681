#pragma once

#include "TopologyEdgePicture.h"
#include "topology/TopologyEdge.h"

#include <QGraphicsItem>
#include <QList>
#include <QPen>
#include <optional>

namespace Cairn {

class TopologyNodeItem;

// Every edge of the picture as one item under the nodes: thousands of line items cost a
// frame's budget in the view's bookkeeping alone, while one item draws them in a few batched
// calls. eNMS links are solid (in the link's colour when it has one), circuits alone dashed, a
// machine's placement dotted; zoomed far out they are hairlines without antialiasing. In a view
// they are shown as a picture drawn off the GUI thread (TopologyEdgePicture); exported, as lines.
class TopologyEdgeLayer : public QGraphicsItem
{
public:
    TopologyEdgeLayer();

    // An edge between two nodes already in the scene.
    void addEdge(const TopologyEdge &edge, const TopologyNodeItem *source,
                 const TopologyNodeItem *target);
    const QList<TopologyEdge> &edges() const { return m_edges; }
    // The edge nearest `point` within `tolerance` (scene units), if any.
    std::optional<qsizetype> edgeAt(const QPointF &point, double tolerance) const;
    // Its name and the interfaces at each end, as plain text.
    QString describe(qsizetype edge) const;
    // Where a node moved: the lines follow it.
    void nodesMoved();

    static QPen penFor(const TopologyEdge &edge);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    // Every edge's line, worked out again after nodes moved.
    const QList<QLineF> &lines() const;
    // The lines that cross `area`, one batch per pen.
    QList<TopologyEdgePicture::Batch> batches(const QRectF &area, bool smooth) const;
    void drawLines(QPainter &painter, const QRectF &area, bool smooth) const;
    // Asks for a picture of what `view` shows, with a margin for panning; false when a picture
    // of it would take too much memory.
    bool askForPicture(const QTransform &sceneToDevice, const QWidget &view, bool smooth);

    QList<TopologyEdge> m_edges;
    QList<std::pair<const TopologyNodeItem *, const TopologyNodeItem *>> m_ends;
    // Worked out when next asked after nodes moved: a drag moves many at once.
    mutable QList<QLineF> m_lines;
    mutable QRectF m_bounds;
    mutable bool m_stale = true;
    quint64 m_generation = 0;
    TopologyEdgePicture m_picture;
};

} // namespace Cairn
