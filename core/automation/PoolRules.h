#pragma once

#include "Result.h"
#include "inventory/DeviceRepository.h"

#include <QHash>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace Cairn::PoolRules {

// The rules of `fields` (every `device_…` and `link_…` key), checked: each names a property
// the type has (`known`), a match among inclusion, equality, regex and empty, a regex that
// compiles and an invert that is a boolean. A 400 names the first wrong key.
Result<QJsonObject> read(const QJsonObject &fields, const QSet<QString> &deviceProperties,
                         const QSet<QString> &linkProperties);
// A pool's rules ready to test many objects: each read once, each regex compiled once.
struct Compiled
{
    enum class Match
    {
        Inclusion,
        Equality,
        Regex,
        Empty,
    };
    struct Rule
    {
        QString type;
        QString property;
        QString wanted;
        Match match = Match::Inclusion;
        bool invert = false;
        QRegularExpression pattern;
    };
    QList<Rule> rules;
};
Compiled compile(const QJsonObject &rules);
// Whether `object` (as eNMS shows a device or link) meets every rule for `type` ("device" or
// "link"); no rules for the type: it does.
bool matches(const Compiled &compiled, const QString &type, const QJsonObject &object);
// The properties the rules for `type` read.
QSet<QString> properties(const Compiled &compiled, const QString &type);
// What the rules for `type` require of properties, for the database to narrow the objects read
// before they are matched: positive inclusion, equality and regex rules on texts, each named
// by its property (a regex with a backreference left out: the database's REGEXP captures
// nothing).
QList<DeviceFilter::TextMatch> narrowing(const Compiled &compiled, const QString &type);

} // namespace Cairn::PoolRules
