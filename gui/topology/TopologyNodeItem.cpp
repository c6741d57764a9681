#include "TopologyNodeItem.h"

#include "TopologyEdgeLayer.h"
#include "common/RichText.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

namespace Cairn {

namespace {

constexpr double LabelWidth = 140;
constexpr double LabelGap = 3;
// Below this scale the name is unreadable anyway, and below the next the symbol too.
constexpr double NameDetail = 0.6;
constexpr double SymbolDetail = 0.25;

DeviceSymbol::Shape shapeFor(const TopologyNode &node)
{
    switch (node.kind) {
    case TopologyNode::Kind::Hypervisor:
        return DeviceSymbol::Shape::Hypervisor;
    case TopologyNode::Kind::Machine:
        return DeviceSymbol::Shape::Machine;
    case TopologyNode::Kind::Device:
        break;
    }
    return DeviceSymbol::shapeOf(node.icon);
}

// A machine or hypervisor libvirt does not report running is drawn greyed.
bool isDimmed(const TopologyNode &node)
{
    return node.kind != TopologyNode::Kind::Device && node.state != u"running" &&
           node.state != u"up";
}

// A name as it can be drawn and written into an SVG: a VM's name from libvirt may hold
// control characters, which XML cannot carry.
QString printable(QString name)
{
    for (QChar &character : name) {
        if (character.category() == QChar::Other_Control)
            character = QChar::ReplacementCharacter;
    }
    return name;
}

} // namespace

TopologyNodeItem::TopologyNodeItem(const TopologyNode &node, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_node(node)
    , m_shape(shapeFor(node))
    , m_label(printable(node.name))
{
    setFlag(ItemIsSelectable);
    setFlag(ItemSendsScenePositionChanges);
    setFlag(ItemIsMovable, node.kind != TopologyNode::Kind::Machine);
    setZValue(1);
    QString tip = node.name;
    if (!node.icon.isEmpty())
        tip += QStringLiteral(" (%1)").arg(node.icon);
    if (!node.state.isEmpty())
        tip += QStringLiteral("\n") + node.state;
    setToolTip(RichText::plain(tip));
}

QRectF TopologyNodeItem::symbolRect() const
{
    const double scale = m_node.kind == TopologyNode::Kind::Machine ? 0.7 : 1.0;
    return {-SymbolWidth * scale / 2, -SymbolHeight * scale / 2, SymbolWidth * scale,
            SymbolHeight * scale};
}

QRectF TopologyNodeItem::labelRect() const
{
    const QFontMetricsF metrics(QApplication::font());
    return {-LabelWidth / 2, symbolRect().bottom() + LabelGap, LabelWidth, metrics.height()};
}

QRectF TopologyNodeItem::boundingRect() const
{
    // The selection frame is drawn two units outside the symbol.
    return symbolRect().adjusted(-3, -3, 3, 3).united(labelRect());
}

QPainterPath TopologyNodeItem::shape() const
{
    QPainterPath path;
    path.addRect(symbolRect().adjusted(-3, -3, 3, 3));
    return path;
}

void TopologyNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
                             QWidget * /*widget*/)
{
    const QPalette palette = QApplication::palette();
    const double detail = option->levelOfDetailFromTransform(painter->worldTransform());
    const QColor ink =
        isDimmed(m_node) ? palette.color(QPalette::PlaceholderText) : palette.color(QPalette::Text);
    const QColor fill = palette.color(QPalette::Base);
    if (isSelected()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(palette.color(QPalette::Highlight));
        painter->drawRoundedRect(symbolRect().adjusted(-3, -3, 3, 3), 4, 4);
    }
    if (detail < SymbolDetail) {
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(Qt::NoPen);
        painter->setBrush(ink);
        painter->drawRect(symbolRect());
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(ink, 1.6));
    painter->setBrush(fill);
    DeviceSymbol::paint(*painter, m_shape, symbolRect());
    if (detail < NameDetail)
        return;
    painter->setPen(isSelected() ? palette.color(QPalette::Highlight) : ink);
    painter->setFont(QApplication::font());
    const QFontMetricsF metrics(painter->font());
    painter->drawText(labelRect(), Qt::AlignHCenter | Qt::AlignTop,
                      metrics.elidedText(m_label, Qt::ElideMiddle, LabelWidth));
}

QVariant TopologyNodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemScenePositionHasChanged && m_edgeLayer)
        m_edgeLayer->nodesMoved();
    return QGraphicsItem::itemChange(change, value);
}

} // namespace Cairn
