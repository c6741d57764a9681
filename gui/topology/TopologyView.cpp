#include "TopologyView.h"

#include <QWheelEvent>
#include <cmath>

namespace Cairn {

namespace {

constexpr double ZoomStep = 1.25;
constexpr double MinimumZoom = 0.02;
constexpr double MaximumZoom = 4.0;
constexpr double FitMargin = 24;

} // namespace

TopologyView::TopologyView(QWidget *parent)
    : QGraphicsView(parent)
{
    setObjectName(QStringLiteral("topologyView"));
    setRenderHint(QPainter::Antialiasing);
    setDragMode(ScrollHandDrag);
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);
    setViewportUpdateMode(SmartViewportUpdate);
    setOptimizationFlags(DontSavePainterState | DontAdjustForAntialiasing);
    setFocusPolicy(Qt::StrongFocus);
}

void TopologyView::zoomIn()
{
    zoomBy(ZoomStep);
}

void TopologyView::zoomOut()
{
    zoomBy(1.0 / ZoomStep);
}

void TopologyView::fitAll()
{
    m_fitted = true;
    fit();
}

void TopologyView::actualSize()
{
    m_fitted = false;
    setTransform(QTransform());
}

void TopologyView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_fitted)
        fit();
}

void TopologyView::fit()
{
    if (!scene() || scene()->items().isEmpty())
        return;
    const QRectF bounds =
        scene()->itemsBoundingRect().adjusted(-FitMargin, -FitMargin, FitMargin, FitMargin);
    fitInView(bounds, Qt::KeepAspectRatio);
    if (zoom() > 1.0)
        setTransform(QTransform());
    centerOn(bounds.center());
}

void TopologyView::wheelEvent(QWheelEvent *event)
{
    const int degrees = event->angleDelta().y();
    if (degrees == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    // One notch (120) is one step; touchpads send fractions of one.
    zoomBy(std::pow(ZoomStep, degrees / 120.0));
    event->accept();
}

void TopologyView::zoomBy(double factor)
{
    m_fitted = false;
    const double wanted = std::clamp(zoom() * factor, MinimumZoom, MaximumZoom);
    scale(wanted / zoom(), wanted / zoom());
}

} // namespace Cairn
