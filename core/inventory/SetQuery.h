#pragma once

#include "Result.h"

#include <QList>
#include <QStringList>

namespace Cairn {

class Database;

// NSoT set queries: terms `name=value` (intersection), `+name=value` (union),
// `-name=value` (difference), `name_regex=re`, and a bare `name` (value ""), split like a POSIX
// shell and applied left to right to every object of the type. Compiled into one SQL
// statement of nested set operations; values only ever travel as bound parameters. At most 64
// terms, regular expressions of at most 512 characters, and the database's queryTimeoutMs.
class SetQuery
{
public:
    struct Term
    {
        char operation = '&'; // '&' intersect, '+' union, '-' difference
        QString attribute;
        QString value;
        bool isRegex = false;
    };

    static Result<QList<Term>> parse(const QString &query);
    // Ids of `table`'s rows (of resource `resourceName`) the query selects, optionally in one site.
    static Result<QList<qint64>> evaluate(Database &database, const QString &resourceName,
                                          const QString &table, std::optional<qint64> siteId,
                                          const QString &query);
    static Result<QStringList> splitLikeShell(const QString &text);
};

} // namespace Cairn
