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
// The picture reaches this share of the view's size beyond each side of it, so panning copies
// pixels for a while before the next is needed; but never past this many pixels.
constexpr int MarginShare = 4;
constexpr qint64 MaximumPicturePixels = 4096LL * 4096;

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
    QObject::connect(&m_picture, &TopologyEdgePicture::drawn, &m_picture, [this] { update(); });
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
    ++m_generation;
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

QList<TopologyEdgePicture::Batch> TopologyEdgeLayer::batches(const QRectF &area, bool smooth) const
{
    QList<TopologyEdgePicture::Batch> batches;
    QHash<std::pair<int, QString>, qsizetype> batchOf;
    const QList<QLineF> &all = lines();
    for (qsizetype edge = 0; edge < all.size(); ++edge) {
        const QLineF &line = all.at(edge);
        // Padded: the box of a level line has no height, and would cross nothing.
        if (!area.intersects(QRectF(line.p1(), line.p2()).normalized().adjusted(-1, -1, 1, 1)))
            continue;
        const TopologyEdge &shown = m_edges.at(edge);
        const std::pair<int, QString> style{int(shown.kind), shown.color};
        qsizetype batch = batchOf.value(style, -1);
        if (batch < 0) {
            QPen pen = penFor(shown);
            // A hairline: the rasteriser's fastest line.
            if (!smooth)
                pen.setWidth(0);
            batch = batches.size();
            batchOf.insert(style, batch);
            batches.append({pen, {}});
        }
        batches[batch].lines << line;
    }
    return batches;
}

void TopologyEdgeLayer::drawLines(QPainter &painter, const QRectF &area, bool smooth) const
{
    painter.setRenderHint(QPainter::Antialiasing, smooth);
    TopologyEdgePicture::drawBatches(painter, batches(area, smooth));
}

bool TopologyEdgeLayer::askForPicture(const QTransform &sceneToDevice, const QWidget &view,
                                      bool smooth)
{
    const QRect shown = view.rect();
    // Nothing beyond the lines: zoomed out, the picture is no bigger than they are.
    const QRect lines = sceneToDevice.mapRect(boundingRect()).toAlignedRect();
    const qreal ratio = view.devicePixelRatioF();
    const auto pixels = [ratio](const QRect &area) {
        return qint64(area.width()) * area.height() * ratio * ratio;
    };
    QRect area = shown.adjusted(-shown.width() / MarginShare, -shown.height() / MarginShare,
                                shown.width() / MarginShare, shown.height() / MarginShare) &
                 lines;
    if (pixels(area) > MaximumPicturePixels)
        area = shown & lines;
    // A screen too large to hold a picture of: its lines are drawn as they are.
    if (area.isEmpty() || pixels(area) > MaximumPicturePixels)
        return false;
    const QRectF sceneArea = sceneToDevice.inverted().mapRect(QRectF(area));
    m_picture.draw({batches(sceneArea, smooth), sceneToDevice, area, ratio, smooth, m_generation});
    return true;
}

void TopologyEdgeLayer::paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
                              QWidget *widget)
{
    const QTransform toDevice = painter->worldTransform();
    const bool smooth = option->levelOfDetailFromTransform(toDevice) >= SmoothDetail;
    // Drawn into an image or an SVG, there is no view to keep fluid: every line as a line.
    if (!widget || toDevice.type() > QTransform::TxScale) {
        drawLines(*painter, option->exposedRect, smooth);
        return;
    }
    const QRect visible = widget->rect() & toDevice.mapRect(boundingRect()).toAlignedRect();
    if (visible.isEmpty())
        return;
    if (!m_picture.isComing(toDevice, visible, m_generation) &&
        !askForPicture(toDevice, *widget, smooth)) {
        drawLines(*painter, option->exposedRect, smooth);
        return;
    }
    const std::optional<TopologyEdgePicture::Picture> &picture = m_picture.picture();
    // Nodes are moving (or nothing is drawn yet): the lines follow them at once.
    if (!picture || picture->generation != m_generation) {
        drawLines(*painter, option->exposedRect, smooth);
        return;
    }
    // Zooming: the last picture stretched, until the sharp one is ready.
    if (!TopologyEdgePicture::scalesAlike(picture->sceneToDevice, toDevice)) {
        painter->drawImage(picture->sceneRect, picture->image);
        return;
    }
    // Panning: the picture's pixels as they are, in whole device pixels.
    const QPoint at = toDevice.map(picture->sceneOrigin).toPoint();
    painter->save();
    painter->resetTransform();
    painter->drawImage(at, picture->image);
    // Past the picture's margin, until the next is ready: the lines there one by one.
    const QRegion missing = QRegion(toDevice.mapRect(option->exposedRect).toAlignedRect()) -
                            QRegion(QRect(at, picture->image.deviceIndependentSize().toSize()));
    if (!missing.isEmpty()) {
        painter->setClipRegion(missing, Qt::IntersectClip);
        painter->setWorldTransform(toDevice);
        drawLines(*painter, toDevice.inverted().mapRect(QRectF(missing.boundingRect())), smooth);
    }
    painter->restore();
}

} // namespace Cairn
