#include "NeighborDbProblem.h"

namespace Cairn {

QJsonObject NeighborDbProblem::toJson() const
{
    return QJsonObject{{QStringLiteral("pattern"), pattern},
                       {QStringLiteral("line"), line},
                       {QStringLiteral("message"), message}};
}

QString NeighborDbProblem::toString() const
{
    const QString where = pattern.isEmpty() ? QStringLiteral("neighbordb")
                                            : QStringLiteral("pattern \"%1\"").arg(pattern);
    return QStringLiteral("%1 (line %2): %3").arg(where).arg(line).arg(message);
}

} // namespace Cairn
