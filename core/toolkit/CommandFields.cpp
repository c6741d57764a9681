#include "CommandFields.h"

#include "inventory/Fields.h"
#include "transport/PlatformCatalog.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace Cairn::CommandFields {

namespace {

// A list whose items are names, or objects naming themselves by `slug` or `name` (NetBox
// serialises related objects so; clients send them back).
Result<QStringList> namesOf(const QJsonObject &fields, const QString &field)
{
    const QJsonValue given = fields.value(field);
    if (given.isNull() || given.isUndefined())
        return QStringList();
    if (!given.isArray())
        return Error::invalidField(field, QStringLiteral("Expected a list of items."));
    QStringList names;
    for (const QJsonValue item : given.toArray()) {
        const QJsonObject object = item.toObject();
        const QString name = item.isString() ? item.toString()
                             : object.contains(QLatin1String("slug"))
                                 ? object.value(QLatin1String("slug")).toString()
                                 : object.value(QLatin1String("name")).toString();
        if (name.trimmed().isEmpty())
            return Error::invalidField(field, QStringLiteral("Each item needs a name."));
        if (!names.contains(name.trimmed()))
            names << name.trimmed();
    }
    return names;
}

Result<QStringList> platformsOf(const QJsonObject &fields)
{
    const QString field = QStringLiteral("platforms");
    Result<QStringList> names = namesOf(fields, field);
    if (!names)
        return names;
    QStringList platforms;
    for (const QString &name : names.value()) {
        const PlatformProfile *profile = PlatformCatalog::find(name);
        if (!profile) {
            return Error::invalidField(
                field, QStringLiteral("Unknown platform \"%1\"; known: %2.")
                           .arg(name, PlatformCatalog::names().join(QLatin1String(", "))));
        }
        if (!platforms.contains(profile->name))
            platforms << profile->name;
    }
    if (platforms.isEmpty())
        return Error::invalidField(field, QStringLiteral("A command needs at least one platform."));
    return platforms;
}

// `execute_show` may run it, so on every platform it is for it must only read.
Result<void> readOnlyIfShow(const Command &command)
{
    if (command.isConfig())
        return {};
    for (const QString &platform : command.platforms) {
        const PlatformProfile *profile = PlatformCatalog::find(platform);
        const QString why = profile ? profile->whyNotReadOnly(command.skeleton()) : QString();
        if (!why.isEmpty()) {
            return Error::invalidField(
                QStringLiteral("command"),
                QStringLiteral("A show command must only read: %1 Catalogue it with command_type "
                               "\"config\" if it changes the device.")
                    .arg(why));
        }
    }
    return {};
}

Result<CommandVariable> variableOf(const QJsonValue &item, qsizetype index)
{
    const QString field = QStringLiteral("variables");
    const auto invalid = [&](const QString &message) {
        return Error::invalidField(field,
                                   QStringLiteral("Item %1: %2").arg(index + 1).arg(message));
    };
    if (!item.isObject())
        return invalid(QStringLiteral("expected an object."));
    const QJsonObject object = item.toObject();
    static const QRegularExpression validName(QStringLiteral("^[A-Za-z][A-Za-z0-9_]*$"));
    CommandVariable variable;
    variable.name = object.value(QLatin1String("name")).toString();
    if (!validName.match(variable.name).hasMatch())
        return invalid(QStringLiteral("name must start with a letter and hold only letters, digits "
                                      "and underscores."));
    variable.displayName = object.value(QLatin1String("display_name")).toString();
    variable.type = object.value(QLatin1String("variable_type")).toString(QStringLiteral("text"));
    if (!CommandVariable::Types.contains(variable.type)) {
        return invalid(QStringLiteral("variable_type must be one of %1.")
                           .arg(CommandVariable::Types.join(QLatin1String(", "))));
    }
    const QJsonValue required = object.value(QLatin1String("required"));
    if (!required.isUndefined() && !required.isBool())
        return invalid(QStringLiteral("required must be true or false."));
    variable.required = required.toBool(true);
    variable.helpText = object.value(QLatin1String("help_text")).toString();
    variable.defaultValue = object.value(QLatin1String("default_value")).toString();
    return variable;
}

Result<QList<CommandVariable>> variablesOf(const QJsonObject &fields)
{
    const QString field = QStringLiteral("variables");
    const QJsonValue given = fields.value(field);
    if (given.isNull() || given.isUndefined())
        return QList<CommandVariable>();
    if (!given.isArray())
        return Error::invalidField(field, QStringLiteral("Expected a list of variables."));
    QList<CommandVariable> variables;
    QStringList names;
    const QJsonArray items = given.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        Result<CommandVariable> variable = variableOf(items.at(i), i);
        if (!variable)
            return variable.error();
        if (names.contains(variable->name)) {
            return Error::invalidField(
                field, QStringLiteral("Variable %1 is declared twice.").arg(variable->name));
        }
        names << variable->name;
        variables << std::move(variable).value();
    }
    return variables;
}

