#pragma once

#include "SheetReader.h"

namespace Cairn {

// A CSV file (RFC 4180) as one sheet: fields separated by the first line's most frequent of
// ',', ';' and tab, quoted with '"' ("" for a quote inside), records ending in CRLF, LF or CR
// (mixed in one file, as files edited on several systems are); UTF-8 with or without a BOM.
// Read in chunks; every cell is text.
class CsvReader : public SheetReader
{
public:
    CsvReader(const QString &path, const QString &sheet, const QString &field);

    QStringList sheets() const override { return {m_sheet}; }
    Result<void> read(const QString &sheet, const Sink &sink) override;

private:
    QString m_path;
    QString m_sheet;
    QString m_field;
};

} // namespace Cairn
