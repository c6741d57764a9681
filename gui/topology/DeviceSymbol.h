#pragma once

#include <QString>

class QPainter;
class QRectF;

namespace Cairn {

// The shapes a network diagram draws devices with, by eNMS icon name (router, switch, firewall,
// server, host, ...), plus hypervisors and virtual machines. Drawn with paths rather than taken
// from the icon theme: they look the same on every desktop, stay sharp at any zoom and are
// vectors in an SVG export.
class DeviceSymbol
{
public:
    enum class Shape
    {
        Router,
        Switch,
        Firewall,
        Server,
        Hypervisor,
        Machine,
        Other,
    };

    static Shape shapeOf(const QString &icon);
    // The symbol filling `box`, outlined with the painter's pen and filled with its brush; the
    // marks inside in the pen's colour.
    static void paint(QPainter &painter, Shape shape, const QRectF &box);
};

} // namespace Cairn
