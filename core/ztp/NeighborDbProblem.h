#pragma once

#include <QJsonObject>
#include <QString>

namespace Cairn {

// Why a neighbordb (and with it every pattern) is refused: which pattern, where, what.
struct NeighborDbProblem
{
    // The pattern's name; empty for the file as a whole, "N/A" for a pattern without one.
    QString pattern;
    // 1-based; 0 when unknown.
    int line = 0;
    QString message;

    QJsonObject toJson() const;
    QString toString() const;
};

} // namespace Cairn
