#include "TopologySheets.h"

#include "automation/AutomationInventory.h"
#include "inventory/Device.h"

#include <algorithm>

namespace Cairn {

namespace {

const QStringList &numbers()
{
    static const QStringList properties{QStringLiteral("port"), QStringLiteral("latitude"),
                                        QStringLiteral("longitude")};
    return properties;
}

} // namespace

bool TopologySheets::isNumber(const QString &property)
{
    return numbers().contains(property);
}

QList<SpreadsheetWriter::Column> TopologySheets::deviceColumns(const QSet<QString> &known)
{
    QList<SpreadsheetWriter::Column> columns{
        {QStringLiteral("name"), SpreadsheetWriter::CellType::Text},
        {QStringLiteral("site"), SpreadsheetWriter::CellType::Text}};
    for (const QString &property : Device::DetailFields)
        columns << SpreadsheetWriter::Column{property, isNumber(property)
                                                           ? SpreadsheetWriter::CellType::Number
                                                           : SpreadsheetWriter::CellType::Text};
    QStringList custom;
    for (const QString &property : known) {
        if (!AutomationInventory::isStandard(property))
            custom << property;
    }
    std::sort(custom.begin(), custom.end());
    for (const QString &property : std::as_const(custom))
        columns << SpreadsheetWriter::Column{property, SpreadsheetWriter::CellType::Any};
    return columns;
}

QList<SpreadsheetWriter::Column> TopologySheets::linkColumns()
{
    QList<SpreadsheetWriter::Column> columns;
    for (const char *name : {"name", "source_name", "destination_name", "color", "description"})
        columns << SpreadsheetWriter::Column{QString::fromLatin1(name),
                                             SpreadsheetWriter::CellType::Text};
    return columns;
}

} // namespace Cairn
