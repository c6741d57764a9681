#include "SpreadsheetWriter.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtDebug>
#include <cstdio>
#include <xlsxwriter.h>

namespace Cairn {

namespace {

// Excel's limit for the text of one cell.
constexpr qsizetype MaxCellText = 32767;
// Columns are never narrower or wider than this many characters.
constexpr int NarrowestColumn = 6;
constexpr int WidestColumn = 60;

Error failure(lxw_error error)
{
    qWarning() << "spreadsheet:" << lxw_strerror(error);
    return Error::internal(QStringLiteral("The spreadsheet could not be written."));
}

// Text a spreadsheet program would take for a formula once someone edits the cell: it is
// written as text in a cell formatted as text, so it stays the text it is.
bool looksLikeFormula(const QString &text)
{
    return !text.isEmpty() && QStringLiteral("=+-@\t\r").contains(text.front());
}

std::optional<QDateTime> dateOf(const QString &text)
{
    QDateTime date = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!date.isValid())
        date = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!date.isValid())
        return std::nullopt;
    return date;
}

} // namespace

SpreadsheetWriter::SpreadsheetWriter(const QString &path)
    : m_path(path)
    // Its own name: two exports of one name at once never write the same file.
    , m_partPath(QStringLiteral("%1.%2.part")
                     .arg(path)
                     .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0')))
{
    const QByteArray part = QFile::encodeName(m_partPath);
    // Rows go to temporary files beside the result, not to /tmp, which may be small.
    QByteArray folder = QFile::encodeName(QFileInfo(path).absolutePath());
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = folder.data();
    options.use_zip64 = LXW_TRUE;
    m_workbook = workbook_new_opt(part.constData(), &options);
    if (!m_workbook)
        return;
    m_header = workbook_add_format(m_workbook);
    format_set_bold(m_header);
    format_set_bottom(m_header, LXW_BORDER_THIN);
    m_date = workbook_add_format(m_workbook);
    format_set_num_format(m_date, "yyyy-mm-dd hh:mm:ss");
    m_literal = workbook_add_format(m_workbook);
    format_set_num_format(m_literal, "@");
}

SpreadsheetWriter::~SpreadsheetWriter()
{
    if (m_workbook) {
        // Not closed: nothing is kept of it.
        workbook_close(m_workbook);
        QFile::remove(m_partPath);
    }
}

Result<void> SpreadsheetWriter::addSheet(const QString &name, const QList<Column> &columns)
{
    if (!m_workbook)
        return Error::internal(QStringLiteral("The spreadsheet could not be created."));
    finishSheet();
    m_sheet = workbook_add_worksheet(m_workbook, name.toUtf8().constData());
    if (!m_sheet)
        return Error::invalidField(QStringLiteral("sheet"),
                                   QStringLiteral("%1 cannot name a sheet.").arg(name));
    m_sheetName = name;
    m_columns = columns;
    m_widths.clear();
    m_row = 0;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const lxw_error written = worksheet_write_string(
            m_sheet, 0, lxw_col_t(i), columns.at(i).name.toUtf8().constData(), m_header);
        if (written != LXW_NO_ERROR)
            return failure(written);
        m_widths << int(columns.at(i).name.size()) + 2;
    }
    worksheet_freeze_panes(m_sheet, 1, 0);
    return {};
}

Result<void> SpreadsheetWriter::addRow(const QList<QJsonValue> &cells)
{
    if (!m_sheet)
        return Error::internal(QStringLiteral("No sheet to write rows in."));
    ++m_row;
    for (qsizetype i = 0; i < cells.size() && i < m_columns.size(); ++i) {
        const Result<void> written = writeCell(int(i), cells.at(i));
        if (!written)
            return written.error();
    }
    return {};
}

Result<void> SpreadsheetWriter::writeCell(int column, const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return {};
    const auto row = lxw_row_t(m_row);
    const auto col = lxw_col_t(column);
    const CellType type = m_columns.at(column).type;
    QString text;
    lxw_error written = LXW_NO_ERROR;
    if (type == CellType::Date && value.isString()) {
        const std::optional<QDateTime> date = dateOf(value.toString());
        if (date) {
            lxw_datetime when{date->date().year(),   date->date().month(),
                              date->date().day(),    date->time().hour(),
                              date->time().minute(), double(date->time().second())};
            written = worksheet_write_datetime(m_sheet, row, col, &when, m_date);
            m_widths[column] = qMax(m_widths.at(column), 19);
            return written == LXW_NO_ERROR ? Result<void>() : failure(written);
        }
    }
    if (value.isBool() && type != CellType::Text) {
        written = worksheet_write_boolean(m_sheet, row, col, value.toBool(), nullptr);
        text = QStringLiteral("FALSE");
    } else if (value.isDouble() && type != CellType::Text) {
        written = worksheet_write_number(m_sheet, row, col, value.toDouble(), nullptr);
        text = QString::number(value.toDouble());
    } else {
        text =
            value.isString() ? value.toString()
            : value.isArray()
                ? QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact))
            : value.isObject()
                ? QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact))
                : value.toVariant().toString();
        if (text.size() > MaxCellText)
            return Error::invalidField(
                m_columns.at(column).name,
                QStringLiteral("Row %1 of sheet %2 holds more than %3 characters, more than a "
                               "spreadsheet cell takes.")
                    .arg(m_row + 1)
                    .arg(m_sheetName)
                    .arg(MaxCellText));
        written = worksheet_write_string(m_sheet, row, col, text.toUtf8().constData(),
                                         looksLikeFormula(text) ? m_literal : nullptr);
    }
    if (written != LXW_NO_ERROR)
        return failure(written);
    m_widths[column] = qMax(m_widths.at(column), int(text.size()) + 2);
    return {};
}

void SpreadsheetWriter::finishSheet()
{
    if (!m_sheet)
        return;
    for (qsizetype i = 0; i < m_widths.size(); ++i)
        worksheet_set_column(m_sheet, lxw_col_t(i), lxw_col_t(i),
                             qBound(NarrowestColumn, m_widths.at(i), WidestColumn), nullptr);
    if (!m_columns.isEmpty())
        worksheet_autofilter(m_sheet, 0, 0, lxw_row_t(m_row), lxw_col_t(m_columns.size() - 1));
    m_sheet = nullptr;
}

Result<void> SpreadsheetWriter::close()
{
    if (!m_workbook)
        return Error::internal(QStringLiteral("The spreadsheet could not be created."));
    finishSheet();
    const lxw_error closed = workbook_close(m_workbook);
    m_workbook = nullptr;
    if (closed != LXW_NO_ERROR) {
        QFile::remove(m_partPath);
        return failure(closed);
    }
    // Over the earlier file, in one step, only once this one is whole.
    if (std::rename(QFile::encodeName(m_partPath).constData(),
                    QFile::encodeName(m_path).constData()) != 0) {
        QFile::remove(m_partPath);
        return Error::internal(QStringLiteral("The spreadsheet could not be saved."));
    }
    return {};
}

} // namespace Cairn
