#pragma once

#include "DeviceSymbol.h"
#include "topology/TopologyNode.h"

#include <QGraphicsItem>

namespace Cairn {

class TopologyEdgeLayer;

// A node on the topology: its symbol with the name under it. Devices and hypervisors are
// dragged to arrange them; machines are children of their hypervisor's node and move with it.
// Zoomed far out, it is drawn as a plain block, and without its name, so thousands stay fluid.
class TopologyNodeItem : public QGraphicsItem
{
public:
    // The symbol's size; the name is written under it.
    static constexpr double SymbolWidth = 44;
    static constexpr double SymbolHeight = 34;
    // The room a node takes in a layout: symbol, name and a margin.
    static QSizeF footprint() { return {150, 80}; }

    explicit TopologyNodeItem(const TopologyNode &node, QGraphicsItem *parent = nullptr);

    const TopologyNode &node() const { return m_node; }
    // The layer whose lines end at this node.
    void setEdgeLayer(TopologyEdgeLayer *layer) { m_edgeLayer = layer; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    QRectF symbolRect() const;
    QRectF labelRect() const;

    TopologyNode m_node;
    DeviceSymbol::Shape m_shape;
    // The name as drawn.
    QString m_label;
    TopologyEdgeLayer *m_edgeLayer = nullptr;
};

} // namespace Cairn
