#include "TopologyLayout.h"

#include <QMutex>
#include <QMutexLocker>
#include <QRectF>
#include <graphviz/gvc.h>
#include <memory>

namespace Cairn {

namespace {

// Graphviz counts in points (72 per inch) and takes node sizes in inches.
constexpr double PointsPerInch = 72.0;
// The gap between a picture laid out alone and the rest of the arrangement.
constexpr double SeparatePictures = 300.0;

bool isMachine(const TopologyNode &node)
{
    return node.kind == TopologyNode::Kind::Machine;
}

// Graphviz's C API takes attribute names and values as char *, which it does not change.
char *text(const char *literal)
{
    return const_cast<char *>(literal);
}

} // namespace

Result<QHash<QString, QPointF>> TopologyLayout::arrange(const TopologyGraph &graph, QSizeF nodeSize)
{
    static QMutex graphviz;
    const QMutexLocker locked(&graphviz);
    // One context for the process: libgvc 2.42 loses a few kilobytes in each gvContext() that
    // gvFreeContext() does not give back (LeakSanitizer found it), and loading its plugins
    // every time costs more than the layout of a small graph.
    static GVC_t *const context = gvContext();
    const std::unique_ptr<Agraph_t, decltype(&agclose)> layout(
        agopen(text("topology"), Agundirected, nullptr), agclose);
    if (!context || !layout)
        return Error::internal(QStringLiteral("Graphviz could not start."));
    agattr(layout.get(), AGRAPH, text("overlap"), text("prism"));
    agattr(layout.get(), AGNODE, text("shape"), text("box"));
    agattr(layout.get(), AGNODE, text("fixedsize"), text("true"));
    // No text to measure: the size is fixed, and names are drawn by the scene.
    agattr(layout.get(), AGNODE, text("label"), text(""));
    agattr(layout.get(), AGNODE, text("width"),
           QByteArray::number(nodeSize.width() / PointsPerInch).data());
    agattr(layout.get(), AGNODE, text("height"),
           QByteArray::number(nodeSize.height() / PointsPerInch).data());
    QHash<QString, Agnode_t *> nodes;
    for (const TopologyNode &node : graph.nodes) {
        if (isMachine(node))
            continue;
        // Names of our own making: Graphviz reads hostnames as nothing but names, but a key
        // is shorter and unique across kinds.
        QByteArray name = node.key().toUtf8();
        nodes.insert(node.key(), agnode(layout.get(), name.data(), 1));
    }
    for (const TopologyEdge &edge : graph.edges) {
        Agnode_t *source = nodes.value(edge.sourceKey);
        Agnode_t *target = nodes.value(edge.targetKey);
        if (source && target && source != target)
            agedge(layout.get(), source, target, nullptr, 1);
    }
    if (nodes.isEmpty())
        return QHash<QString, QPointF>();
    if (gvLayout(context, layout.get(), "sfdp") != 0) {
        gvFreeLayout(context, layout.get());
        return Error::internal(QStringLiteral("Graphviz could not lay the topology out."));
    }
    QHash<QString, QPointF> places;
    for (auto node = nodes.cbegin(); node != nodes.cend(); ++node) {
        const pointf centre = ND_coord(node.value());
        places.insert(node.key(), QPointF(centre.x, -centre.y));
    }
    gvFreeLayout(context, layout.get());
    return places;
}

QHash<QString, QPointF> TopologyLayout::placedAmong(const QHash<QString, QPointF> &arranged,
                                                    const QHash<QString, QPointF> &saved)
{
    QPointF offset;
    int common = 0;
    for (auto place = arranged.cbegin(); place != arranged.cend(); ++place) {
        if (saved.contains(place.key())) {
            offset += saved.value(place.key()) - place.value();
            ++common;
        }
    }
    if (common > 0) {
        offset /= common;
    } else if (!saved.isEmpty() && !arranged.isEmpty()) {
        // The box around points (QRectF's union would skip them: a point's box is empty).
        const auto bounds = [](const QHash<QString, QPointF> &places) {
            QPointF low = places.cbegin().value();
            QPointF high = low;
            for (const QPointF &point : places) {
                low = QPointF(std::min(low.x(), point.x()), std::min(low.y(), point.y()));
                high = QPointF(std::max(high.x(), point.x()), std::max(high.y(), point.y()));
            }
            return QRectF(low, high);
        };
        const QRectF savedBox = bounds(saved);
        const QRectF arrangedBox = bounds(arranged);
        offset = QPointF(savedBox.right() + SeparatePictures - arrangedBox.left(),
                         savedBox.top() - arrangedBox.top());
    }
    QHash<QString, QPointF> placed;
    for (auto place = arranged.cbegin(); place != arranged.cend(); ++place)
        placed.insert(place.key(), place.value() + offset);
    return placed;
}

QHash<QString, QPointF> TopologyLayout::completed(const TopologyGraph &graph,
                                                  const QHash<QString, QPointF> &saved,
                                                  const QHash<QString, QPointF> &arranged)
{
    const QHash<QString, QPointF> placed = placedAmong(arranged, saved);
    QHash<QString, QPointF> places = saved;
    for (const TopologyNode &node : graph.nodes) {
        if (!isMachine(node) && !places.contains(node.key()) && placed.contains(node.key()))
            places.insert(node.key(), placed.value(node.key()));
    }
    return places;
}

QHash<QString, QPointF> TopologyLayout::underParents(const TopologyGraph &graph,
                                                     const QHash<QString, QPointF> &places,
                                                     QSizeF nodeSize, int perRow)
{
    QHash<QString, QList<QString>> children;
    for (const TopologyNode &node : graph.nodes) {
        if (isMachine(node))
            children[node.parentKey] << node.key();
    }
    QHash<QString, QPointF> machines;
    for (auto family = children.cbegin(); family != children.cend(); ++family) {
        const QPointF parent = places.value(family.key());
        const qsizetype count = family.value().size();
        for (qsizetype index = 0; index < count; ++index) {
            const qsizetype row = index / perRow;
            const qsizetype inRow = std::min<qsizetype>(perRow, count - row * perRow);
            const double column = double(index % perRow) - double(inRow - 1) / 2.0;
            machines.insert(
                family.value().at(index),
                parent + QPointF(column * nodeSize.width(), double(row + 1) * nodeSize.height()));
        }
    }
    return machines;
}

bool TopologyLayout::lacksPlaces(const TopologyGraph &graph, const QHash<QString, QPointF> &places)
{
    return std::any_of(graph.nodes.cbegin(), graph.nodes.cend(), [&places](const auto &node) {
        return !isMachine(node) && !places.contains(node.key());
    });
}

} // namespace Cairn
