#include "TemplateIndex.h"

namespace Cairn {

namespace {

// `[[ow]]` -> `(o(w)?)?`: every prefix of the completion.
QString expandCompletions(const QString &command)
{
    static const QRegularExpression completion(QStringLiteral("\\[\\[(.+?)\\]\\]"));
    QString expanded;
    qsizetype from = 0;
    QRegularExpressionMatchIterator matches = completion.globalMatch(command);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        expanded += command.mid(from, match.capturedStart() - from);
        const QString word = match.captured(1);
        for (const QChar character : word)
            expanded += QLatin1Char('(') + character;
        expanded += QStringLiteral(")?").repeated(word.size());
        from = match.capturedEnd();
    }
    return expanded + command.mid(from);
}

bool matchesStart(const QRegularExpression &regex, const QString &value)
{
    return regex.pattern().isEmpty() || regex
                                            .match(value, 0, QRegularExpression::NormalMatch,
                                                   QRegularExpression::AnchorAtOffsetMatchOption)
                                            .hasMatch();
}

} // namespace

Result<TemplateIndex> TemplateIndex::parse(const QString &text)
{
    TemplateIndex index;
    QStringList header;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype at = 0; at < lines.size(); ++at) {
        const QString line = lines[at].trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        QStringList cells = line.split(QLatin1Char(','));
        for (QString &cell : cells)
            cell = cell.trimmed();
        if (header.isEmpty()) {
            header = cells;
            for (const QString &required : {QStringLiteral("Template"), QStringLiteral("Platform"),
                                            QStringLiteral("Command")}) {
                if (!header.contains(required))
                    return Error::badRequest(
                        QStringLiteral("Index line %1: the header has no %2 column.")
                            .arg(QString::number(at + 1), required));
            }
            continue;
        }
        if (cells.size() != header.size())
            return Error::badRequest(QStringLiteral("Index line %1: %2 columns, the header has %3.")
                                         .arg(QString::number(at + 1),
                                              QString::number(cells.size()),
                                              QString::number(header.size())));
        const auto cell = [&](const QString &column) {
            const qsizetype position = header.indexOf(column);
            return position < 0 ? QString() : cells[position];
        };
        Row row;
        row.templates = cell(QStringLiteral("Template")).split(QLatin1Char(':'));
        row.hostname = QRegularExpression(cell(QStringLiteral("Hostname")));
        const QString platform = cell(QStringLiteral("Platform"));
        row.platform = QRegularExpression(
            platform.isEmpty() ? platform : QStringLiteral("(?:%1)\\z").arg(platform));
        row.command = QRegularExpression(expandCompletions(cell(QStringLiteral("Command"))));
        for (QRegularExpression *regex : {&row.hostname, &row.platform, &row.command}) {
            if (!regex->isValid())
                return Error::badRequest(
                    QStringLiteral("Index line %1: %2 in \"%3\".")
                        .arg(QString::number(at + 1), regex->errorString(), regex->pattern()));
            // Compiled now: lanes match the same index from several threads.
            regex->optimize();
        }
        index.m_rows << row;
    }
    return index;
}

QStringList TemplateIndex::templatesFor(const QString &platform, const QString &hostname,
                                        const QString &command) const
{
    for (const Row &row : m_rows) {
        if (matchesStart(row.platform, platform) && matchesStart(row.hostname, hostname) &&
            matchesStart(row.command, command))
            return row.templates;
    }
    return {};
}

} // namespace Cairn
