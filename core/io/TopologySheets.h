#pragma once

#include "SpreadsheetWriter.h"

#include <QSet>
#include <QString>

namespace Cairn {

// The columns of the topology spreadsheet, shared by its export and its import: which
// properties a sheet holds, in which order, and which are numbers.
class TopologySheets
{
public:
    static inline const QString DeviceSheet = QStringLiteral("device");
    static inline const QString LinkSheet = QStringLiteral("link");

    // name, site, the standard properties, then the custom ones among `known`, sorted. Not
    // ids (another database numbers them otherwise), texts or backup statuses.
    static QList<SpreadsheetWriter::Column> deviceColumns(const QSet<QString> &known);
    static QList<SpreadsheetWriter::Column> linkColumns();
    // Device properties that are numbers.
    static bool isNumber(const QString &property);
};

} // namespace Cairn
