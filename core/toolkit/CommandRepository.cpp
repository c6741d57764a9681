#include "CommandRepository.h"

#include "db/Database.h"
#include "db/SqlWhere.h"

#include <QDateTime>

namespace Cairn {

namespace {

const QString Columns =
    QStringLiteral("SELECT id, name, command, description, command_type, created_at, updated_at "
                   "FROM toolkit_commands");

// API field -> column, for ?ordering=.
const QHash<QString, QString> &sortColumns()
{
    static const QHash<QString, QString> columns{
        {QStringLiteral("id"), QStringLiteral("id")},
        {QStringLiteral("name"), QStringLiteral("name")},
        {QStringLiteral("command_type"), QStringLiteral("command_type")},
        {QStringLiteral("created"), QStringLiteral("created_at")},
        {QStringLiteral("last_updated"), QStringLiteral("updated_at")}};
    return columns;
}

SqlWhere whereOf(const CommandFilter &filter, const QSqlDatabase &db)
{
    SqlWhere where(db);
    if (filter.ids)
        where.addIn(QStringLiteral("id"), *filter.ids);
    if (!filter.name.isEmpty())
        where.add(QStringLiteral("name = ?"), {filter.name});
    if (!filter.commandType.isEmpty())
        where.add(QStringLiteral("command_type = ?"), {filter.commandType});
    if (!filter.platform.isEmpty()) {
        where.add(QStringLiteral("id IN (SELECT command_id FROM toolkit_command_platforms WHERE "
                                 "platform = ?)"),
                  {filter.platform});
    }
    if (!filter.tag.isEmpty()) {
        where.add(
            QStringLiteral("id IN (SELECT command_id FROM toolkit_command_tags WHERE tag = ?)"),
            {filter.tag});
    }
    if (!filter.search.isEmpty()) {
        const QString like = SqlQuery::containing(filter.search);
        where.add(QStringLiteral("(LOWER(name) LIKE ? ESCAPE '\\' OR LOWER(command) LIKE ? "
                                 "ESCAPE '\\' OR LOWER(description) LIKE ? ESCAPE '\\')"),
                  {like, like, like});
    }
    if (!filter.nameContains.isEmpty())
        where.add(QStringLiteral("LOWER(name) LIKE ? ESCAPE '\\'"),
                  {SqlQuery::containing(filter.nameContains)});
    if (!filter.descriptionContains.isEmpty()) {
        where.add(QStringLiteral("LOWER(description) LIKE ? ESCAPE '\\'"),
                  {SqlQuery::containing(filter.descriptionContains)});
    }
    if (filter.createdAfter)
        where.add(QStringLiteral("created_at >= ?"), {*filter.createdAfter});
    if (filter.createdBefore)
        where.add(QStringLiteral("created_at <= ?"), {*filter.createdBefore});
    return where;
}

QString orderOf(const QStringList &ordering)
{
    return SqlQuery::orderBy(ordering, sortColumns(), QStringLiteral("id"));
}

Command commandFrom(const QSqlQuery &query)
{
    Command command;
    command.id = query.value(0).toLongLong();
    command.name = query.value(1).toString();
    command.command = query.value(2).toString();
    command.description = query.value(3).toString();
    command.commandType = query.value(4).toString();
    command.createdAt = query.value(5).toLongLong();
    command.updatedAt = query.value(6).toLongLong();
    return command;
}

} // namespace

Result<QList<Command>> CommandRepository::list(const CommandFilter &filter)
{
    Result<QSqlQuery> query =
        whereOf(filter, m_database.connection())
            .page(Columns, orderOf(filter.ordering), filter.limit, filter.offset);
    if (!query)
        return query.error();
    QList<Command> commands;
    while (query->next())
        commands << commandFrom(query.value());
    const Result<void> attached = attachVariables(commands);
    if (!attached)
        return attached.error();
    return commands;
}

Result<qint64> CommandRepository::count(const CommandFilter &filter)
{
    return whereOf(filter, m_database.connection()).count(QStringLiteral("toolkit_commands"));
}

Result<void> CommandRepository::attachVariables(QList<Command> &commands)
{
    if (commands.isEmpty())
        return {};
    QHash<qint64, Command *> byId;
    QList<qint64> ids;
    for (Command &command : commands) {
        byId.insert(command.id, &command);
        ids << command.id;
    }
    const QSqlDatabase db = m_database.connection();
    const auto [condition, idsValue] = SqlQuery::inIds(db, QStringLiteral("command_id"), ids);
    Result<QSqlQuery> variables = SqlQuery::run(
        db,
        QStringLiteral("SELECT command_id, name, display_name, variable_type, required, "
                       "help_text, default_value FROM toolkit_command_variables WHERE %1 ORDER "
                       "BY command_id, position")
            .arg(condition),
        {idsValue});
    if (!variables)
        return variables.error();
    while (variables->next()) {
        byId.value(variables->value(0).toLongLong())
            ->variables.append(
                CommandVariable{variables->value(1).toString(), variables->value(2).toString(),
                                variables->value(3).toString(), variables->value(4).toBool(),
                                variables->value(5).toString(), variables->value(6).toString()});
    }
    // Platforms and tags: one query for both.
    Result<QSqlQuery> labels = SqlQuery::run(
        db,
        QStringLiteral("SELECT command_id, 'p', platform FROM toolkit_command_platforms WHERE %1 "
                       "UNION ALL SELECT command_id, 't', tag FROM toolkit_command_tags WHERE %1 "
                       "ORDER BY 1, 2, 3")
            .arg(condition),
        {idsValue, idsValue});
    if (!labels)
        return labels.error();
    while (labels->next()) {
        Command *command = byId.value(labels->value(0).toLongLong());
        (labels->value(1).toString() == QLatin1String("p") ? command->platforms : command->tags)
            << labels->value(2).toString();
    }
    return {};
}

Result<qint64> CommandRepository::insert(const QSqlDatabase &db, const Command &command)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const Result<QVariant> id = SqlQuery::scalar(
        db,
        QStringLiteral("INSERT INTO toolkit_commands (name, command, description, command_type, "
                       "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
        {command.name, command.command, command.description, command.commandType, now, now});
    if (!id)
        return id.error();
    Command stored = command;
    stored.id = id->toLongLong();
    const Result<void> written = writeVariables(db, stored);
    if (!written)
        return written.error();
    return stored.id;
}

Result<void> CommandRepository::update(const QSqlDatabase &db, const Command &command)
{
    Result<void> updated = SqlQuery::exec(
        db,
        QStringLiteral("UPDATE toolkit_commands SET name = ?, command = ?, description = ?, "
                       "command_type = ?, updated_at = ? WHERE id = ?"),
        {command.name, command.command, command.description, command.commandType,
         QDateTime::currentMSecsSinceEpoch(), command.id});
    if (!updated)
        return updated;
    for (const char *table :
         {"toolkit_command_variables", "toolkit_command_platforms", "toolkit_command_tags"}) {
        Result<void> cleared = SqlQuery::exec(
            db, QStringLiteral("DELETE FROM %1 WHERE command_id = ?").arg(QLatin1String(table)),
            {command.id});
        if (!cleared)
            return cleared;
    }
    return writeVariables(db, command);
}

Result<void> CommandRepository::writeVariables(const QSqlDatabase &db, const Command &command)
{
    for (qsizetype i = 0; i < command.variables.size(); ++i) {
        const CommandVariable &variable = command.variables.at(i);
        Result<void> written = SqlQuery::exec(
            db,
            QStringLiteral("INSERT INTO toolkit_command_variables (command_id, position, name, "
                           "display_name, variable_type, required, help_text, default_value) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
            {command.id, int(i), variable.name, variable.displayName, variable.type,
             variable.required, variable.helpText, variable.defaultValue});
        if (!written)
            return written;
    }
    // Platforms and tags are (command, label) rows of their own tables.
    const auto writeLabels = [&](const char *table, const char *column,
                                 const QStringList &labels) -> Result<void> {
        for (const QString &label : labels) {
            Result<void> written =
                SqlQuery::exec(db,
                               QStringLiteral("INSERT INTO %1 (command_id, %2) VALUES (?, ?)")
                                   .arg(QLatin1String(table), QLatin1String(column)),
                               {command.id, label});
            if (!written)
                return written;
        }
        return {};
    };
    Result<void> platforms =
        writeLabels("toolkit_command_platforms", "platform", command.platforms);
    if (!platforms)
        return platforms;
    return writeLabels("toolkit_command_tags", "tag", command.tags);
}

Result<void> CommandRepository::remove(const QSqlDatabase &db, qint64 id)
{
    return SqlQuery::exec(db, QStringLiteral("DELETE FROM toolkit_commands WHERE id = ?"), {id});
}

} // namespace Cairn
