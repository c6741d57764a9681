#pragma once

#include "Result.h"

#include <QJsonValue>
#include <QList>
#include <QString>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace Cairn {

// An .xlsx file written a row at a time, one sheet after another, with libxlsxwriter in
// constant-memory mode (a row is on disk once the next begins): a header row of column names,
// frozen and filtered; columns as wide as what they hold; each cell typed by its column. The
// file appears at `path` only once complete, over any earlier one.
class SpreadsheetWriter
{
public:
    enum class CellType
    {
        // By the value's JSON type: numbers, booleans and text as themselves; lists and objects
        // as their JSON text.
        Any,
        Text,
        Number,
        Boolean,
        // "yyyy-MM-dd HH:mm:ss" or ISO 8601 text, written as a date the program can sort.
        Date
    };
    struct Column
    {
        QString name;
        CellType type = CellType::Any;
    };

    explicit SpreadsheetWriter(const QString &path);
    ~SpreadsheetWriter();
    SpreadsheetWriter(const SpreadsheetWriter &) = delete;
    SpreadsheetWriter &operator=(const SpreadsheetWriter &) = delete;

    Result<void> addSheet(const QString &name, const QList<Column> &columns);
    // One cell per column; null and undefined values leave the cell empty.
    Result<void> addRow(const QList<QJsonValue> &cells);
    Result<void> close();

private:
    Result<void> writeCell(int column, const QJsonValue &value);
    void finishSheet();

    QString m_path;
    QString m_partPath;
    lxw_workbook *m_workbook = nullptr;
    lxw_worksheet *m_sheet = nullptr;
    lxw_format *m_header = nullptr;
    lxw_format *m_date = nullptr;
    lxw_format *m_literal = nullptr;
    QString m_sheetName;
    QList<Column> m_columns;
    QList<int> m_widths;
    int m_row = 0;
};

} // namespace Cairn
