#pragma once

#include "SheetReader.h"

#include <QDeadlineTimer>
#include <functional>

namespace Cairn {

// Legacy .xls (BIFF8 in an OLE2 compound file) sheets, read by FreeXL in the cairn-xls-reader
// helper process: FreeXL reads past its buffers on crafted files, so it never runs inside the
// server. A helper that crashes, runs out of its limits, writes a line past MaxLineBytes or
// takes longer than the reader's deadline (every sheet's reading included) means a damaged file.
class XlsReader : public SheetReader
{
public:
    static Result<std::unique_ptr<XlsReader>> open(const QString &path, const QString &field);

    QStringList sheets() const override { return m_sheets; }
    Result<void> read(const QString &sheet, const Sink &sink) override;

    // Where the helper is: beside the running program (a build tree), or in the libexec folder
    // of its installation; empty when in neither.
    static QString helperProgram();

private:
    XlsReader(const QString &path, const QString &field)
        : m_path(path)
        , m_field(field)
    {
    }

    // Runs the helper with `arguments` after the file, giving `line` each JSON object it writes
    // until `line` returns false (the helper is then stopped).
    Result<void> runHelper(const QStringList &arguments,
                           const std::function<bool(const QJsonObject &)> &line) const;

    QString m_path;
    QString m_field;
    QStringList m_sheets;
    // For the whole file: a file of many sheets is read by as many helpers.
    QDeadlineTimer m_deadline;
};

} // namespace Cairn
