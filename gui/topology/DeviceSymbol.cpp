#include "DeviceSymbol.h"

#include <QPainter>
#include <QRectF>

namespace Cairn {

namespace {

// Four short arrows from the centre, as router symbols have.
void paintRouterMarks(QPainter &painter, const QRectF &box)
{
    const QPointF centre = box.center();
    const double reach = box.height() * 0.28;
    painter.drawLine(centre - QPointF(reach, 0), centre + QPointF(reach, 0));
    painter.drawLine(centre - QPointF(0, reach * 0.7), centre + QPointF(0, reach * 0.7));
}

// Two arrows each way, as switch symbols have.
void paintSwitchMarks(QPainter &painter, const QRectF &box)
{
    const double left = box.left() + box.width() * 0.22;
    const double right = box.right() - box.width() * 0.22;
    const double head = box.height() * 0.12;
    for (const double y : {box.top() + box.height() * 0.36, box.top() + box.height() * 0.64}) {
        painter.drawLine(QPointF(left, y), QPointF(right, y));
        const bool toRight = y < box.center().y();
        const double tip = toRight ? right : left;
        const double back = toRight ? -head : head;
        painter.drawLine(QPointF(tip, y), QPointF(tip + back, y - head));
        painter.drawLine(QPointF(tip, y), QPointF(tip + back, y + head));
    }
}

// Courses of bricks.
void paintFirewallMarks(QPainter &painter, const QRectF &box)
{
    const int courses = 3;
    const double height = box.height() / courses;
    for (int course = 1; course < courses; ++course)
        painter.drawLine(QPointF(box.left(), box.top() + course * height),
                         QPointF(box.right(), box.top() + course * height));
    for (int course = 0; course < courses; ++course) {
        const double top = box.top() + course * height;
        // Joints half a brick apart, shifted by a quarter brick every other course.
        const double first = box.width() * ((course % 2 == 0) ? 0.5 : 0.25);
        for (int joint = 0; first + joint * box.width() * 0.5 < box.width() - 1; ++joint) {
            const double x = box.left() + first + joint * box.width() * 0.5;
            painter.drawLine(QPointF(x, top), QPointF(x, top + height));
        }
    }
}

// Drive slots of a tower; a hypervisor's carry small machines.
void paintServerMarks(QPainter &painter, const QRectF &box, bool hypervisor)
{
    const double inset = box.width() * 0.18;
    for (int slot = 1; slot <= 3; ++slot) {
        const double y = box.top() + box.height() * 0.2 * slot;
        painter.drawLine(QPointF(box.left() + inset, y), QPointF(box.right() - inset, y));
    }
    if (hypervisor) {
        const double side = box.width() * 0.18;
        painter.drawRect(
            QRectF(box.center().x() - side / 2, box.bottom() - side * 1.6, side, side));
    }
}

} // namespace

DeviceSymbol::Shape DeviceSymbol::shapeOf(const QString &icon)
{
    const QString name = icon.toLower();
    if (name == u"router")
        return Shape::Router;
    if (name == u"switch" || name == u"optical_switch")
        return Shape::Switch;
    if (name == u"firewall")
        return Shape::Firewall;
    if (name == u"server" || name == u"host")
        return Shape::Server;
    return Shape::Other;
}

void DeviceSymbol::paint(QPainter &painter, Shape shape, const QRectF &box)
{
    switch (shape) {
    case Shape::Router: {
        const QRectF disc(box.left(), box.top() + box.height() * 0.1, box.width(),
                          box.height() * 0.8);
        painter.drawEllipse(disc);
        paintRouterMarks(painter, disc);
        return;
    }
    case Shape::Switch:
        painter.drawRoundedRect(box, 4, 4);
        paintSwitchMarks(painter, box);
        return;
    case Shape::Firewall:
        painter.drawRect(box);
        paintFirewallMarks(painter, box);
        return;
    case Shape::Server:
    case Shape::Hypervisor: {
        const QRectF tower(box.center().x() - box.width() * 0.3, box.top(), box.width() * 0.6,
                           box.height());
        painter.drawRoundedRect(tower, 3, 3);
        paintServerMarks(painter, tower, shape == Shape::Hypervisor);
        return;
    }
    case Shape::Machine: {
        const QRectF screen(box.left(), box.top(), box.width(), box.height() * 0.75);
        painter.drawRoundedRect(screen, 3, 3);
        painter.drawLine(QPointF(box.center().x(), screen.bottom()),
                         QPointF(box.center().x(), box.bottom()));
        painter.drawLine(QPointF(box.left() + box.width() * 0.3, box.bottom()),
                         QPointF(box.right() - box.width() * 0.3, box.bottom()));
        return;
    }
    case Shape::Other:
        painter.drawRoundedRect(box, box.height() * 0.25, box.height() * 0.25);
        return;
    }
}

} // namespace Cairn
