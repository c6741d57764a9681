#include "UserRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

namespace Cairn {

namespace {

const QString SelectColumns = QStringLiteral(
    "SELECT id, username, email, is_superuser, is_active, created_at, credentials_changed_at, "
    "password_hash, secret_key_sealed FROM users");

StoredUser storedUserFrom(const QSqlQuery &query)
{
    StoredUser stored;
    stored.user.id = query.value(0).toLongLong();
    stored.user.username = query.value(1).toString();
    stored.user.email = query.value(2).toString();
    stored.user.isSuperuser = query.value(3).toBool();
    stored.user.isActive = query.value(4).toBool();
    stored.user.createdAt = query.value(5).toLongLong();
    stored.user.credentialsChangedAt = query.value(6).toLongLong();
    stored.passwordHash = query.value(7).toString();
    stored.secretKeySealed = query.value(8).toString();
    return stored;
}

QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace

Result<qint64> UserRepository::insert(const StoredUser &stored)
{
    const User &user = stored.user;
    const Result<QVariant> id = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("INSERT INTO users (username, email, password_hash, secret_key_sealed, "
                       "is_superuser, is_active, created_at, credentials_changed_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {user.username, nullIfEmpty(user.email), stored.passwordHash, stored.secretKeySealed,
         user.isSuperuser, user.isActive, user.createdAt, user.credentialsChangedAt});
    if (!id)
        return id.error();
    return id->toLongLong();
}

Result<std::optional<StoredUser>> UserRepository::findById(qint64 id)
{
    return findOne(QStringLiteral("id"), id);
}

Result<std::optional<StoredUser>> UserRepository::findByUsername(const QString &username)
{
    return findOne(QStringLiteral("username"), username);
}

Result<std::optional<StoredUser>> UserRepository::findByEmail(const QString &email)
{
    return findOne(QStringLiteral("email"), email);
}

Result<std::optional<StoredUser>> UserRepository::findOne(const QString &column,
                                                          const QVariant &value)
{
    // `column` is one of this class's own constants, never caller input.
    Result<QSqlQuery> query =
        SqlQuery::run(m_database.connection(),
                      SelectColumns + QStringLiteral(" WHERE %1 = ?").arg(column), {value});
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<StoredUser>();
    return std::optional<StoredUser>(storedUserFrom(query.value()));
}

Result<QList<User>> UserRepository::list()
{
    Result<QSqlQuery> query =
        SqlQuery::run(m_database.connection(), SelectColumns + QStringLiteral(" ORDER BY id"));
    if (!query)
        return query.error();
    QList<User> users;
    while (query->next())
        users << storedUserFrom(query.value()).user;
    return users;
}

Result<void> UserRepository::updatePassword(qint64 id, const QString &passwordHash,
                                            qint64 changedAt)
{
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral(
            "UPDATE users SET password_hash = ?, credentials_changed_at = ? WHERE id = ?"),
        {passwordHash, changedAt, id});
}

Result<void> UserRepository::updateSecretKey(qint64 id, const QString &secretKeySealed,
                                             qint64 changedAt)
{
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral(
            "UPDATE users SET secret_key_sealed = ?, credentials_changed_at = ? WHERE id = ?"),
        {secretKeySealed, changedAt, id});
}

Result<void> UserRepository::remove(qint64 id)
{
    return SqlQuery::exec(m_database.connection(), QStringLiteral("DELETE FROM users WHERE id = ?"),
                          {id});
}

} // namespace Cairn
