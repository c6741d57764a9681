#include "SetQuery.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QRegularExpression>

namespace Cairn {

namespace {

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
    // Every attribute named must exist for this resource type (in the site, when given).
    for (const Term &term : terms.value()) {
        const Result<QVariant> defined = SqlQuery::scalar(
            db,
            QStringLiteral(
                "SELECT 1 FROM attributes WHERE resource_name = ? AND name = ? AND (? OR "
                "site_id = ?) LIMIT 1"),
            {resourceName, term.attribute, !siteId.has_value(), siteId.value_or(0)});
        if (!defined)
            return defined.error();
        if (!defined->isValid())
            return queryError(QStringLiteral("Attribute matching query does not exist: '%1'")
                                  .arg(term.attribute));
    }
    // `table` is one of the inventory's own table names, never caller input.
    QString sql = QStringLiteral("SELECT id FROM %1 WHERE (? OR site_id = ?)").arg(table);
    QVariantList values{!siteId.has_value(), siteId.value_or(0)};
    const QString match =
        database.isSqlite() ? QStringLiteral("v.value REGEXP ?") : QStringLiteral("v.value ~ ?");
    int depth = 0;
    for (const Term &term : terms.value()) {
        const QString operation = term.operation == '+'   ? QStringLiteral("UNION")
                                  : term.operation == '-' ? QStringLiteral("EXCEPT")
                                                          : QStringLiteral("INTERSECT");
        // Nesting fixes left-to-right order: PostgreSQL would bind INTERSECT tighter.
        sql = QStringLiteral("SELECT id FROM (%1) AS q%2 %3 SELECT v.resource_id FROM "
                             "attribute_values v JOIN attributes a ON a.id = v.attribute_id WHERE "
                             "v.resource_name = ? AND v.name = ? AND %4 AND (? OR a.site_id = ?)")
                  .arg(sql)
                  .arg(++depth)
                  .arg(operation, term.isRegex ? match : QStringLiteral("v.value = ?"));
        values << resourceName << term.attribute << term.value << !siteId.has_value()
               << siteId.value_or(0);
    }
    Result<QSqlQuery> rows = SqlQuery::run(
        db, QStringLiteral("SELECT id FROM (%1) AS result ORDER BY id").arg(sql), values);
    if (!rows)
        return rows.error();
    QList<qint64> ids;
    while (rows->next())
        ids << rows->value(0).toLongLong();
    return ids;
}

} // namespace Cairn
