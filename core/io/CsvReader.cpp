#include "CsvReader.h"

#include <QFile>
#include <QStringDecoder>

namespace Cairn {

namespace {

constexpr qint64 ChunkBytes = 256 * 1024;

// The separator the header line uses most, outside quotes.
QChar separatorOf(const QString &start)
{
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    bool quoted = false;
    for (const QChar c : start) {
        if (c == u'"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (c == u'\n' || c == u'\r')
            break;
        else if (c == u',')
            ++commas;
        else if (c == u';')
            ++semicolons;
        else if (c == u'\t')
            ++tabs;
    }
    if (semicolons > commas && semicolons >= tabs)
        return u';';
    if (tabs > commas && tabs > semicolons)
        return u'\t';
    return u',';
}

} // namespace

CsvReader::CsvReader(const QString &path, const QString &sheet, const QString &field)
    : m_path(path)
    , m_sheet(sheet)
    , m_field(field)
{
}

Result<void> CsvReader::read(const QString &sheet, const Sink &sink)
{
    if (sheet != m_sheet)
        return Error::invalidField(m_field, QStringLiteral("The file has no sheet %1.").arg(sheet));
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::internal(QStringLiteral("The uploaded file cannot be read."));
    // A BOM at the start is dropped (the decoder's default).
    QStringDecoder decoder(QStringDecoder::Utf8);
    QChar separator;
    SheetRow row{1, {}, {}};
    QString field;
    bool quoted = false;
    // The last character was a closing quote candidate inside a quoted field.
    bool quoteSeen = false;
    // The last character ended a record with CR: an LF right after belongs to it.
    bool afterCr = false;
    bool stopped = false;
    const double size = double(qMax<qint64>(1, file.size()));
    double done = 0.0;
    const auto append = [&](QChar c) {
        field += c;
        return field.size() <= MaxCellChars;
    };
    const auto tooLong = [&] {
        return Error::invalidField(m_field,
                                   QStringLiteral("Row %1 has a cell longer than %2 characters.")
                                       .arg(row.number)
                                       .arg(MaxCellChars));
    };
    const auto endField = [&] {
        if (row.cells.size() >= MaxColumns) {
            if (row.problem.isEmpty())
                row.problem = QStringLiteral("The row has more than %1 columns.").arg(MaxColumns);
        } else {
            row.cells << (field.isEmpty() ? QVariant() : QVariant(field));
        }
        field.clear();
    };
    const auto endRecord = [&] {
        endField();
        // Blank lines are no rows.
        const bool blank = row.cells.size() == 1 && row.cells.first().isNull();
        row.done = done;
        if (!blank && !sink(row))
            stopped = true;
        row = SheetRow{row.number + 1, {}, {}};
    };
    while (!stopped) {
        const QByteArray bytes = file.read(ChunkBytes);
        if (bytes.isEmpty())
            break;
        done = double(file.pos()) / size;
        const QString text = decoder(bytes);
        if (decoder.hasError())
            return Error::invalidField(m_field, QStringLiteral("The CSV file is not UTF-8 text."));
        if (separator.isNull())
            separator = separatorOf(text);
        for (const QChar c : text) {
            if (stopped)
                break;
            if (afterCr) {
                afterCr = false;
                if (c == u'\n')
                    continue;
            }
            if (quoted) {
                if (quoteSeen) {
                    quoteSeen = false;
                    if (c == u'"') {
                        if (!append(c))
                            return tooLong();
                        continue;
                    }
                    quoted = false;
                    // Falls through: the character after a closing quote.
                } else if (c == u'"') {
                    quoteSeen = true;
                    continue;
                } else {
                    if (!append(c))
                        return tooLong();
                    continue;
                }
            }
            if (c == u'"' && field.isEmpty()) {
                quoted = true;
            } else if (c == separator) {
                endField();
            } else if (c == u'\n' || c == u'\r') {
                afterCr = c == u'\r';
                endRecord();
            } else if (!append(c)) {
                return tooLong();
            }
        }
    }
    if (file.error() != QFileDevice::NoError)
        return Error::internal(QStringLiteral("The uploaded file cannot be read."));
    if (!stopped && (quoted && !quoteSeen))
        return Error::invalidField(
            m_field, QStringLiteral("Row %1 opens a quote it never closes.").arg(row.number));
    if (!stopped && (!field.isEmpty() || !row.cells.isEmpty() || quoteSeen))
        endRecord();
    return {};
}

} // namespace Cairn
