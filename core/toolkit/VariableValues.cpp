#include "VariableValues.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QRegularExpression>

namespace Cairn {

QString VariableValues::problemWith(const CommandVariable &variable, const QString &value,
                                    const DeviceFacts &facts)
{
    // A line break would end the command and start another one on the device.
    for (const QChar c : value) {
        if (c.category() == QChar::Other_Control)
            return QStringLiteral("Control characters (such as line breaks) are not allowed.");
    }
    if (variable.type == QLatin1String("interface") && !facts.interfaces.contains(value))
        return QStringLiteral("The device has no interface \"%1\".").arg(value);
    if (variable.type == QLatin1String("vlan")) {
        bool numeric = false;
        const int vlan = value.toInt(&numeric);
        if (!numeric || vlan < 1 || vlan > 4094)
            return QStringLiteral("A VLAN is a number from 1 to 4094.");
    }
    if (variable.type == QLatin1String("vlan_name")) {
        static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9_.-]{1,32}$"));
        if (!name.match(value).hasMatch())
            return QStringLiteral("A VLAN name is 1 to 32 letters, digits, '.', '_' or '-'.");
    }
    if (variable.type == QLatin1String("ip")) {
        const QHostAddress address(value);
        // A scope ("fe80::1%eth0") would carry any text along.
        if (address.isNull() || !address.scopeId().isEmpty())
            return QStringLiteral("\"%1\" is not an IP address.").arg(value);
        // The device's own addresses are the choices: none recorded, nothing to choose.
        if (facts.addresses.isEmpty())
            return QStringLiteral("The device has no IP addresses in the inventory to choose "
                                  "from.");
        if (!facts.addresses.contains(value))
            return QStringLiteral("%1 is not an address of the device.").arg(value);
    }
    if (variable.type == QLatin1String("text") && value.size() > 255)
        return QStringLiteral("At most 255 characters.");
    // Every value, whatever its type (interface names come from the inventory, where switches
    // name their own): nothing that chains, pipes or redirects; no option for a shell command.
    if (facts.shell && value.startsWith(QLatin1Char('-')))
        return QStringLiteral("A value may not start with '-' here: it would be an option.");
    if (!facts.textValue.match(value).hasMatch())
        return QStringLiteral("Only letters, digits, spaces and the punctuation of names and "
                              "descriptions are allowed here: nothing that chains, pipes or "
                              "redirects a command (; | ` $ < > & \\).");
    return {};
}

QHash<QString, QString> VariableValues::resolve(const Command &command, const QJsonObject &given,
                                                const DeviceFacts &facts, QJsonObject *problems)
{
    QHash<QString, QString> values;
    for (const CommandVariable &variable : command.variables) {
        const QJsonValue raw = given.value(variable.name);
        QString value = raw.isDouble() ? QString::number(raw.toInteger()) : raw.toString();
        if (!raw.isUndefined() && !raw.isNull() && !raw.isString() && !raw.isDouble()) {
            problems->insert(variable.name, QStringLiteral("Expected a string."));
            continue;
        }
        if (value.trimmed().isEmpty()) {
            if (variable.required && variable.defaultValue.isEmpty()) {
                problems->insert(variable.name, QStringLiteral("This variable is required."));
                continue;
            }
            value = variable.defaultValue;
        }
        const QString problem = problemWith(variable, value.trimmed(), facts);
        if (!problem.isEmpty())
            problems->insert(variable.name, problem);
        values.insert(variable.name, value.trimmed());
    }
    for (auto it = given.begin(); it != given.end(); ++it) {
        if (!values.contains(it.key()) && !problems->contains(it.key()))
            problems->insert(it.key(), QStringLiteral("The command has no such variable."));
    }
    return values;
}

QJsonObject VariableValues::choices(const Command &command, const DeviceFacts &facts)
{
    QJsonObject choices;
    for (const CommandVariable &variable : command.variables) {
        QJsonValue options;
        if (variable.type == QLatin1String("interface"))
            options = QJsonArray::fromStringList(facts.interfaces);
        else if (variable.type == QLatin1String("ip"))
            options = QJsonArray::fromStringList(facts.addresses);
        choices.insert(variable.name,
                       QJsonObject{{QStringLiteral("type"), variable.type},
                                   {QStringLiteral("choices"), options},
                                   {QStringLiteral("help_text"), variable.helpText},
                                   {QStringLiteral("default_value"), variable.defaultValue}});
    }
    return choices;
}

} // namespace Cairn
