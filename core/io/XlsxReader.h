#pragma once

#include "SheetReader.h"
#include "ZipReader.h"

#include <QHash>
#include <QSet>
#include <functional>

class QXmlStreamReader;

namespace Cairn {

// .xlsx (Office Open XML) sheets, each streamed from its zip entry with QXmlStreamReader. Only
// the shared strings are held in memory (files libxlsxwriter writes have none). Every entry is
// read under a size limit, whatever it claims.
class XlsxReader : public SheetReader
{
public:
    static Result<std::unique_ptr<XlsxReader>> open(const QString &path, const QString &field);

    QStringList sheets() const override { return m_sheetNames; }
    Result<void> read(const QString &sheet, const Sink &sink) override;

private:
    explicit XlsxReader(const QString &path);
    // Reads the zip entry `entry` (at most `maxBytes` inflated), giving each start and end
    // element to `onElement`; `what` names the part in errors.
    Result<void> readPart(const QString &entry, qint64 maxBytes, const QString &what,
                          const std::function<Result<void>(QXmlStreamReader &)> &onElement);
    Result<void> readWorkbook();
    Result<void> readSharedStrings();
    Result<void> readStyles();
    // The cell the reader stands on (<c>), read to its end.
    QVariant cell(QXmlStreamReader &xml, QString &problem);

    QString m_field;
    ZipReader m_zip;
    QStringList m_sheetNames;
    QHash<QString, QString> m_sheetEntries;
    // What each entry says it inflates to, for progress.
    QHash<QString, qint64> m_entrySizes;
    QStringList m_sharedStrings;
    // Cell styles (by index) whose number format is a date.
    QSet<int> m_dateStyles;
    bool m_date1904 = false;
};

} // namespace Cairn
