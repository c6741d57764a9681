#include "PoolRules.h"

#include "EnmsValues.h"

#include <QRegularExpression>

namespace Cairn::PoolRules {

namespace {

const QStringList Matches{QStringLiteral("inclusion"), QStringLiteral("equality"),
                          QStringLiteral("regex"), QStringLiteral("empty")};
// A pattern is the operator's, run on every member: bounded.
constexpr int MaxPatternLength = 1000;
// Every rule runs on every member at each read (on a listener thread): a bounded number.
constexpr int MaxRuleKeys = 100;

// The property a value key names: device_vendor -> vendor (with its type).
QString propertyOf(const QString &key, const QString &type)
{
    return key.mid(type.size() + 1);
}

// The type a rule key is for ("device" or "link"), or nothing.
QString typeOf(const QString &key)
{
    return key.startsWith(QLatin1String("device_")) ? QStringLiteral("device")
           : key.startsWith(QLatin1String("link_")) ? QStringLiteral("link")
                                                    : QString();
}

bool isSetting(const QString &key)
{
    return key.endsWith(QLatin1String("_match")) || key.endsWith(QLatin1String("_invert"));
}

} // namespace

Result<QJsonObject> read(const QJsonObject &fields, const QSet<QString> &deviceProperties,
                         const QSet<QString> &linkProperties)
{
    QJsonObject rules;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const QString &key = it.key();
        if (rules.size() >= MaxRuleKeys)
            return Error::invalidField(key,
                                       QStringLiteral("At most %1 rule keys.").arg(MaxRuleKeys));
        const QString type = typeOf(key);
        if (type.isEmpty())
            continue;
        const QSet<QString> &known = type == u"device" ? deviceProperties : linkProperties;
        QString property = propertyOf(key, type);
        if (key.endsWith(QLatin1String("_match"))) {
            property.chop(6);
            if (!Matches.contains(it.value().toString()))
                return Error::invalidField(
                    key, QStringLiteral("One of %1.").arg(Matches.join(QLatin1String(", "))));
        } else if (key.endsWith(QLatin1String("_invert"))) {
            property.chop(7);
            if (!it.value().isBool())
                return Error::invalidField(key, QStringLiteral("true or false."));
        } else if (!it.value().isString() && !it.value().isDouble()) {
            return Error::invalidField(key, QStringLiteral("Not a valid string."));
        }
        if (!known.contains(property))
            return Error::invalidField(
                key, QStringLiteral("A %1 has no property %2.").arg(type, property));
        rules.insert(key, it.value().isDouble()
                              ? QJsonValue(EnmsValues::textsOf(it.value()).value(0))
                              : it.value());
    }
    // Each regex compiles, once its value and match are both known.
    for (auto it = rules.begin(); it != rules.end(); ++it) {
        if (isSetting(it.key()) ||
            rules.value(it.key() + QStringLiteral("_match")).toString() != u"regex")
            continue;
        const QString pattern = it.value().toString();
        if (pattern.size() > MaxPatternLength || !QRegularExpression(pattern).isValid())
            return Error::invalidField(it.key(), QStringLiteral("Invalid regular expression."));
    }
    return rules;
}

Compiled compile(const QJsonObject &rules)
{
    static const QHash<QString, Compiled::Match> Kinds{
        {QStringLiteral("inclusion"), Compiled::Match::Inclusion},
        {QStringLiteral("equality"), Compiled::Match::Equality},
        {QStringLiteral("regex"), Compiled::Match::Regex},
        {QStringLiteral("empty"), Compiled::Match::Empty}};
    Compiled compiled;
    for (auto it = rules.begin(); it != rules.end(); ++it) {
        const QString &key = it.key();
        const QString type = typeOf(key);
        if (type.isEmpty() || isSetting(key))
            continue;
        Compiled::Rule rule;
        rule.type = type;
        rule.property = propertyOf(key, type);
        rule.wanted = it.value().toString();
        rule.match = Kinds.value(rules.value(key + QStringLiteral("_match")).toString(),
                                 Compiled::Match::Inclusion);
        rule.invert = rules.value(key + QStringLiteral("_invert")).toBool();
        if (rule.match == Compiled::Match::Regex)
            rule.pattern = QRegularExpression(rule.wanted);
        compiled.rules << rule;
    }
    return compiled;
}

bool matches(const Compiled &compiled, const QString &type, const QJsonObject &object)
{
    for (const Compiled::Rule &rule : compiled.rules) {
        if (rule.type != type)
            continue;
        const QStringList actual = EnmsValues::textsOf(object.value(rule.property));
        bool met = false;
        switch (rule.match) {
        case Compiled::Match::Empty:
            met = std::all_of(actual.cbegin(), actual.cend(),
                              [](const QString &text) { return text.isEmpty(); });
            break;
        case Compiled::Match::Equality:
            met = actual.contains(rule.wanted);
            break;
        case Compiled::Match::Regex:
            met = std::any_of(actual.cbegin(), actual.cend(), [&](const QString &text) {
                return rule.pattern.match(text).hasMatch();
            });
            break;
        case Compiled::Match::Inclusion:
            met = std::any_of(actual.cbegin(), actual.cend(),
                              [&](const QString &text) { return text.contains(rule.wanted); });
            break;
        }
        if (met == rule.invert)
            return false;
    }
    return true;
}

QSet<QString> properties(const Compiled &compiled, const QString &type)
{
    QSet<QString> read;
    for (const Compiled::Rule &rule : compiled.rules) {
        if (rule.type == type)
            read.insert(rule.property);
    }
    return read;
}

QList<DeviceFilter::TextMatch> narrowing(const Compiled &compiled, const QString &type)
{
    // What the database's REGEXP would read otherwise: it compiles without numbered captures
    // (backreferences and group calls then mean another group, or nothing) and reads texts up
    // to a NUL.
    static const QRegularExpression Numbered(
        QStringLiteral(R"(\\[0-9gk]|\(\?(P[=>]|[+-]?[0-9]|\(|&|R))"));
    const auto narrows = [](const QString &pattern) {
        return pattern.size() <= MaxPatternLength && !pattern.contains(QChar(0)) &&
               !Numbered.match(pattern).hasMatch() &&
               QRegularExpression(pattern, QRegularExpression::DontCaptureOption).isValid();
    };
    QList<DeviceFilter::TextMatch> matches;
    for (const Compiled::Rule &rule : compiled.rules) {
        if (rule.type != type || rule.invert || rule.wanted.isEmpty() ||
            rule.wanted.contains(QChar(0)))
            continue;
        if (rule.match == Compiled::Match::Inclusion)
            matches.append({rule.property, rule.wanted, DeviceFilter::TextMatch::Kind::Contains});
        else if (rule.match == Compiled::Match::Equality)
            matches.append({rule.property, rule.wanted, DeviceFilter::TextMatch::Kind::Equals});
        else if (rule.match == Compiled::Match::Regex && rule.pattern.isValid() &&
                 narrows(rule.wanted))
            matches.append({rule.property, rule.wanted, DeviceFilter::TextMatch::Kind::Regex});
    }
    return matches;
}

} // namespace Cairn::PoolRules
