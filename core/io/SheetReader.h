#pragma once

#include "Result.h"

#include <QStringList>
#include <QVariantList>
#include <functional>
#include <memory>

namespace Cairn {

// A row of a sheet: its number as the spreadsheet program shows it (the header is row 1) and
// its cells, each a QString, a double, a bool, a QDateTime or null (empty). `problem` says why
// the row cannot be taken as it is (a formula, an error value, too many columns). `done`: how
// much of its sheet has been read with it (0..1, roughly), for progress.
struct SheetRow
{
    int number = 0;
    QVariantList cells;
    QString problem;
    double done = 0.0;
};

// The sheets of a spreadsheet file, read a row at a time: never the whole file in memory.
class SheetReader
{
public:
    // Given each row in order; false stops the reading.
    using Sink = std::function<bool(const SheetRow &row)>;

    // What one row may hold.
    static constexpr int MaxColumns = 1000;
    static constexpr qsizetype MaxCellChars = 32767;
    // A row's text, as the .xls helper writes it (cairn-xls-reader refuses larger rows).
    static constexpr qsizetype MaxRowBytes = 16 << 20;

    virtual ~SheetReader() = default;
    virtual QStringList sheets() const = 0;
    virtual Result<void> read(const QString &sheet, const Sink &sink) = 0;

    // The reader for the file at `path`, by its first bytes: .xlsx (a zip archive), legacy .xls
    // (an OLE2 compound file) or else CSV, whose one sheet is named `csvSheet`. A file none of
    // them reads is a 400 naming `field`.
    static Result<std::unique_ptr<SheetReader>> open(const QString &path, const QString &csvSheet,
                                                     const QString &field);

    // A column as spreadsheet programs name it: 0 is A, 26 is AA.
    static QString columnName(int column);
    // The problem of a row with a cell past MaxCellChars.
    static QString cellTooLong(int column, int row);
};

} // namespace Cairn
