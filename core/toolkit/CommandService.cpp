#include "CommandService.h"

#include "CommandFields.h"
#include "auth/PermissionService.h"
#include "db/Transaction.h"
#include "inventory/BulkItems.h"

namespace Cairn {

namespace {

const QString Noun = QStringLiteral("Command");

// NetBox answers a taken unique name as a validation error of the field.
Error duplicateName(const Error &error, const QString &name)
{
    if (error.code != ErrorCode::Conflict)
        return error;
    return Error::invalidField(QStringLiteral("name"),
                               QStringLiteral("A command named \"%1\" already exists.").arg(name));
}

} // namespace

CommandService::CommandService(Database &database, PermissionService &permissions)
    : m_database(database)
    , m_permissions(permissions)
    , m_commands(database)
{
}

Result<QHash<qint64, Command>> CommandService::byIds(const QList<qint64> &ids)
{
    return BulkItems::fetchAll<Command>(ids, Noun, [this](const QList<qint64> &batch) {
        CommandFilter filter;
        filter.ids = batch;
        filter.limit = int(batch.size());
        return m_commands.list(filter);
    });
}

Result<Command> CommandService::get(qint64 id)
{
    const Result<QHash<qint64, Command>> found = byIds({id});
    if (!found)
        return found.error();
    return found->value(id);
}

Result<QList<Command>> CommandService::create(const Identity &caller, const QJsonArray &items)
{
    const Result<void> allowed =
        m_permissions.require(caller, QString::fromLatin1(ObjectType), std::nullopt, Action::Add);
    if (!allowed)
        return allowed.error();
    Result<QList<qint64>> ids =
        Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<QList<qint64>> {
            QList<qint64> created;
            BulkItems::ItemCursor cursor(items.size());
            for (const QJsonValue item : items) {
                cursor.next();
                if (!item.isObject())
                    return cursor.locate(Error::badRequest(
                        QStringLiteral("Expected a JSON object for each command.")));
                const Result<Command> command = CommandFields::apply({}, item.toObject(), false);
                if (!command)
                    return cursor.locate(command.error());
                const Result<qint64> id = m_commands.insert(db, command.value());
                if (!id)
                    return cursor.locate(duplicateName(id.error(), command->name));
                created << id.value();
            }
            cursor.done();
            return created;
        });
    if (!ids)
        return ids.error();
    CommandFilter filter;
    filter.ids = ids.value();
    filter.limit = int(ids->size());
    return m_commands.list(filter);
}

Result<QList<Command>> CommandService::update(const Identity &caller, const QJsonArray &items,
                                              bool partial)
{
    const Result<QList<qint64>> ids = BulkItems::idsOf(items);
    if (!ids)
        return ids.error();
    const Result<QHash<qint64, Command>> targets = byIds(ids.value());
    if (!targets)
        return targets.error();
    const Result<void> updated =
        Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
            BulkItems::ItemCursor cursor(items.size());
            for (qsizetype i = 0; i < items.size(); ++i) {
                cursor.at(i);
                const Command &current = *targets->constFind(ids->at(i));
                Result<void> allowed = m_permissions.require(
                    caller, QString::fromLatin1(ObjectType), current.id, Action::Change);
                if (!allowed)
                    return cursor.locate(allowed);
                const Result<Command> command =
                    CommandFields::apply(current, items.at(i).toObject(), partial);
                if (!command)
                    return cursor.locate(command.error());
                const Result<void> written = m_commands.update(db, command.value());
                if (!written)
                    return cursor.locate(duplicateName(written.error(), command->name));
            }
            cursor.done();
            return {};
        });
    if (!updated)
        return updated.error();
    const Result<QHash<qint64, Command>> fresh = byIds(ids.value());
    if (!fresh)
        return fresh.error();
    QList<Command> commands;
    for (qint64 id : ids.value())
        commands << fresh->value(id);
    return commands;
}

Result<void> CommandService::remove(const Identity &caller, const QList<qint64> &ids)
{
    const Result<QHash<qint64, Command>> targets = byIds(ids);
    if (!targets)
        return targets.error();
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
        for (qint64 id : ids) {
            Result<void> allowed =
                m_permissions.require(caller, QString::fromLatin1(ObjectType), id, Action::Delete);
            if (!allowed)
                return allowed;
            Result<void> removed = m_commands.remove(db, id);
            if (!removed)
                return removed;
        }
        return {};
    });
}

} // namespace Cairn
