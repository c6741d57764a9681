#pragma once

#include "Command.h"
#include "Result.h"

#include <QSqlDatabase>

namespace Cairn {

class Database;

struct CommandFilter
{
    std::optional<QList<qint64>> ids;
    QString name;
    QString commandType;
    QString platform;
    QString tag;
    // Case-insensitive substrings: of name, command or description (q); of one field.
    QString search;
    QString nameContains;
    QString descriptionContains;
    std::optional<qint64> createdAfter;
    std::optional<qint64> createdBefore;
    // API field names, '-' for descending; those that are not sortable are ignored.
    QStringList ordering;
    int limit = 50;
    int offset = 0;
};

class CommandRepository
{
public:
    explicit CommandRepository(Database &database)
        : m_database(database)
    {
    }

    Result<QList<Command>> list(const CommandFilter &filter);
    Result<qint64> count(const CommandFilter &filter);
    Result<qint64> insert(const QSqlDatabase &db, const Command &command);
    Result<void> update(const QSqlDatabase &db, const Command &command);
    Result<void> remove(const QSqlDatabase &db, qint64 id);

private:
    Result<void> writeVariables(const QSqlDatabase &db, const Command &command);
    Result<void> attachVariables(QList<Command> &commands);

    Database &m_database;
};

} // namespace Cairn
