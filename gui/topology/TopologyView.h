#pragma once

#include <QGraphicsView>

namespace Cairn {

// Shows the topology scene: the wheel zooms around the pointer, dragging the background pans,
// dragging a node moves it (with the others selected), Ctrl+click adds to the selection.
class TopologyView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit TopologyView(QWidget *parent = nullptr);

    double zoom() const { return transform().m11(); }

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    // The whole picture in the window (never larger than life), kept so as the window is
    // resized, until the operator zooms.
    void fitAll();
    // Life size: a scene unit is a pixel.
    void actualSize();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    // Multiplies the zoom by `factor`, within sensible bounds.
    void zoomBy(double factor);
    void fit();

    bool m_fitted = false;
};

} // namespace Cairn
