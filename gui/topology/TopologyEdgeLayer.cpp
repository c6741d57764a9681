#include "TopologyEdgeLayer.h"

#include "TopologyNodeItem.h"

#include <QApplication>
#include <QHash>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

namespace Cairn {

namespace {

// Zoomed out below this, thousands of lines are drawn without antialiasing: at that size it
// shows little, and it costs most of a frame.
constexpr double SmoothDetail = 0.7;

QString endText(const QString &device, const QString &interface)
{
    return interface.isEmpty() ? device : QStringLiteral("%1 %2").arg(device, interface);
}

// The distance from `point` to the segment `line`.
double distanceTo(const QLineF &line, const QPointF &point)
{
    const QPointF along = line.p2() - line.p1();
    const double length = QPointF::dotProduct(along, along);
    const double share =
        length == 0 ? 0
                    : std::clamp(QPointF::dotProduct(point - line.p1(), along) / length, 0.0, 1.0);
    return QLineF(point, line.p1() + along * share).length();
}

} // namespace

TopologyEdgeLayer::TopologyEdgeLayer()
{
    setZValue(0);
    // paint() draws only what crosses the exposed part.
    setFlag(ItemUsesExtendedStyleOption);
}

QPen TopologyEdgeLayer::penFor(const TopologyEdge &edge)
{
    // The text's colour, a little faded: clear on light and dark themes alike.
    QColor colour = QApplication::palette().color(QPalette::Text);
    colour.setAlpha(150);
    if (edge.kind == TopologyEdge::Kind::Link && QColor::isValidColorName(edge.color))
        colour = QColor::fromString(edge.color);
    // One pixel: wider cosmetic lines go through the general stroker, which hands each long line
    // to a thread pool and waits for it, thousands of times a frame.
    QPen pen(colour, 1.0);
    // As thin zoomed out as in.
    pen.setCosmetic(true);
    if (edge.kind == TopologyEdge::Kind::Circuit)
        pen.setStyle(Qt::DashLine);
    else if (edge.kind == TopologyEdge::Kind::Placement)
        pen.setStyle(Qt::DotLine);
    return pen;
}

void TopologyEdgeLayer::addEdge(const TopologyEdge &edge, const TopologyNodeItem *source,
                                const TopologyNodeItem *target)
{
    m_edges << edge;
    m_ends.append(std::pair{source, target});
    nodesMoved();
}

const QList<QLineF> &TopologyEdgeLayer::lines() const
{
    if (m_stale) {
        m_lines.clear();
        m_lines.reserve(m_ends.size());
        QRectF bounds;
        for (const auto &[source, target] : m_ends) {
            m_lines << QLineF(source->scenePos(), target->scenePos());
            bounds |= QRectF(m_lines.last().p1(), m_lines.last().p2()).normalized();
        }
        // Room for the pen's width.
        m_bounds = bounds.adjusted(-2, -2, 2, 2);
        m_stale = false;
    }
    return m_lines;
}

void TopologyEdgeLayer::nodesMoved()
{
    prepareGeometryChange();
    m_stale = true;
    update();
}

QRectF TopologyEdgeLayer::boundingRect() const
{
    lines();
    return m_bounds;
}

std::optional<qsizetype> TopologyEdgeLayer::edgeAt(const QPointF &point, double tolerance) const
{
    std::optional<qsizetype> nearest;
    double best = tolerance;
    const QList<QLineF> &all = lines();
    for (qsizetype edge = 0; edge < all.size(); ++edge) {
        const double distance = distanceTo(all.at(edge), point);
        if (distance <= best) {
            best = distance;
            nearest = edge;
        }
    }
    return nearest;
}

QString TopologyEdgeLayer::describe(qsizetype edge) const
{
    const TopologyEdge &shown = m_edges.at(edge);
    return QStringLiteral("%1\n%2 — %3")
        .arg(shown.name, endText(m_ends.at(edge).first->node().name, shown.sourceInterface),
             endText(m_ends.at(edge).second->node().name, shown.targetInterface));
}

void TopologyEdgeLayer::paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
                              QWidget * /*widget*/)
{
    const bool smooth =
        option->levelOfDetailFromTransform(painter->worldTransform()) >= SmoothDetail;
    painter->setRenderHint(QPainter::Antialiasing, smooth);
    // One batch per pen; only the lines that cross what is being painted.
    QHash<std::pair<int, QString>, std::pair<QPen, QList<QLineF>>> batches;
    const QList<QLineF> &all = lines();
    for (qsizetype edge = 0; edge < all.size(); ++edge) {
        const QLineF &line = all.at(edge);
        // Padded: the box of a level line has no height, and would cross nothing.
        if (!option->exposedRect.intersects(
                QRectF(line.p1(), line.p2()).normalized().adjusted(-1, -1, 1, 1)))
            continue;
        const TopologyEdge &shown = m_edges.at(edge);
        auto &batch = batches[{int(shown.kind), shown.color}];
        if (batch.second.isEmpty()) {
            batch.first = penFor(shown);
            // A hairline: the rasteriser's fastest line.
            if (!smooth)
                batch.first.setWidth(0);
        }
        batch.second << line;
    }
    for (const auto &[pen, lines] : std::as_const(batches)) {
        painter->setPen(pen);
        painter->drawLines(lines);
    }
}

} // namespace Cairn
