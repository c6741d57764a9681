#pragma once

#include "Result.h"
#include "User.h"

#include <QList>
#include <optional>

namespace Cairn {

class Database;

class UserRepository
{
public:
    explicit UserRepository(Database &database)
        : m_database(database)
    {
    }

    Result<qint64> insert(const StoredUser &user);
    Result<std::optional<StoredUser>> findById(qint64 id);
    Result<std::optional<StoredUser>> findByUsername(const QString &username);
    Result<std::optional<StoredUser>> findByEmail(const QString &email);
    Result<QList<User>> list();
    Result<void> remove(qint64 id);
    Result<void> updatePassword(qint64 id, const QString &passwordHash, qint64 changedAt);
    Result<void> updateSecretKey(qint64 id, const QString &secretKeySealed, qint64 changedAt);

private:
    Result<std::optional<StoredUser>> findOne(const QString &column, const QVariant &value);

    Database &m_database;
};

} // namespace Cairn
