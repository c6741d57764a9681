#pragma once

#include "Result.h"

#include <QString>

class QGraphicsScene;

namespace Cairn {

// Writes the whole topology picture to a file: PNG (at twice the scene's size, within a bound
// every image viewer opens) or SVG (vectors: symbols, names and edges stay sharp), chosen by
// the file's suffix.
class TopologyImageWriter
{
public:
    static Result<void> write(QGraphicsScene &scene, const QString &path);

private:
    static Result<void> writePng(QGraphicsScene &scene, const QString &path);
    static Result<void> writeSvg(QGraphicsScene &scene, const QString &path);
};

} // namespace Cairn
