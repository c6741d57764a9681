#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

namespace Cairn {

// Remembers, for a few minutes, that a password matched a stored Argon2id hash. Argon2id is
// deliberately slow and memory-hungry; HTTP Basic clients send the password on every request, and
// hashing each one would cap the API at a few dozen requests per second. Entries are keyed by
// a keyed hash of (user, stored hash, password), so a changed password misses the cache and
// the process never holds a password itself.
class VerifiedPasswordCache
{
public:
    VerifiedPasswordCache();

    bool contains(qint64 userId, const QString &storedHash, const QString &password);
    void insert(qint64 userId, const QString &storedHash, const QString &password);

private:
    QByteArray keyFor(qint64 userId, const QString &storedHash, const QString &password) const;

    QByteArray m_key;
    QMutex m_mutex;
    QHash<QByteArray, qint64> m_expiry;
};

} // namespace Cairn
