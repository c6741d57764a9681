#include "TextFsmTemplate.h"

namespace Cairn {

namespace {

constexpr int MaxNameLength = 48;

bool isComment(const QString &line)
{
    static const QRegularExpression comment(QStringLiteral("\\A\\s*#"));
    return comment.match(line).hasMatch();
}

// Line `at` (0-based) as TextFSM counts it.
QString lineNumber(qsizetype at)
{
    return QString::number(at + 1);
}

QString rstripped(const QString &line)
{
    qsizetype end = line.size();
    while (end > 0 && line.at(end - 1).isSpace())
        --end;
    return line.left(end);
}

} // namespace

Result<TextFsmTemplate> TextFsmTemplate::parse(const QString &text)
{
    QString unified = text;
    unified.replace(QLatin1String("\r\n"), QLatin1String("\n"))
        .replace(QLatin1Char('\r'), QLatin1Char('\n'));
    QStringList lines = unified.split(QLatin1Char('\n'));
    if (unified.endsWith(QLatin1Char('\n')))
        lines.removeLast();
    for (QString &line : lines)
        line = rstripped(line);

    TextFsmTemplate parsed;
    qsizetype at = 0;
    const Result<void> values = parsed.parseValues(lines, at);
    if (!values)
        return values.error();
    while (true) {
        const Result<bool> state = parsed.parseState(lines, at);
        if (!state)
            return state.error();
        if (!state.value())
            break;
    }
    const Result<void> valid = parsed.validate();
    if (!valid)
        return valid.error();
    return parsed;
}

Result<void> TextFsmTemplate::parseValues(const QStringList &lines, qsizetype &at)
{
    for (; at < lines.size(); ++at) {
        const QString &line = lines[at];
        if (line.isEmpty()) {
            ++at;
            return {};
        }
        if (isComment(line))
            continue;
        if (!line.startsWith(QLatin1String("Value "))) {
            if (m_values.isEmpty())
                return Error::badRequest(QStringLiteral("No Value definitions found."));
            return Error::badRequest(
                QStringLiteral("Expected blank line after last Value entry. Line: %1.")
                    .arg(lineNumber(at)));
        }
        Result<TextFsmValue> value = TextFsmValue::parse(line);
        if (!value)
            return Error::badRequest(
                QStringLiteral("%1 Line %2.").arg(value.error().message, lineNumber(at)));
        if (header().contains(value->name))
            return Error::badRequest(
                QStringLiteral("Duplicate declarations for Value '%1'. Line: %2.")
                    .arg(value->name, lineNumber(at)));
        m_values << std::move(value).value();
    }
    return {};
}

Result<bool> TextFsmTemplate::parseState(const QStringList &lines, qsizetype &at)
{
    static const QRegularExpression stateName(QStringLiteral("\\A\\w+\\z"),
                                              QRegularExpression::UseUnicodePropertiesOption);
    while (at < lines.size() && (lines[at].isEmpty() || isComment(lines[at])))
        ++at;
    if (at >= lines.size())
        return false;
    const QString &name = lines[at];
    if (!stateName.match(name).hasMatch() || name.size() > MaxNameLength ||
        TextFsmRule::isOperatorName(name))
        return Error::badRequest(
            QStringLiteral("Invalid state name: '%1'. Line: %2").arg(name, lineNumber(at)));
    for (const State &state : std::as_const(m_states)) {
        if (state.name == name)
            return Error::badRequest(
                QStringLiteral("Duplicate state name: '%1'. Line: %2").arg(name, lineNumber(at)));
    }
    State state{name, {}};
    QHash<QString, QString> valueRegexes;
    for (const TextFsmValue &value : std::as_const(m_values))
        valueRegexes.insert(value.name, value.namedRegex());
    const QStringList names = header();
    for (++at; at < lines.size() && !lines[at].isEmpty(); ++at) {
        const QString &line = lines[at];
        if (isComment(line))
            continue;
        if (!line.startsWith(QLatin1String(" ^")) && !line.startsWith(QLatin1String("  ^")) &&
            !line.startsWith(QLatin1String("\t^")))
            return Error::badRequest(
                QStringLiteral("Missing white space or carat ('^') before rule. Line: %1")
                    .arg(lineNumber(at)));
        Result<TextFsmRule> rule = TextFsmRule::parse(line, int(at + 1), valueRegexes, names);
        if (!rule)
            return rule.error();
        state.rules << std::move(rule).value();
    }
    m_states << std::move(state);
    return true;
}

Result<void> TextFsmTemplate::validate()
{
    const auto find = [this](const QString &name) {
        return std::find_if(m_states.begin(), m_states.end(),
                            [&](const State &state) { return state.name == name; });
    };
    if (find(QStringLiteral("Start")) == m_states.end())
        return Error::badRequest(QStringLiteral("Missing state 'Start'."));
    const auto end = find(QStringLiteral("End"));
    if (end != m_states.end() && !end->rules.isEmpty())
        return Error::badRequest(QStringLiteral("Non-Empty 'End' state."));
    const auto eof = find(QStringLiteral("EOF"));
    if (eof != m_states.end() && !eof->rules.isEmpty())
        return Error::badRequest(QStringLiteral("Non-Empty 'EOF' state."));
    m_declaresEof = eof != m_states.end();
    // End and EOF are where parsing stops, not states with rules.
    m_states.removeIf([](const State &state) {
        return state.name == QLatin1String("End") || state.name == QLatin1String("EOF");
    });
    for (const State &state : std::as_const(m_states)) {
        for (const TextFsmRule &rule : state.rules) {
            if (rule.lineOp == TextFsmRule::LineOp::Error || rule.newState.isEmpty() ||
                rule.newState == QLatin1String("End") || rule.newState == QLatin1String("EOF"))
                continue;
            if (stateIndex(rule.newState) < 0)
                return Error::badRequest(
                    QStringLiteral("State '%1' not found, referenced in state '%2'")
                        .arg(rule.newState, state.name));
        }
    }
    return {};
}

QStringList TextFsmTemplate::header() const
{
    QStringList names;
    for (const TextFsmValue &value : m_values)
        names << value.name;
    return names;
}

int TextFsmTemplate::stateIndex(const QString &name) const
{
    for (qsizetype index = 0; index < m_states.size(); ++index) {
        if (m_states[index].name == name)
            return int(index);
    }
    return -1;
}

} // namespace Cairn
