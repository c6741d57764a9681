#pragma once

#include "SheetReader.h"

namespace Cairn {

// Legacy .xls (BIFF8 in an OLE2 compound file) sheets through FreeXL, which refuses crafted
// files itself. The format holds at most 65,536 rows a sheet, so FreeXL's reading the whole
// file into memory stays small.
class XlsReader : public SheetReader
{
public:
    static Result<std::unique_ptr<XlsReader>> open(const QString &path, const QString &field);
    ~XlsReader() override;

    QStringList sheets() const override { return m_sheets; }
    Result<void> read(const QString &sheet, const Sink &sink) override;

private:
    XlsReader() = default;

    const void *m_handle = nullptr;
    QString m_field;
    QStringList m_sheets;
};

} // namespace Cairn
