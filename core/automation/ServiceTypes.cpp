#include "ServiceTypes.h"

#include "ServiceTemplates.h"
#include "templating/Template.h"
#include "textfsm/TextFsmTemplate.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>

namespace Cairn::ServiceTypes {

namespace {

enum class Kind
{
    Text,
    Lines,
    Flag,
    Number,
    Choice,
    Object,
    Pattern,
    Url
};

struct Setting
{
    const char *name;
    Kind kind;
    QJsonValue fallback;
    // A Number's bounds; a Choice's values.
    int minimum = 0;
    int maximum = 0;
    QStringList choices = {};
    bool required = false;
};

// What every service has, whatever its type.
const QList<Setting> &common()
{
    static const QList<Setting> settings{
        {"credentials", Kind::Text, QString()},
        {"content_match", Kind::Text, QString()},
        {"content_match_regex", Kind::Flag, false},
        {"negative_logic", Kind::Flag, false},
        {"number_of_retries", Kind::Number, 0, 0, 100},
        {"time_between_retries", Kind::Number, 10, 0, 3600},
        {"run_method",
         Kind::Choice,
         QStringLiteral("per_device"),
         0,
         0,
         {QStringLiteral("per_device"), QStringLiteral("once")}},
        {"initial_payload", Kind::Object, QJsonObject()},
    };
    return settings;
}

const QHash<QString, QList<Setting>> &own()
{
    static const QStringList properties{QStringLiteral("configuration"),
                                        QStringLiteral("operational_data"),
                                        QStringLiteral("specialized_data")};
    static const QHash<QString, QList<Setting>> types{
        {QStringLiteral("command_service"),
         {{"commands", Kind::Lines, QJsonArray(), 0, 0, {}, true},
          {"enable_mode", Kind::Flag, false},
          {"config_mode", Kind::Flag, false},
          {"expect_string", Kind::Pattern, QString()},
          {"timeout", Kind::Number, 10, 1, 3600}}},
        {QStringLiteral("backup_service"),
         {{"property", Kind::Choice, QStringLiteral("configuration"), 0, 0, properties},
          {"commands", Kind::Lines, QJsonArray(), 0, 0, {}, true},
          {"commit_to_git", Kind::Flag, true},
          {"timeout", Kind::Number, 10, 1, 3600}}},
        {QStringLiteral("ping_service"),
         {{"protocol",
           Kind::Choice,
           QStringLiteral("TCP"),
           0,
           0,
           {QStringLiteral("TCP"), QStringLiteral("ICMP")}},
          {"ports", Kind::Text, QStringLiteral("22")},
          {"timeout", Kind::Number, 2, 1, 60},
          {"count", Kind::Number, 3, 1, 100}}},
        {QStringLiteral("rest_call_service"),
         {{"call_type",
           Kind::Choice,
           QStringLiteral("GET"),
           0,
           0,
           {QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
            QStringLiteral("PATCH"), QStringLiteral("DELETE")}},
          {"rest_url", Kind::Url, QString(), 0, 0, {}, true},
          {"payload", Kind::Object, QJsonObject()},
          {"headers", Kind::Object, QJsonObject()},
          {"username", Kind::Text, QString()},
          {"expected_status", Kind::Number, 0, 0, 599},
          {"timeout", Kind::Number, 10, 1, 3600}}},
        {QStringLiteral("data_extraction_service"),
         {{"variable", Kind::Text, QString(), 0, 0, {}, true},
          {"query", Kind::Text, QString(), 0, 0, {}, true},
          {"match_type",
           Kind::Choice,
           QStringLiteral("regex"),
           0,
           0,
           {QStringLiteral("regex"), QStringLiteral("textfsm"), QStringLiteral("textfsm_dict")}},
          // A regular expression or a TextFSM template, as match_type says: checked below.
          {"match", Kind::Text, QString(), 0, 0, {}, true}}},
        {QStringLiteral("template_service"), {{"template", Kind::Text, QString(), 0, 0, {}, true}}},
        // Its steps and edges are the service's graph, not settings.
        {QStringLiteral("workflow"),
         {{"run_method",
           Kind::Choice,
           QStringLiteral("per_device"),
           0,
           0,
           {QStringLiteral("per_device"), QStringLiteral("per_service_with_workflow_targets"),
            QStringLiteral("per_service_with_service_targets")}}}},
    };
    return types;
}

const QHash<QString, QString> &aliases()
{
    static const QHash<QString, QString> known{
        {QStringLiteral("netmiko_commands_service"), QStringLiteral("command_service")},
        {QStringLiteral("netmiko_backup_service"), QStringLiteral("backup_service")},
    };
    return known;
}

const QList<Setting> &ownOf(const QString &type)
{
    static const QList<Setting> none;
    const auto found = own().constFind(type);
    return found == own().cend() ? none : found.value();
}

// A type's own setting wins over the common one of the same name (a workflow's run_method).
const Setting *find(const QString &type, const QString &field)
{
    for (const QList<Setting> *settings : {&ownOf(type), &common()}) {
        for (const Setting &setting : *settings) {
            if (field == QLatin1String(setting.name))
                return &setting;
        }
    }
    return nullptr;
}

Result<QJsonValue> checked(const Setting &setting, const QJsonValue &value)
{
    const QString name = QString::fromLatin1(setting.name);
    switch (setting.kind) {
    case Kind::Text:
    case Kind::Pattern:
        if (!value.isString())
            return Error::invalidField(name, QStringLiteral("Not a valid string."));
        if (setting.kind == Kind::Pattern && !QRegularExpression(value.toString()).isValid())
            return Error::invalidField(name, QStringLiteral("Not a valid regular expression."));
        return value;
    case Kind::Lines: {
        // A list of strings, or newline-separated text as eNMS's form sends it.
        QJsonArray lines;
        if (value.isString()) {
            for (const QString &line : value.toString().split(QLatin1Char('\n'))) {
                if (!line.trimmed().isEmpty())
                    lines.append(line.trimmed());
            }
            return QJsonValue(lines);
        }
        if (!value.isArray())
            return Error::invalidField(name, QStringLiteral("A list of strings, or text."));
        for (const QJsonValue line : value.toArray()) {
            if (!line.isString())
                return Error::invalidField(name, QStringLiteral("A list of strings, or text."));
            lines.append(line);
        }
        return QJsonValue(lines);
    }
    case Kind::Url: {
        // Templated URLs ({{ device.ip_address }}) are checked when they are rendered; the login
        // goes in username and password (sealed), never in the URL, which anyone may read.
        static const QRegularExpression Shape(
            QStringLiteral("^https?://[^/@?#\\s]+(?:[/?#]\\S*)?$"),
            QRegularExpression::CaseInsensitiveOption);
        if (!value.isString() ||
            (!Template::isTemplated(value.toString()) && !Shape.match(value.toString()).hasMatch()))
            return Error::invalidField(name, QStringLiteral("An http or https URL without a "
                                                            "login (give username and password)."));
        return value;
    }
    case Kind::Flag:
        if (!value.isBool())
            return Error::invalidField(name, QStringLiteral("true or false."));
        return value;
    case Kind::Number: {
        const double number = value.toDouble(-1);
        // Bounds first: converting a huge or infinite double to an integer is undefined.
        if (!value.isDouble() || number < setting.minimum || number > setting.maximum ||
            number != double(qint64(number)))
            return Error::invalidField(name, QStringLiteral("A whole number from %1 to %2.")
                                                 .arg(setting.minimum)
                                                 .arg(setting.maximum));
        return QJsonValue(qint64(number));
    }
    case Kind::Choice:
        if (!setting.choices.contains(value.toString()))
            return Error::invalidField(
                name, QStringLiteral("One of %1.").arg(setting.choices.join(QLatin1String(", "))));
        return value;
    case Kind::Object:
        if (!value.isObject())
            return Error::invalidField(name, QStringLiteral("A JSON object."));
        return value;
    }
    return value;
}

bool isEmpty(const QJsonValue &value)
{
    return (value.isString() && value.toString().trimmed().isEmpty()) ||
           (value.isArray() && value.toArray().isEmpty());
}

// A data extraction's `match` is what its match_type reads: a regular expression or a TextFSM
// template.
Result<void> checkMatch(const QString &type, const QJsonObject &settings)
{
    if (type != u"data_extraction_service")
        return {};
    const QString match = settings.value(QLatin1String("match")).toString();
    if (settings.value(QLatin1String("match_type")).toString() == u"regex") {
        if (!QRegularExpression(match).isValid())
            return Error::invalidField(QStringLiteral("match"),
                                       QStringLiteral("Not a valid regular expression."));
        return {};
    }
    const Result<TextFsmTemplate> parsed = TextFsmTemplate::parse(match);
    if (!parsed)
        return Error::invalidField(QStringLiteral("match"), parsed.error().message);
    return {};
}

} // namespace

QStringList names()
{
    QStringList types = own().keys();
    types.sort();
    return types;
}

QString canonical(const QString &name)
{
    if (own().contains(name))
        return name;
    return aliases().value(name);
}

bool logsIn(const QString &type)
{
    const QString own = canonical(type);
    return own == u"command_service" || own == u"backup_service";
}

bool hasSetting(const QString &type, const QString &field)
{
    return find(type, field) != nullptr;
}

QString secretOf(const QString &type)
{
    return type == u"rest_call_service" ? QStringLiteral("password") : QString();
}

Result<QJsonObject> apply(const QString &type, const QJsonObject &current, const QJsonObject &given)
{
    QJsonObject settings;
    for (const QList<Setting> *list : {&common(), &ownOf(type)}) {
        for (const Setting &setting : *list) {
            const QString name = QString::fromLatin1(setting.name);
            if (list == &common() && find(type, name) != &setting)
                continue;
            QJsonValue value = current.value(name);
            if (given.contains(name)) {
                const Result<QJsonValue> read = checked(setting, given.value(name));
                if (!read)
                    return read.error();
                value = read.value();
            }
            if (value.isUndefined())
                value = setting.fallback;
            if (setting.required && isEmpty(value))
                return Error::invalidField(name, QStringLiteral("This field is required."));
            settings.insert(name, value);
        }
    }
    const Result<void> matcher = checkMatch(type, settings);
    if (!matcher)
        return matcher.error();
    const Result<void> templates = ServiceTemplates::check(type, settings);
    if (!templates)
        return templates.error();
    return settings;
}

} // namespace Cairn::ServiceTypes
