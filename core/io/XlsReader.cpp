#include "XlsReader.h"

#include <QDateTime>
#include <QFile>
#include <freexl.h>

namespace Cairn {

namespace {

Error unreadable(const QString &field)
{
    return Error::invalidField(field, QStringLiteral("The .xls file is damaged or not one."));
}

} // namespace

Result<std::unique_ptr<XlsReader>> XlsReader::open(const QString &path, const QString &field)
{
    std::unique_ptr<XlsReader> reader(new XlsReader);
    reader->m_field = field;
    const int opened = freexl_open(QFile::encodeName(path).constData(), &reader->m_handle);
    if (opened != FREEXL_OK)
        return unreadable(field);
    unsigned int count = 0;
    if (freexl_get_info(reader->m_handle, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK)
        return unreadable(field);
    for (unsigned int i = 0; i < count && i < 256; ++i) {
        const char *name = nullptr;
        if (freexl_get_worksheet_name(reader->m_handle, (unsigned short)(i), &name) != FREEXL_OK ||
            !name)
            return unreadable(field);
        reader->m_sheets << QString::fromUtf8(name);
    }
    return reader;
}

XlsReader::~XlsReader()
{
    // FreeXL asks to be closed even when opening failed.
    if (m_handle)
        freexl_close(m_handle);
}

Result<void> XlsReader::read(const QString &sheet, const Sink &sink)
{
    const qsizetype index = m_sheets.indexOf(sheet);
    if (index < 0)
        return Error::invalidField(m_field,
                                   QStringLiteral("The spreadsheet has no sheet %1.").arg(sheet));
    if (freexl_select_active_worksheet(m_handle, (unsigned short)(index)) != FREEXL_OK)
        return unreadable(m_field);
    unsigned int rows = 0;
    unsigned short columns = 0;
    if (freexl_worksheet_dimensions(m_handle, &rows, &columns) != FREEXL_OK)
        return unreadable(m_field);
    for (unsigned int r = 0; r < rows; ++r) {
        SheetRow row{int(r) + 1, {}, {}, double(r + 1) / rows};
        for (unsigned short c = 0; c < columns && c < MaxColumns; ++c) {
            FreeXL_CellValue value{};
            if (freexl_get_cell_value(m_handle, r, c, &value) != FREEXL_OK)
                return unreadable(m_field);
            switch (value.type) {
            case FREEXL_CELL_INT:
                row.cells << double(value.value.int_value);
                break;
            case FREEXL_CELL_DOUBLE:
                row.cells << value.value.double_value;
                break;
            case FREEXL_CELL_TEXT:
            case FREEXL_CELL_SST_TEXT:
                row.cells << QString::fromUtf8(value.value.text_value);
                break;
            case FREEXL_CELL_DATE:
                row.cells << QDateTime(
                    QDate::fromString(QString::fromLatin1(value.value.text_value), Qt::ISODate),
                    QTime(0, 0), Qt::UTC);
                break;
            case FREEXL_CELL_DATETIME:
                row.cells << QDateTime::fromString(QString::fromLatin1(value.value.text_value),
                                                   QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                 .toUTC();
                break;
            case FREEXL_CELL_TIME:
                row.cells << QString::fromLatin1(value.value.text_value);
                break;
            default:
                row.cells << QVariant();
            }
        }
        if (columns > MaxColumns)
            row.problem = QStringLiteral("The row has more than %1 columns.").arg(MaxColumns);
        while (!row.cells.isEmpty() && row.cells.last().isNull())
            row.cells.removeLast();
        if (!row.cells.isEmpty() && !sink(row))
            return {};
    }
    return {};
}

} // namespace Cairn
