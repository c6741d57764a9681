#include "PlatformProfile.h"

#include <QJsonArray>

namespace Cairn {

namespace {

QRegularExpression patternOf(const QJsonValue &value)
{
    const QString text = value.toString();
    return text.isEmpty() ? QRegularExpression()
                          : QRegularExpression(text, QRegularExpression::MultilineOption);
}

QStringList stringsOf(const QJsonValue &value)
{
    QStringList strings;
    for (const QJsonValue item : value.toArray())
        strings << item.toString();
    return strings;
}

} // namespace

PlatformProfile PlatformProfile::fromJson(const QJsonObject &json)
{
    PlatformProfile profile;
    profile.name = json.value(QLatin1String("name")).toString();
    profile.vendor = json.value(QLatin1String("vendor")).toString();
    profile.aliases = stringsOf(json.value(QLatin1String("aliases")));
    profile.prompt = patternOf(json.value(QLatin1String("prompt")));
    profile.privilegedPrompt = patternOf(json.value(QLatin1String("privileged_prompt")));
    profile.pager = patternOf(json.value(QLatin1String("pager")));
    profile.sessionCommands = stringsOf(json.value(QLatin1String("session_commands")));
    const QJsonObject enable = json.value(QLatin1String("enable")).toObject();
    profile.enableCommand = enable.value(QLatin1String("command")).toString();
    profile.enablePasswordPrompt = patternOf(enable.value(QLatin1String("password_prompt")));
    const QJsonObject config = json.value(QLatin1String("config")).toObject();
    profile.configEnter = config.value(QLatin1String("enter")).toString();
    profile.configExit = config.value(QLatin1String("exit")).toString();
    profile.useExec = json.value(QLatin1String("exec")).toBool();
    const QString textValue = json.value(QLatin1String("text_value")).toString();
    profile.textValue =
        textValue.isEmpty()
            ? cliTextValue()
            : QRegularExpression(textValue, QRegularExpression::UseUnicodePropertiesOption);
    const QJsonObject readOnly = json.value(QLatin1String("read_only")).toObject();
    profile.readOnlyVerbs = stringsOf(readOnly.value(QLatin1String("verbs")));
    profile.readOnlyFilters = stringsOf(readOnly.value(QLatin1String("filters")));
    for (const QJsonValue error : json.value(QLatin1String("errors")).toArray()) {
        const QJsonObject object = error.toObject();
        profile.errors << DeviceErrorPattern{patternOf(object.value(QLatin1String("pattern"))),
                                             object.value(QLatin1String("type")).toString(),
                                             object.value(QLatin1String("guidance")).toString()};
    }
    return profile;
}

QRegularExpression PlatformProfile::cliTextValue()
{
    // Words, numbers, addresses, descriptions and their punctuation.
    static const QRegularExpression text(
        QStringLiteral(R"(^[\p{L}\p{N} _.,:/@+=#%*()\[\]{}!?~'"-]*$)"),
        QRegularExpression::UseUnicodePropertiesOption);
    return text;
}

std::optional<DeviceErrorPattern> PlatformProfile::detectError(const QString &output) const
{
    for (const DeviceErrorPattern &error : errors) {
        if (error.pattern.match(output).hasMatch())
            return error;
    }
    return std::nullopt;
}

QString PlatformProfile::whyNotReadOnly(const QString &text) const
{
    // A line editor acts on control characters (Ctrl-U erases what came before), so a command
    // holding one is not what it reads as.
    const bool hidden = std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format;
    });
    if (hidden)
        return QStringLiteral("It holds a control character.");
    static const QRegularExpression chaining(QStringLiteral("[;&<>`]|\\$\\("));
    const QRegularExpressionMatch chained = chaining.match(text);
    if (chained.hasMatch())
        return QStringLiteral("\"%1\" can chain or redirect a command.").arg(chained.captured());
    // Over a shell, quotes the text brings could leave a variable's value unquoted.
    if (useExec && (text.contains(QLatin1Char('\'')) || text.contains(QLatin1Char('"')) ||
                    text.contains(QLatin1Char('\\'))))
        return QStringLiteral("On %1 it may hold no quotes; give values through variables.")
            .arg(name);
    // Every | starts a stage, even inside an argument: what a device takes for a pipe is not
    // guessed.
    const QStringList stages = text.toLower().split(QLatin1Char('|'));
    const QString verb = stages.first().section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
    if (!readOnlyVerbs.contains(verb)) {
        return QStringLiteral("On %1 a read-only command starts with one of: %2.")
            .arg(name, readOnlyVerbs.join(QLatin1String(", ")));
    }
    for (const QString &stage : stages.mid(1)) {
        const QString filter = stage.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
        if (!readOnlyFilters.contains(filter)) {
            return QStringLiteral("On %1 \"| %2\" is not a read-only filter; those are: %3.")
                .arg(name, filter, readOnlyFilters.join(QLatin1String(", ")));
        }
    }
    return {};
}

} // namespace Cairn
