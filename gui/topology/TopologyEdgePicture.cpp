#include "TopologyEdgePicture.h"

#include <QPainter>
#include <QtConcurrent>
#include <chrono>

namespace Cairn {

namespace {

// While nodes are being dragged, pictures of their lines would be out of date before they
// were done: the next is drawn once they have stood still this long.
constexpr std::chrono::milliseconds SettleTime{120};

} // namespace

TopologyEdgePicture::TopologyEdgePicture(QObject *parent)
    : QObject(parent)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(SettleTime);
    connect(&m_settle, &QTimer::timeout, this, [this] {
        if (!m_worker.isRunning())
            startNext();
    });
    connect(&m_worker, &QFutureWatcher<Picture>::finished, this, [this] {
        m_picture = m_worker.result();
        if (!m_settle.isActive())
            startNext();
        Q_EMIT drawn();
    });
}

bool TopologyEdgePicture::isComing(const QTransform &sceneToDevice, const QRect &deviceRect,
                                   quint64 generation) const
{
    if (generation != m_wantedGeneration || !scalesAlike(sceneToDevice, m_wantedTransform))
        return false;
    // Panned since: the picture moved with the scene.
    const QPoint panned = QPointF(sceneToDevice.dx() - m_wantedTransform.dx(),
                                  sceneToDevice.dy() - m_wantedTransform.dy())
                              .toPoint();
    return m_wantedRect.translated(panned).contains(deviceRect);
}

void TopologyEdgePicture::draw(Request request)
{
    const bool moved = m_picture && request.generation != m_wantedGeneration;
    m_wantedTransform = request.sceneToDevice;
    m_wantedRect = request.deviceRect;
    m_wantedGeneration = request.generation;
    m_next = std::move(request);
    if (moved)
        m_settle.start();
    else if (!m_worker.isRunning() && !m_settle.isActive())
        startNext();
}

void TopologyEdgePicture::startNext()
{
    if (!m_next)
        return;
    m_worker.setFuture(
        QtConcurrent::run([request = std::move(*m_next)] { return paint(request); }));
    m_next.reset();
}

TopologyEdgePicture::Picture TopologyEdgePicture::paint(const Request &request)
{
    QImage image((QSizeF(request.deviceRect.size()) * request.pixelRatio).toSize(),
                 QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(request.pixelRatio);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing, request.smooth);
    painter.setTransform(
        request.sceneToDevice *
        QTransform::fromTranslate(-request.deviceRect.left(), -request.deviceRect.top()));
    drawBatches(painter, request.batches);
    painter.end();
    const QTransform toScene = request.sceneToDevice.inverted();
    return {std::move(image), toScene.map(QPointF(request.deviceRect.topLeft())),
            toScene.mapRect(QRectF(request.deviceRect)), request.sceneToDevice, request.generation};
}

void TopologyEdgePicture::drawBatches(QPainter &painter, const QList<Batch> &batches)
{
    for (const Batch &batch : batches) {
        painter.setPen(batch.pen);
        painter.drawLines(batch.lines);
    }
}

bool TopologyEdgePicture::scalesAlike(const QTransform &one, const QTransform &other)
{
    return one.type() <= QTransform::TxScale && other.type() <= QTransform::TxScale &&
           qFuzzyCompare(one.m11(), other.m11()) && qFuzzyCompare(one.m22(), other.m22());
}

} // namespace Cairn
