#include "EnmsSearch.h"

#include "EnmsValues.h"
#include "PoolRules.h"

#include <QRegularExpression>
#include <algorithm>

namespace Cairn::EnmsSearch {

namespace {

constexpr int DefaultRows = 10;
constexpr int MaxRows = 1000;
// Each order entry is a sort of every row, on a listener thread.
constexpr int MaxOrder = 10;

QSet<QString> columnsOf(const QJsonArray &objects)
{
    QSet<QString> columns;
    for (const QJsonValue object : objects) {
        for (const QString &key : object.toObject().keys())
            columns.insert(key);
    }
    return columns;
}

// The criteria as pool rules (one rule language for both): each column under a `device_`
// prefix, eNMS's `exclusion` filter as an inverted inclusion.
QJsonObject rulesFrom(const QJsonObject &criteria)
{
    QJsonObject rules;
    for (auto it = criteria.begin(); it != criteria.end(); ++it) {
        QString key = it.key();
        QJsonValue value = it.value();
        if (key.endsWith(QLatin1String("_filter"))) {
            key.chop(7);
            const bool exclusion = value.toString() == u"exclusion";
            if (exclusion) {
                value = QStringLiteral("inclusion");
                const bool inverted = criteria.value(key + QStringLiteral("_invert")).toBool();
                rules.insert(QStringLiteral("device_") + key + QStringLiteral("_invert"),
                             !inverted);
            }
            key += QStringLiteral("_match");
        } else if (key.endsWith(QLatin1String("_invert")) &&
                   criteria.value(key.chopped(7) + QStringLiteral("_filter")).toString() ==
                       u"exclusion") {
            continue; // folded into the exclusion above
        }
        rules.insert(QStringLiteral("device_") + key, value);
    }
    return rules;
}

// The criteria as checked, compiled rules.
Result<PoolRules::Compiled> rulesOf(const QJsonObject &criteria, const QSet<QString> &columns)
{
    // eNMS answers a bad pattern in a shape of its own (see InvalidRegex).
    for (auto it = criteria.begin(); it != criteria.end(); ++it) {
        if (!it.key().endsWith(QLatin1String("_filter")) || it.value().toString() != u"regex")
            continue;
        const QString pattern = criteria.value(it.key().chopped(7)).toString();
        if (pattern.size() > 1000 || !QRegularExpression(pattern).isValid()) {
            Error error = Error::badRequest(QStringLiteral("Invalid regular expression as search "
                                                           "parameter."));
            error.reason = QString::fromLatin1(InvalidRegex);
            return error;
        }
    }
    const QJsonObject rules = rulesFrom(criteria);
    const Result<QJsonObject> read = PoolRules::read(rules, columns, {});
    if (!read) {
        // Name the column as the caller wrote it, and not as a device's (any type is searched).
        const QString field = read.error().fields.keys().value(0).mid(7);
        const QString why = read.error().fields.begin()->toString();
        return Error::invalidField(QStringLiteral("search_criteria.") + field,
                                   why.startsWith(QLatin1String("A device has no property"))
                                       ? QStringLiteral("No column %1.").arg(field)
                                       : why);
    }
    return PoolRules::compile(read.value());
}

const QString MatchesSuffix = QStringLiteral("_matches");

// The lines of `text` the criterion on its column keeps: a regex search, an equality or a
// substring (inclusion, the default), as "L<number>: <line>".
QJsonArray matchingLines(const QString &text, const QJsonObject &criteria, const QString &column)
{
    const QString wanted = criteria.value(column).toString();
    const QString filter = criteria.value(column + QStringLiteral("_filter")).toString();
    const QRegularExpression pattern(filter == u"regex" ? wanted : QString());
    QJsonArray lines;
    const QStringList all = text.split(QLatin1Char('\n'));
    for (qsizetype index = 0; index < all.size(); ++index) {
        const QString &line = all.at(index);
        const bool matches = filter == u"regex"      ? pattern.match(line).hasMatch()
                             : filter == u"equality" ? line == wanted
                                                     : line.contains(wanted);
        if (matches && !wanted.isEmpty())
            lines.append(QStringLiteral("L%1: %2").arg(index + 1).arg(line));
    }
    return lines;
}

} // namespace

bool reads(const QJsonObject &request, const QString &property)
{
    const QJsonObject criteria = request.value(QStringLiteral("search_criteria")).toObject();
    if (criteria.contains(property))
        return true;
    for (const QJsonValue column : request.value(QStringLiteral("columns")).toArray()) {
        if (column.toString() == property || column.toString() == property + MatchesSuffix)
            return true;
    }
    return false;
}

QSet<QString> referenced(const QJsonObject &request)
{
    QSet<QString> named;
    for (const QJsonValue column : request.value(QStringLiteral("columns")).toArray()) {
        const QString name = column.toString();
        named.insert(name);
        if (name.endsWith(MatchesSuffix))
            named.insert(name.chopped(MatchesSuffix.size()));
    }
    const QJsonObject criteria = request.value(QStringLiteral("search_criteria")).toObject();
    for (auto it = criteria.begin(); it != criteria.end(); ++it) {
        const QString &key = it.key();
        named.insert(key.endsWith(QLatin1String("_filter")) ||
                             key.endsWith(QLatin1String("_invert"))
                         ? key.chopped(7)
                         : key);
    }
    for (const QJsonValue by : request.value(QStringLiteral("order")).toArray())
        named.insert(by[QStringLiteral("column")].toString());
    return named;
}

std::optional<QSet<QString>> properties(const QJsonObject &request)
{
    if (request.value(QStringLiteral("columns")).toArray().isEmpty())
        return std::nullopt;
    return referenced(request);
}

QList<DeviceFilter::TextMatch> narrowing(const QJsonObject &request,
                                         const std::function<bool(const QString &)> &isStandard)
{
    // Only when every column named is a standard one: a custom property is known from every
    // device, not only from those the database leaves.
    const QSet<QString> named = referenced(request);
    const bool standard = std::all_of(named.cbegin(), named.cend(), [&](const QString &column) {
        return isStandard(column) ||
               (column.endsWith(MatchesSuffix) && isStandard(column.chopped(MatchesSuffix.size())));
    });
    if (!standard)
        return {};
    return PoolRules::narrowing(
        PoolRules::compile(rulesFrom(request.value(QStringLiteral("search_criteria")).toObject())),
        QStringLiteral("device"));
}

Result<QJsonArray> run(const QJsonArray &objects, const QJsonObject &request)
{
    return run(objects, columnsOf(objects), request);
}

Result<QJsonArray> run(const QJsonArray &objects, const QSet<QString> &columns,
                       const QJsonObject &request)
{
    // No objects of the type: nothing to find (and no columns to check the request against).
    if (objects.isEmpty() && columns.isEmpty())
        return QJsonArray();
    const Result<PoolRules::Compiled> rules =
        rulesOf(request.value(QStringLiteral("search_criteria")).toObject(), columns);
    if (!rules)
        return rules.error();
    QList<QJsonObject> rows;
    for (const QJsonValue object : objects) {
        if (PoolRules::matches(rules.value(), QStringLiteral("device"), object.toObject()))
            rows << object.toObject();
    }
    const QJsonArray order = request.value(QStringLiteral("order")).toArray();
    if (order.size() > MaxOrder)
        return Error::invalidField(QStringLiteral("order"),
                                   QStringLiteral("At most %1 columns.").arg(MaxOrder));
    for (const QJsonValue by : order) {
        const QString column = by[QStringLiteral("column")].toString();
        if (!columns.contains(column))
            return Error::invalidField(QStringLiteral("order"),
                                       QStringLiteral("No column %1.").arg(column));
    }
    // The first order entry sorts first: stable sorts from the last entry to the first.
    for (qsizetype i = order.size() - 1; i >= 0; --i) {
        const QString column = order.at(i)[QStringLiteral("column")].toString();
        const bool descending = order.at(i)[QStringLiteral("dir")].toString() == u"desc";
        std::stable_sort(rows.begin(), rows.end(), [&](const QJsonObject &a, const QJsonObject &b) {
            const QString left = EnmsValues::textsOf(a.value(column)).join(QLatin1Char(','));
            const QString right = EnmsValues::textsOf(b.value(column)).join(QLatin1Char(','));
            return descending ? right < left : left < right;
        });
    }
    const int start = request.value(QStringLiteral("start")).toInt(0);
    const int count = request.value(QStringLiteral("maximum_return_records")).toInt(DefaultRows);
    if (start < 0 || count < 0 || count > MaxRows)
        return Error::invalidField(
            QStringLiteral("maximum_return_records"),
            QStringLiteral("From 0 to %1, from a start of 0 or more.").arg(MaxRows));
    QStringList wanted;
    for (const QJsonValue column : request.value(QStringLiteral("columns")).toArray())
        wanted << column.toString();
    for (const QString &column : std::as_const(wanted)) {
        const bool matches = column.endsWith(MatchesSuffix) &&
                             columns.contains(column.chopped(MatchesSuffix.size()));
        if (!columns.contains(column) && !matches)
            return Error::invalidField(QStringLiteral("columns"),
                                       QStringLiteral("No column %1.").arg(column));
    }
    const QJsonObject criteria = request.value(QStringLiteral("search_criteria")).toObject();
    QJsonArray answer;
    for (const QJsonObject &row : rows.mid(start, count)) {
        if (wanted.isEmpty()) {
            answer.append(row);
            continue;
        }
        QJsonObject shown;
        for (const QString &column : std::as_const(wanted)) {
            const QString text = column.chopped(MatchesSuffix.size());
            if (column.endsWith(MatchesSuffix) && !row.contains(column))
                shown.insert(column, matchingLines(row.value(text).toString(), criteria, text));
            else
                shown.insert(column, row.value(column));
        }
        answer.append(shown);
    }
    return answer;
}

} // namespace Cairn::EnmsSearch
