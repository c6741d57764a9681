#include "XlsxReader.h"

#include <QDateTime>
#include <QDir>
#include <QRegularExpression>
#include <QXmlStreamReader>

namespace Cairn {

namespace {

// What one entry may inflate to, whatever it claims: a sheet of a million topology rows is less
// (and no single text in it can cost more memory than its entry).
constexpr qint64 MaxSheetBytes = qint64(512) << 20;
constexpr qint64 MaxPartBytes = 16 << 20;
constexpr qint64 MaxSharedStringBytes = 64 << 20;
constexpr int MaxSharedStrings = 2000000;
constexpr int MaxEntries = 10000;
// Cell styles a workbook may have (Excel allows 64,000) and how long a number format may be.
constexpr int MaxCellStyles = 65536;
constexpr qsizetype MaxFormatCode = 255;

Error damaged(const QString &field, const QString &what)
{
    return Error::invalidField(field, QStringLiteral("The spreadsheet is damaged: %1.").arg(what));
}

// "C12" -> 2; -1 when the reference has no letters.
int columnOf(QStringView reference)
{
    int column = 0;
    int letters = 0;
    for (const QChar c : reference) {
        if (c < QLatin1Char('A') || c > QLatin1Char('Z'))
            break;
        column = column * 26 + (c.unicode() - 'A' + 1);
        if (++letters > 3)
            return -1;
    }
    return letters == 0 ? -1 : column - 1;
}

// Whether a number format shows a date or a time: the built-in ones, or a custom code with
// day, month, year, hour or second parts outside quoted text and [colour] brackets.
bool isDateFormat(int id, const QString &code)
{
    if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47))
        return true;
    if (code.isEmpty())
        return false;
    static const QRegularExpression quoted(QStringLiteral("\"[^\"]*\"|\\[[^\\]]*\\]|\\\\."));
    QString bare = code;
    bare.remove(quoted);
    return bare.contains(QRegularExpression(QStringLiteral("[dmyhsDMYHS]")));
}

// The text of the element the reader stands on and of every <t> inside it (rich text runs),
// leaving out phonetic runs (<rPh>).
QString textOf(QXmlStreamReader &xml)
{
    QString text;
    int depth = 0;
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            if (xml.name() == u"rPh")
                xml.skipCurrentElement();
            else if (xml.name() == u"t")
                text += xml.readElementText();
            else
                ++depth;
        } else if (token == QXmlStreamReader::EndElement) {
            // The end of the element it started on.
            if (depth == 0)
                break;
            --depth;
        }
    }
    return text;
}

} // namespace

XlsxReader::XlsxReader(const QString &path)
    : m_zip(path)
{
}

Result<std::unique_ptr<XlsxReader>> XlsxReader::open(const QString &path, const QString &field)
{
    std::unique_ptr<XlsxReader> reader(new XlsxReader(path));
    reader->m_field = field;
    if (!reader->m_zip.isOpen())
        return damaged(field, QStringLiteral("not a zip archive"));
    const Result<QList<ZipReader::Entry>> entries = reader->m_zip.entries(MaxEntries);
    if (!entries)
        return damaged(field, entries.error().message);
    for (const ZipReader::Entry &entry : entries.value())
        reader->m_entrySizes.insert(entry.name, entry.size);
    for (const auto &step :
         {&XlsxReader::readWorkbook, &XlsxReader::readStyles, &XlsxReader::readSharedStrings}) {
        const Result<void> done = (reader.get()->*step)();
        if (!done)
            return done.error();
    }
    return reader;
}

Result<void> XlsxReader::readPart(const QString &entry, qint64 maxBytes, const QString &what,
                                  const std::function<Result<void>(QXmlStreamReader &)> &onElement)
{
    const Result<std::unique_ptr<QIODevice>> part = m_zip.open(entry, maxBytes);
    if (!part)
        return damaged(m_field, QStringLiteral("%1 do not read").arg(what));
    QXmlStreamReader xml(part.value().get());
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement &&
            xml.tokenType() != QXmlStreamReader::EndElement)
            continue;
        const Result<void> taken = onElement(xml);
        if (!taken)
            return taken.error();
    }
    if (xml.hasError())
        return damaged(m_field, QStringLiteral("%1 do not read").arg(what));
    return {};
}

