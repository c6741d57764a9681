#include "TextFsmValue.h"

namespace Cairn {

namespace {

// TextFSM's own limit for value and state names.
constexpr int MaxNameLength = 48;

std::optional<TextFsmValue::Option> optionNamed(const QString &name)
{
    using Option = TextFsmValue::Option;
    static const QList<std::pair<QString, Option>> known = {
        {QStringLiteral("Key"), Option::Key},
        {QStringLiteral("Required"), Option::Required},
        {QStringLiteral("Filldown"), Option::Filldown},
        {QStringLiteral("Fillup"), Option::Fillup},
        {QStringLiteral("List"), Option::List},
    };
    for (const auto &[knownName, option] : known) {
        if (knownName == name)
            return option;
    }
    return std::nullopt;
}

} // namespace

bool TextFsmValue::hasNestedNames() const
{
    return std::any_of(nestedNames.begin(), nestedNames.end(),
                       [](const QString &name) { return !name.isEmpty(); });
}

QString TextFsmValue::namedRegex() const
{
    return QStringLiteral("(?P<%1>").arg(name) + regex.mid(1);
}

Result<TextFsmValue> TextFsmValue::parse(const QString &line)
{
    // Tokens are split on single spaces, as TextFSM does: two spaces make an empty token.
    const QStringList tokens = line.split(QLatin1Char(' '));
    if (tokens.size() < 3)
        return Error::badRequest(QStringLiteral("Expect at least 3 tokens on line."));
    TextFsmValue value;
    qsizetype nameAt = 1;
    if (!tokens[2].startsWith(QLatin1Char('('))) {
        for (const QString &optionName : tokens[1].split(QLatin1Char(','))) {
            const std::optional<Option> option = optionNamed(optionName);
            if (!option)
                return Error::badRequest(QStringLiteral("Unknown option \"%1\"").arg(optionName));
            if (value.options.contains(*option))
                return Error::badRequest(QStringLiteral("Duplicate option \"%1\"").arg(optionName));
            value.options << *option;
        }
        nameAt = 2;
    }
    value.name = tokens[nameAt];
    value.regex = tokens.mid(nameAt + 1).join(QLatin1Char(' '));
    if (value.name.size() > MaxNameLength)
        return Error::badRequest(
            QStringLiteral("Invalid Value name '%1' or name too long.").arg(value.name));
    if (!value.regex.startsWith(QLatin1Char('(')) || !value.regex.endsWith(QLatin1Char(')')) ||
        value.regex.count(QLatin1Char('(')) != value.regex.count(QLatin1Char(')')))
        return Error::badRequest(
            QStringLiteral("Value '%1' must be contained within a '()' pair.").arg(value.regex));
    if (value.has(Option::List)) {
        value.nested =
            QRegularExpression(value.regex, QRegularExpression::UseUnicodePropertiesOption);
        if (!value.nested.isValid())
            return Error::badRequest(value.nested.errorString());
        value.nested.optimize();
        value.nestedNames = value.nested.namedCaptureGroups();
    }
    return value;
}

} // namespace Cairn
