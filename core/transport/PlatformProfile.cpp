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

} // namespace Cairn