Result<void> XlsxReader::readWorkbook()
{
    QHash<QString, QString> targets;
    const Result<void> relations =
        readPart(QStringLiteral("xl/_rels/workbook.xml.rels"), MaxPartBytes,
                 QStringLiteral("its workbook relations"), [&](QXmlStreamReader &xml) {
                     if (xml.isStartElement() && xml.name() == u"Relationship")
                         targets.insert(xml.attributes().value(QLatin1String("Id")).toString(),
                                        xml.attributes().value(QLatin1String("Target")).toString());
                     return Result<void>();
                 });
    if (!relations)
        return relations.error();
    return readPart(
        QStringLiteral("xl/workbook.xml"), MaxPartBytes, QStringLiteral("its workbook sheets"),
        [&](QXmlStreamReader &xml) -> Result<void> {
            if (!xml.isStartElement())
                return {};
            if (xml.name() == u"workbookPr") {
                const QStringView date1904 = xml.attributes().value(QLatin1String("date1904"));
                m_date1904 = date1904 == u"1" || date1904 == u"true";
            } else if (xml.name() == u"sheet") {
                const QString name = xml.attributes().value(QLatin1String("name")).toString();
                QString target;
                for (const QXmlStreamAttribute &attribute : xml.attributes()) {
                    if (attribute.name() == u"id")
                        target = targets.value(attribute.value().toString());
                }
                // Relative to xl/, or absolute in the package.
                target = target.startsWith(QLatin1Char('/'))
                             ? target.mid(1)
                             : QDir::cleanPath(QStringLiteral("xl/") + target);
                if (name.isEmpty() || target.isEmpty() || target.startsWith(QLatin1String("..")))
                    return damaged(m_field, QStringLiteral("a sheet has no name or no part"));
                m_sheetNames << name;
                m_sheetEntries.insert(name, target);
            }
            return {};
        });
}

Result<void> XlsxReader::readStyles()
{
    if (!m_zip.contains(QStringLiteral("xl/styles.xml")))
        return {};
    QSet<int> dates;
    bool inCellFormats = false;
    int style = 0;
    return readPart(
        QStringLiteral("xl/styles.xml"), MaxPartBytes, QStringLiteral("its styles"),
        [&](QXmlStreamReader &xml) -> Result<void> {
            if (xml.name() == u"cellXfs") {
                inCellFormats = xml.isStartElement();
            } else if (!xml.isStartElement()) {
                return {};
            } else if (xml.name() == u"numFmt") {
                const int id = xml.attributes().value(QLatin1String("numFmtId")).toInt();
                const QStringView code = xml.attributes().value(QLatin1String("formatCode"));
                if (code.size() > MaxFormatCode)
                    return damaged(m_field, QStringLiteral("a number format is too long"));
                // Decided once per format, not once per style using it.
                if (isDateFormat(id, code.toString()))
                    dates.insert(id);
            } else if (xml.name() == u"xf" && inCellFormats) {
                if (style >= MaxCellStyles)
                    return damaged(m_field, QStringLiteral("it has too many cell styles"));
                const int id = xml.attributes().value(QLatin1String("numFmtId")).toInt();
                if (dates.contains(id) || isDateFormat(id, QString()))
                    m_dateStyles.insert(style);
                ++style;
            }
            return {};
        });
}

Result<void> XlsxReader::readSharedStrings()
{
    if (!m_zip.contains(QStringLiteral("xl/sharedStrings.xml")))
        return {};
    return readPart(
        QStringLiteral("xl/sharedStrings.xml"), MaxSharedStringBytes,
        QStringLiteral("its shared strings"), [&](QXmlStreamReader &xml) -> Result<void> {
            if (!xml.isStartElement() || xml.name() != u"si")
                return {};
            if (m_sharedStrings.size() >= MaxSharedStrings)
                return damaged(m_field,
                               QStringLiteral("it holds more than %1 texts").arg(MaxSharedStrings));
            m_sharedStrings << textOf(xml);
            return {};
        });
}

