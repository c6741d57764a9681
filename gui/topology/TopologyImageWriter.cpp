#include "TopologyImageWriter.h"

#include <QApplication>
#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QSaveFile>
#include <QSvgGenerator>
#include <cmath>

namespace Cairn {

namespace {

constexpr double Margin = 24;
constexpr double PngScale = 2.0;
// A PNG's pixels at most (400 MB in memory while drawn): a huge picture is drawn smaller.
constexpr double MostPngPixels = 100e6;

// Items drawn from their caches would be bitmaps in an SVG and blurred in a PNG at twice the
// size: while a picture is written, every item paints itself.
class UncachedItems
{
public:
    explicit UncachedItems(const QGraphicsScene &scene)
        : m_items(scene.items())
    {
        for (QGraphicsItem *item : std::as_const(m_items)) {
            m_modes << item->cacheMode();
            item->setCacheMode(QGraphicsItem::NoCache);
        }
    }
    ~UncachedItems()
    {
        for (qsizetype index = 0; index < m_items.size(); ++index)
            m_items.at(index)->setCacheMode(m_modes.at(index));
    }
    Q_DISABLE_COPY_MOVE(UncachedItems)

private:
    QList<QGraphicsItem *> m_items;
    QList<QGraphicsItem::CacheMode> m_modes;
};

QRectF pictureBounds(const QGraphicsScene &scene)
{
    return scene.itemsBoundingRect().adjusted(-Margin, -Margin, Margin, Margin);
}

Error notWritten()
{
    return Error::internal(QCoreApplication::translate("Cairn::TopologyImageWriter",
                                                       "The picture could not be written there."));
}

} // namespace

Result<void> TopologyImageWriter::write(QGraphicsScene &scene, const QString &path)
{
    const UncachedItems uncached(scene);
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"png")
        return writePng(scene, path);
    if (suffix == u"svg")
        return writeSvg(scene, path);
    return Error::badRequest(QCoreApplication::translate(
        "Cairn::TopologyImageWriter", "Choose a file name ending in .png or .svg."));
}

Result<void> TopologyImageWriter::writePng(QGraphicsScene &scene, const QString &path)
{
    const QRectF bounds = pictureBounds(scene);
    const double scale = std::min(
        PngScale, std::sqrt(MostPngPixels / std::max(bounds.width() * bounds.height(), 1.0)));
    QImage image((bounds.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(QApplication::palette().color(QPalette::Base));
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        scene.render(&painter, QRectF(QPointF(0, 0), image.size()), bounds);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
        return notWritten();
    return {};
}

Result<void> TopologyImageWriter::writeSvg(QGraphicsScene &scene, const QString &path)
{
    const QRectF bounds = pictureBounds(scene);
    // Drawn into memory, then written whole: a full disk is then an error, not half a file.
    QBuffer drawing;
    QSvgGenerator svg;
    svg.setOutputDevice(&drawing);
    svg.setSize(bounds.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), bounds.size()));
    svg.setTitle(QCoreApplication::translate("Cairn::TopologyImageWriter", "Network topology"));
    QPainter painter;
    if (!painter.begin(&svg))
        return notWritten();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(QRectF(QPointF(0, 0), bounds.size()),
                     QApplication::palette().color(QPalette::Base));
    scene.render(&painter, QRectF(QPointF(0, 0), bounds.size()), bounds);
    painter.end();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(drawing.data()) != drawing.size() ||
        !file.commit())
        return notWritten();
    return {};
}

} // namespace Cairn
