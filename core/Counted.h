#pragma once

#include <QString>

namespace Cairn {

// "1 machine", "2 machines": a count with its noun agreeing.
QString counted(qint64 count, const QString &singular, const QString &plural);

} // namespace Cairn
