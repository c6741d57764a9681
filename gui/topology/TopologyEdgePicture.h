#pragma once

#include <QFutureWatcher>
#include <QImage>
#include <QList>
#include <QObject>
#include <QPen>
#include <QTimer>
#include <QTransform>
#include <optional>

class QPainter;

namespace Cairn {

// Pictures of the topology's edges, drawn on a worker thread. Thousands of lines cost the GUI
// thread several frames: Qt's rasteriser hands every long run of spans to a thread pool and
// waits for it. With a picture at the view's scale a pan is a copy of pixels, and a zoom shows
// the last picture stretched until the sharp one is ready.
class TopologyEdgePicture : public QObject
{
    Q_OBJECT

public:
    // Lines drawn with one pen.
    struct Batch
    {
        QPen pen;
        QList<QLineF> lines;
    };
    // What to draw: the batches, seen through `sceneToDevice`, over `deviceRect`.
    struct Request
    {
        QList<Batch> batches;
        QTransform sceneToDevice;
        QRect deviceRect;
        qreal pixelRatio = 1;
        bool smooth = true;
        // Which arrangement of the lines this is: a picture of another is out of date.
        quint64 generation = 0;
    };
    struct Picture
    {
        QImage image;
        // The scene point at the image's top-left corner, and the part of the scene it shows.
        QPointF sceneOrigin;
        QRectF sceneRect;
        QTransform sceneToDevice;
        quint64 generation = 0;
    };

    explicit TopologyEdgePicture(QObject *parent = nullptr);

    const std::optional<Picture> &picture() const { return m_picture; }
    // Whether the picture ready or on its way shows `deviceRect` (seen through `sceneToDevice`)
    // of this arrangement, at this scale. In whole device pixels: scene units mapped back and
    // forth would differ in their last bits, and ask again for the picture just asked for.
    bool isComing(const QTransform &sceneToDevice, const QRect &deviceRect,
                  quint64 generation) const;
    // Draws `request` once the picture on its way is done; a later request replaces this one.
    void draw(Request request);

    static void drawBatches(QPainter &painter, const QList<Batch> &batches);
    // Whether two transforms scale alike, so a picture for one is copied, not stretched, to
    // the other.
    static bool scalesAlike(const QTransform &one, const QTransform &other);

Q_SIGNALS:
    // A new picture is ready.
    void drawn();

private:
    void startNext();
    static Picture paint(const Request &request);

    QFutureWatcher<Picture> m_worker;
    QTimer m_settle;
    std::optional<Request> m_next;
    std::optional<Picture> m_picture;
    // What the last request asked for.
    QTransform m_wantedTransform;
    QRect m_wantedRect;
    quint64 m_wantedGeneration = 0;
};

} // namespace Cairn