Result<void> placeholdersDeclared(const Command &command)
{
    QStringList declared;
    for (const CommandVariable &variable : command.variables)
        declared << variable.name;
    const QStringList used = command.placeholders();
    for (const QString &name : used) {
        if (!declared.contains(name)) {
            return Error::invalidField(
                QStringLiteral("command"),
                QStringLiteral("<%1> is used but not declared in variables.").arg(name));
        }
    }
    for (const QString &name : declared) {
        if (!used.contains(name)) {
            return Error::invalidField(
                QStringLiteral("variables"),
                QStringLiteral("Variable %1 does not appear in the command as <%1>.").arg(name));
        }
    }
    return {};
}

} // namespace

Result<Command> apply(const Command &current, const QJsonObject &fields, bool partial)
{
    Command command = current;
    const auto given = [&](const char *name) {
        return !partial || fields.contains(QLatin1String(name));
    };
    const auto text = [&](const char *name, int maxLength, QString &into) -> Result<void> {
        if (!given(name))
            return {};
        const Result<QString> value = Fields::text(fields, QString::fromLatin1(name), maxLength);
        if (!value)
            return value.error();
        into = value->trimmed();
        return {};
    };
    for (const Result<void> &done :
         {text("name", 100, command.name), text("command", 2000, command.command),
          text("description", 500, command.description)}) {
        if (!done)
            return done.error();
    }
    if (command.name.isEmpty())
        return Fields::required(QStringLiteral("name"));
    if (command.command.isEmpty())
        return Fields::required(QStringLiteral("command"));
    // A device's line editor acts on control characters (Ctrl-U erases the line before it).
    const bool controls =
        std::any_of(command.command.cbegin(), command.command.cend(), [](QChar c) {
            return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format;
        });
    if (controls)
        return Error::invalidField(QStringLiteral("command"),
                                   QStringLiteral("A command is one line of printable text."));
    if (given("command_type")) {
        command.commandType =
            fields.value(QLatin1String("command_type")).toString(QStringLiteral("show"));
        if (command.commandType != QLatin1String("show") &&
            command.commandType != QLatin1String("config")) {
            return Error::invalidField(QStringLiteral("command_type"),
                                       QStringLiteral("Must be \"show\" or \"config\"."));
        }
    }
    if (given("platforms")) {
        const Result<QStringList> platforms = platformsOf(fields);
        if (!platforms)
            return platforms.error();
        command.platforms = platforms.value();
    }
    if (given("tags")) {
        const Result<QStringList> tags = namesOf(fields, QStringLiteral("tags"));
        if (!tags)
            return tags.error();
        command.tags = tags.value();
    }
    if (given("variables")) {
        const Result<QList<CommandVariable>> variables = variablesOf(fields);
        if (!variables)
            return variables.error();
        command.variables = variables.value();
    }
    const Result<void> declared = placeholdersDeclared(command);
    if (!declared)
        return declared.error();
    const Result<void> readOnly = readOnlyIfShow(command);
    if (!readOnly)
        return readOnly.error();
    return command;
}

} // namespace Cairn::CommandFields