QVariant XlsxReader::cell(QXmlStreamReader &xml, QString &problem)
{
    const QString reference = xml.attributes().value(QLatin1String("r")).toString();
    const QString type = xml.attributes().value(QLatin1String("t")).toString();
    const int style = xml.attributes().value(QLatin1String("s")).toInt();
    QString value;
    bool formula = false;
    bool inlineText = false;
    while (xml.readNextStartElement()) {
        if (xml.name() == u"v") {
            value = xml.readElementText();
        } else if (xml.name() == u"f") {
            formula = true;
            xml.skipCurrentElement();
        } else if (xml.name() == u"is") {
            inlineText = true;
            value = textOf(xml);
        } else {
            xml.skipCurrentElement();
        }
    }
    if (formula) {
        problem = QStringLiteral("Cell %1 holds a formula: give its value instead.").arg(reference);
        return {};
    }
    if (type == u"e") {
        problem = QStringLiteral("Cell %1 holds an error (%2).").arg(reference, value);
        return {};
    }
    if (inlineText || type == u"str" || type == u"inlineStr")
        return value;
    if (type == u"s") {
        bool ok = false;
        const int index = value.toInt(&ok);
        if (!ok || index < 0 || index >= m_sharedStrings.size()) {
            problem = QStringLiteral("Cell %1 names a text the file does not hold.").arg(reference);
            return {};
        }
        return m_sharedStrings.at(index);
    }
    if (type == u"b")
        return value == u"1" || value == u"true";
    if (type == u"d")
        return QDateTime::fromString(value, Qt::ISODateWithMs);
    if (value.isEmpty())
        return {};
    bool ok = false;
    const double number = value.toDouble(&ok);
    if (!ok) {
        problem = QStringLiteral("Cell %1 is not a number.").arg(reference);
        return {};
    }
    // Excel's dates end with 9999-12-31 (serial 2958465); a number past them in a date-styled
    // cell is taken as the number it is.
    if (m_dateStyles.contains(style) && number >= 0 && number < 2958466) {
        // Days since 1899-12-30 (the 1900 system, its leap-year bug included) or 1904-01-01.
        const QDateTime epoch(m_date1904 ? QDate(1904, 1, 1) : QDate(1899, 12, 30), QTime(0, 0),
                              Qt::UTC);
        return epoch.addMSecs(qint64(qRound64(number * 86400.0 * 1000.0)));
    }
    return number;
}

Result<void> XlsxReader::read(const QString &sheet, const Sink &sink)
{
    const QString entry = m_sheetEntries.value(sheet);
    if (entry.isEmpty())
        return Error::invalidField(m_field,
                                   QStringLiteral("The spreadsheet has no sheet %1.").arg(sheet));
    const Result<std::unique_ptr<QIODevice>> part = m_zip.open(entry, MaxSheetBytes);
    if (!part)
        return damaged(m_field, QStringLiteral("sheet %1 does not read").arg(sheet));
    QXmlStreamReader xml(part.value().get());
    SheetRow row;
    int lastRow = 0;
    // Characters are nearly bytes in a sheet's XML.
    const double size = double(qMax<qint64>(1, m_entrySizes.value(entry)));
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() != u"row")
            continue;
        row = SheetRow{};
        const int number = xml.attributes().value(QLatin1String("r")).toInt();
        row.number = number > lastRow ? number : lastRow + 1;
        lastRow = row.number;
        int next = 0;
        while (xml.readNextStartElement()) {
            if (xml.name() != u"c") {
                xml.skipCurrentElement();
                continue;
            }
            const int column = columnOf(xml.attributes().value(QLatin1String("r")));
            const int at = column >= 0 ? column : next;
            QString problem;
            const QVariant value = cell(xml, problem);
            if (!problem.isEmpty() && row.problem.isEmpty())
                row.problem = problem;
            if (at >= MaxColumns) {
                if (row.problem.isEmpty())
                    row.problem = QStringLiteral("Column %1 is past the last one read (%2).")
                                      .arg(columnName(at), columnName(MaxColumns - 1));
                continue;
            }
            if (value.typeId() == QMetaType::QString && value.toString().size() > MaxCellChars) {
                row.problem = cellTooLong(at, row.number);
                continue;
            }
            while (row.cells.size() < at)
                row.cells << QVariant();
            if (at < row.cells.size())
                row.cells[at] = value;
            else
                row.cells << value;
            next = at + 1;
        }
        row.done = qMin(1.0, double(xml.characterOffset()) / size);
        if (!sink(row))
            return {};
    }
    if (xml.hasError())
        return damaged(
            m_field,
            QStringLiteral("sheet %1 does not read (line %2)").arg(sheet).arg(xml.lineNumber()));
    return {};
}

} // namespace Cairn
