#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace Cairn {

class Database;

struct Group
{
    qint64 id = 0;
    QString name;
    QString description;

    QJsonObject toJson() const;
};

// Groups of users, so permissions can be granted to a team at once.
class GroupService
{
public:
    explicit GroupService(Database &database)
        : m_database(database)
    {
    }

    Result<Group> create(const QString &name, const QString &description = {});
    Result<QList<Group>> list();
    Result<void> addMember(qint64 groupId, qint64 userId);
    Result<void> removeMember(qint64 groupId, qint64 userId);
    Result<Group> byName(const QString &name);
    // NotFound naming the id.
    Result<Group> byId(qint64 id);
    // With its memberships and the permissions granted to it.
    Result<void> remove(qint64 id);
    // The usernames of its members.
    Result<QStringList> memberNames(qint64 groupId);
    // The names of the groups `userId` belongs to.
    Result<QStringList> namesOf(qint64 userId);

private:
    Result<Group> one(const QString &column, const QVariant &value);
    Result<QStringList> names(const QString &sql, qint64 id);

    Database &m_database;
};

} // namespace Cairn
