#include "SheetReader.h"

#include "CsvReader.h"
#include "XlsReader.h"
#include "XlsxReader.h"

#include <QFile>

namespace Cairn {

Result<std::unique_ptr<SheetReader>> SheetReader::open(const QString &path, const QString &csvSheet,
                                                       const QString &field)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::internal(QStringLiteral("The uploaded file cannot be read."));
    const QByteArray start = file.read(8);
    file.close();
    // A zip archive (.xlsx), an OLE2 compound file (.xls), else text.
    if (start.startsWith("PK\x03\x04")) {
        Result<std::unique_ptr<XlsxReader>> xlsx = XlsxReader::open(path, field);
        if (!xlsx)
            return xlsx.error();
        return std::unique_ptr<SheetReader>(std::move(xlsx).value());
    }
    if (start.startsWith("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
        Result<std::unique_ptr<XlsReader>> xls = XlsReader::open(path, field);
        if (!xls)
            return xls.error();
        return std::unique_ptr<SheetReader>(std::move(xls).value());
    }
    return std::unique_ptr<SheetReader>(std::make_unique<CsvReader>(path, csvSheet, field));
}

QString SheetReader::columnName(int column)
{
    QString name;
    for (++column; column > 0; column = (column - 1) / 26)
        name.prepend(QChar(u'A' + (column - 1) % 26));
    return name;
}

QString SheetReader::cellTooLong(int column, int row)
{
    return QStringLiteral("Cell %1%2 holds more than %3 characters.")
        .arg(columnName(column))
        .arg(row)
        .arg(MaxCellChars);
}

} // namespace Cairn
