#pragma once

#include "CommandRepository.h"
#include "auth/Identity.h"

#include <QJsonArray>

namespace Cairn {

class PermissionService;

// The catalogue of approved commands. Adding, changing and deleting need the `add`, `change`
// and `delete` permissions on "command" (superusers have them); anyone signed in may read.
class CommandService
{
public:
    static constexpr const char *ObjectType = "command";

    CommandService(Database &database, PermissionService &permissions);

    Result<QList<Command>> list(const CommandFilter &filter) { return m_commands.list(filter); }
    Result<qint64> count(const CommandFilter &filter) { return m_commands.count(filter); }
    Result<Command> get(qint64 id);
    // Each item a whole command; all are created or none.
    Result<QList<Command>> create(const Identity &caller, const QJsonArray &items);
    // Each item has an `id`; PUT replaces what it names (name and command required), PATCH
    // changes only what it names. All or none.
    Result<QList<Command>> update(const Identity &caller, const QJsonArray &items, bool partial);
    Result<void> remove(const Identity &caller, const QList<qint64> &ids);

private:
    Result<QHash<qint64, Command>> byIds(const QList<qint64> &ids);

    Database &m_database;
    PermissionService &m_permissions;
    CommandRepository m_commands;
};

} // namespace Cairn
