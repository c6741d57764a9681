#include "TextFsmRule.h"

namespace Cairn {

namespace {

const QString LineOps = QStringLiteral("Continue|Next|Error");
const QString RecordOps = QStringLiteral("Clear|Clearall|Record|NoRecord");
const QString NewState = QStringLiteral("(?<state>\\w+|\".*\")");

QRegularExpression anchored(const QString &pattern)
{
    return QRegularExpression(QStringLiteral("\\A(?:%1)\\z").arg(pattern),
                              QRegularExpression::UseUnicodePropertiesOption);
}

// The three forms an action takes, tried in this order: `Line[.Record] [State]`,
// `Record [State]`, `[State]`.
const QList<QRegularExpression> &actionForms()
{
    static const QList<QRegularExpression> forms = {
        anchored(QStringLiteral("\\s+(?<line>%1)(\\.(?<record>%2))?(\\s+%3)?")
                     .arg(LineOps, RecordOps, NewState)),
        anchored(QStringLiteral("\\s+(?<record>%1)(\\s+%2)?").arg(RecordOps, NewState)),
        anchored(QStringLiteral("(\\s+%1)?").arg(NewState)),
    };
    return forms;
}

// Python's string.Template over the rule: `${Name}` and `$Name` become the value's regex, `$$`
// a dollar; any other `$` (a bare end anchor included) or an unknown name is an error.
std::optional<QString> substituted(const QString &text, const QHash<QString, QString> &values)
{
    static const QRegularExpression placeholder(
        QStringLiteral("\\$(?:(?<escaped>\\$)|(?<named>[_a-zA-Z][_a-zA-Z0-9]*)|"
                       "\\{(?<braced>[_a-zA-Z][_a-zA-Z0-9]*)\\}|(?<invalid>))"));
    QString result;
    qsizetype from = 0;
    QRegularExpressionMatchIterator matches = placeholder.globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        result += text.mid(from, match.capturedStart() - from);
        from = match.capturedEnd();
        if (match.capturedStart(u"escaped") >= 0) {
            result += QLatin1Char('$');
            continue;
        }
        const QString name = match.capturedStart(u"named") >= 0 ? match.captured(u"named")
                                                                : match.captured(u"braced");
        if (name.isEmpty() || !values.contains(name))
            return std::nullopt;
        result += values.value(name);
    }
    return result + text.mid(from);
}

// TextFSM's messages name the rule's line last; one arg() pass, so a `%1` in a rule stays.
Error ruleError(const QString &message, int lineNumber, const QString &detail = QString(),
                const QString &moreDetail = QString())
{
    const QString line = QString::number(lineNumber);
    if (moreDetail.isNull())
        return Error::badRequest(detail.isNull() ? message.arg(line) : message.arg(detail, line));
    return Error::badRequest(message.arg(detail, moreDetail, line));
}

} // namespace

bool TextFsmRule::isOperatorName(const QString &name)
{
    return QStringLiteral("%1|%2").arg(LineOps, RecordOps).split(QLatin1Char('|')).contains(name);
}

Result<TextFsmRule> TextFsmRule::parse(const QString &line, int lineNumber,
                                       const QHash<QString, QString> &valueRegexes,
                                       const QStringList &valueNames)
{
    TextFsmRule rule;
    rule.lineNumber = lineNumber;
    const QString text = line.trimmed();
    // The last ` ->` splits the regex from the action.
    static const QRegularExpression arrow(QStringLiteral("\\A(?<match>.*)\\s->(?<action>.*)\\z"));
    const QRegularExpressionMatch split = arrow.match(text);
    const QString written = split.hasMatch() ? split.captured(u"match") : text;
    QString pattern = written;
    if (!valueRegexes.isEmpty()) {
        const std::optional<QString> expanded = substituted(written, valueRegexes);
        if (!expanded)
            return ruleError(QStringLiteral("Duplicate or invalid variable substitution: '%1'. "
                                            "Line: %2."),
                             lineNumber, written);
        pattern = *expanded;
    }
    rule.regex = QRegularExpression(pattern, QRegularExpression::UseUnicodePropertiesOption);
    if (!rule.regex.isValid())
        return ruleError(QStringLiteral("Invalid regular expression: '%1'. Line: %2."), lineNumber,
                         pattern);
    rule.regex.optimize();
    const QStringList groups = rule.regex.namedCaptureGroups();
    for (int group = 1; group < groups.size(); ++group) {
        const qsizetype value = valueNames.indexOf(groups[group]);
        if (value >= 0)
            rule.assignments << std::pair{group, int(value)};
    }
    if (!split.hasMatch())
        return rule;

    QRegularExpressionMatch action;
    for (const QRegularExpression &form : actionForms()) {
        action = form.match(split.captured(u"action"));
        if (action.hasMatch())
            break;
    }
    if (!action.hasMatch())
        return ruleError(QStringLiteral("Badly formatted rule '%1'. Line: %2."), lineNumber, text);
    const QString lineOp = action.captured(u"line");
    const QString recordOp = action.captured(u"record");
    rule.newState = action.captured(u"state");
    if (lineOp == QLatin1String("Continue"))
        rule.lineOp = LineOp::Continue;
    else if (lineOp == QLatin1String("Error"))
        rule.lineOp = LineOp::Error;
    if (recordOp == QLatin1String("Record"))
        rule.recordOp = RecordOp::Record;
    else if (recordOp == QLatin1String("Clear"))
        rule.recordOp = RecordOp::Clear;
    else if (recordOp == QLatin1String("Clearall"))
        rule.recordOp = RecordOp::Clearall;

    if (rule.lineOp == LineOp::Continue && !rule.newState.isEmpty())
        return ruleError(QStringLiteral("Action '%1' with new state %2 specified. Line: %3."),
                         lineNumber, lineOp, rule.newState);
    static const QRegularExpression word(QStringLiteral("\\A\\w"),
                                         QRegularExpression::UseUnicodePropertiesOption);
    if (rule.lineOp != LineOp::Error && !rule.newState.isEmpty() &&
        !word.match(rule.newState).hasMatch())
        return ruleError(QStringLiteral("Alphanumeric characters only in state names. Line: %1."),
                         lineNumber);
    return rule;
}

} // namespace Cairn
