#include "GroupService.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

namespace Cairn {

QJsonObject Group::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("description"), description}};
}

Result<Group> GroupService::create(const QString &name, const QString &description)
{
    if (name.trimmed().isEmpty())
        return Error::invalidField(QStringLiteral("name"),
                                   QStringLiteral("This field is required."));
    const Result<QVariant> id = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("INSERT INTO user_groups (name, description) VALUES (?, ?) RETURNING id"),
        {name.trimmed(), description});
    if (!id)
        return id.error();
    return Group{id->toLongLong(), name.trimmed(), description};
}

Result<QList<Group>> GroupService::list()
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT id, name, description FROM user_groups ORDER BY name"));
    if (!query)
        return query.error();
    QList<Group> groups;
    while (query->next())
        groups << Group{query->value(0).toLongLong(), query->value(1).toString(),
                        query->value(2).toString()};
    return groups;
}

Result<void> GroupService::addMember(qint64 groupId, qint64 userId)
{
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("INSERT INTO group_members (group_id, user_id) VALUES (?, ?) "
                       "ON CONFLICT DO NOTHING"),
        {groupId, userId});
}

Result<void> GroupService::removeMember(qint64 groupId, qint64 userId)
{
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("DELETE FROM group_members WHERE group_id = ? AND user_id = ?"),
        {groupId, userId});
}

Result<Group> GroupService::one(const QString &column, const QVariant &value)
{
    // `column` is one of ours (name or id), never caller input.
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT id, name, description FROM user_groups WHERE %1 = ?").arg(column),
        {value});
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(QStringLiteral("No group %1.").arg(value.toString()));
    return Group{query->value(0).toLongLong(), query->value(1).toString(),
                 query->value(2).toString()};
}

Result<Group> GroupService::byName(const QString &name)
{
    return one(QStringLiteral("name"), name);
}

Result<Group> GroupService::byId(qint64 id)
{
    return one(QStringLiteral("id"), id);
}

Result<void> GroupService::remove(qint64 id)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("DELETE FROM user_groups WHERE id = ?"), {id});
}

Result<QStringList> GroupService::names(const QString &sql, qint64 id)
{
    Result<QSqlQuery> query = SqlQuery::run(m_database.connection(), sql, {id});
    if (!query)
        return query.error();
    QStringList names;
    while (query->next())
        names << query->value(0).toString();
    return names;
}

Result<QStringList> GroupService::namesOf(qint64 userId)
{
    return names(QStringLiteral("SELECT g.name FROM user_groups g JOIN group_members m ON "
                                "m.group_id = g.id WHERE m.user_id = ? ORDER BY g.name"),
                 userId);
}

Result<QStringList> GroupService::memberNames(qint64 groupId)
{
    return names(QStringLiteral("SELECT u.username FROM users u JOIN group_members m ON m.user_id "
                                "= u.id WHERE m.group_id = ? ORDER BY u.username"),
                 groupId);
}

} // namespace Cairn
