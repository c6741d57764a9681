#include "SetQuery.h"

#include "db/Database.h"
#include "db/QueryDeadline.h"
#include "db/SqlQuery.h"

#include <QRegularExpression>
#include <QSqlError>

namespace Cairn {

namespace {

constexpr qsizetype MaxTerms = 64;
constexpr qsizetype MaxRegexLength = 512;

Error queryError(const QString &message)
{
    return Error::invalidField(QStringLiteral("query"), message);
}

} // namespace

Result<QStringList> SetQuery::splitLikeShell(const QString &text)
{
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            else if (c == QLatin1Char('\\') && quote == QLatin1Char('"') && i + 1 < text.size())
                word += text.at(++i);
            else
                word += c;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            inWord = true;
        } else if (c == QLatin1Char('\\') && i + 1 < text.size()) {
            word += text.at(++i);
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (!quote.isNull())
        return queryError(QStringLiteral("No closing quotation"));
    if (inWord)
        words << word;
    return words;
}

Result<QList<SetQuery::Term>> SetQuery::parse(const QString &query)
{
    const Result<QStringList> words = splitLikeShell(query);
    if (!words)
        return words.error();
    if (words->size() > MaxTerms)
        return queryError(QStringLiteral("A query has at most %1 terms; this one has %2.")
                              .arg(MaxTerms)
                              .arg(words->size()));
    QList<Term> terms;
    for (QString word : words.value()) {
        Term term;
        if (word.startsWith(QLatin1Char('+')) || word.startsWith(QLatin1Char('-'))) {
            term.operation = word.at(0).toLatin1();
            word.remove(0, 1);
        }
        const qsizetype equals = word.indexOf(QLatin1Char('='));
        term.attribute = equals < 0 ? word : word.left(equals);
        term.value = equals < 0 ? QString() : word.mid(equals + 1);
        if (term.attribute.endsWith(QLatin1String("_regex"))) {
            term.isRegex = true;
            term.attribute.chop(6);
            if (term.value.size() > MaxRegexLength)
                return queryError(QStringLiteral("A regular expression is at most %1 characters.")
                                      .arg(MaxRegexLength));
            if (!QRegularExpression(term.value).isValid())
                return queryError(QStringLiteral("Invalid regular expression: %1").arg(term.value));
        }
        if (term.attribute.isEmpty())
            return queryError(QStringLiteral("Invalid query term: %1").arg(word));
        terms << term;
    }
    return terms;
}

Result<QList<qint64>> SetQuery::evaluate(Database &database, const QString &resourceName,
                                         const QString &table, std::optional<qint64> siteId,
                                         const QString &query)
{
    const Result<QList<Term>> terms = parse(query);
    if (!terms)
        return terms.error();
    if (terms->isEmpty())
        return QList<qint64>();
    const QSqlDatabase db = database.connection();
    // Each term selects by the definitions of its attribute (one per site), which must exist
    // for this resource type (in the site, when given): index lookups on (attribute, value).
    const QString match =
        database.isSqlite() ? QStringLiteral("value REGEXP ?") : QStringLiteral("value ~ ?");
    QStringList selects;
    QList<QVariantList> selectValues;
    for (const Term &term : terms.value()) {
        Result<QSqlQuery> definitions = SqlQuery::run(
            db,
            QStringLiteral("SELECT id FROM attributes WHERE resource_name = ? AND name = ? AND "
                           "(? OR site_id = ?)"),
            {resourceName, term.attribute, !siteId.has_value(), siteId.value_or(0)});
        if (!definitions)
            return definitions.error();
        QVariantList values;
        while (definitions->next())
            values << definitions->value(0).toLongLong();
        if (values.isEmpty())
            return queryError(QStringLiteral("Attribute matching query does not exist: '%1'")
                                  .arg(term.attribute));
        selects << QStringLiteral(
                       "SELECT resource_id AS id FROM attribute_values WHERE attribute_id "
                       "IN (%1) AND %2")
                       .arg(QStringList(values.size(), QStringLiteral("?")).join(QLatin1Char(',')),
                            term.isRegex ? match : QStringLiteral("value = ?"));
        values << term.value;
        selectValues << values;
    }
    // Left to right from every object of the type; a leading intersection is just its term.
    QString sql;
    QVariantList values;
    qsizetype first = 0;
    if (terms->first().operation == '&') {
        sql = selects.first();
        values = selectValues.first();
        first = 1;
    } else {
        // `table` is one of the inventory's own table names, never caller input.
        sql = QStringLiteral("SELECT id FROM %1 WHERE (? OR site_id = ?)").arg(table);
        values = {!siteId.has_value(), siteId.value_or(0)};
    }
    // SQLite groups compound selects left to right, as NSoT applies terms; PostgreSQL binds
    // INTERSECT tighter, so there each step is parenthesised. (Nested subqueries would do for
    // both, but SQLite's parser stack overflows at a couple of dozen.)
    const bool sqlite = database.isSqlite();
    for (qsizetype i = first; i < terms->size(); ++i) {
        const char operation = terms->at(i).operation;
        const QString setOperation = operation == '+'   ? QStringLiteral("UNION")
                                     : operation == '-' ? QStringLiteral("EXCEPT")
                                                        : QStringLiteral("INTERSECT");
        sql = sqlite ? QStringLiteral("%1 %2 %3").arg(sql, setOperation, selects.at(i))
                     : QStringLiteral("(%1) %2 (%3)").arg(sql, setOperation, selects.at(i));
        values << selectValues.at(i);
    }
    // A regular expression can make any query slow: past the deadline it fails, and the
    // connection's thread is free again.
    const int timeoutMs = database.config().queryTimeoutMs;
    const QueryDeadline deadline(database, timeoutMs);
    Result<QSqlQuery> rows = SqlQuery::run(
        db, QStringLiteral("SELECT id FROM (%1) AS result ORDER BY id").arg(sql), values);
    QList<qint64> ids;
    while (rows && rows->next())
        ids << rows->value(0).toLongLong();
    if (deadline.expired() && (!rows || rows->lastError().isValid()))
        return queryError(QStringLiteral("The query ran longer than its limit of %1 s ([database] "
                                         "query_timeout_seconds); narrow it down.")
                              .arg(timeoutMs / 1000.0));
    if (!rows)
        return rows.error();
    if (rows->lastError().isValid())
        return Error::internal(QStringLiteral("Database error."));
    return ids;
}

} // namespace Cairn
