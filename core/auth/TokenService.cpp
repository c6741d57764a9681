#include "TokenService.h"

#include "Sodium.h"
#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QDateTime>
#include <mutex>
#include <sodium.h>

namespace Cairn {

namespace {

constexpr int KeyBytes = 20;
constexpr int PrefixLength = 8;
constexpr qint64 LastUsedResolutionMs = 60 * 1000; // at most one write a minute per token
const QString InvalidToken = QStringLiteral("Invalid token.");

ApiToken tokenFrom(const QSqlQuery &query)
{
    ApiToken token;
    token.id = query.value(0).toLongLong();
    token.userId = query.value(1).toLongLong();
    token.keyPrefix = query.value(2).toString();
    token.description = query.value(3).toString();
    token.readOnly = query.value(4).toBool();
    token.createdAt = query.value(5).toLongLong();
    if (!query.value(6).isNull())
        token.expiresAt = query.value(6).toLongLong();
    if (!query.value(7).isNull())
        token.lastUsedAt = query.value(7).toLongLong();
    return token;
}

const QString TokenColumns = QStringLiteral(
    "t.id, t.user_id, t.key_prefix, t.description, t.read_only, t.created_at, t.expires_at, "
    "t.last_used_at");

} // namespace

QString TokenService::hashOf(const QString &key)
{
    Sodium::ensureInitialized();
    const QByteArray material = key.toUtf8();
    QByteArray digest(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(digest.data()), size_t(digest.size()),
                       reinterpret_cast<const unsigned char *>(material.constData()),
                       quint64(material.size()), nullptr, 0);
    return QString::fromLatin1(digest.toHex());
}

Result<IssuedToken> TokenService::create(qint64 userId, std::optional<int> expiresInDays,
                                         bool readOnly, const QString &description)
{
    if (expiresInDays && *expiresInDays <= 0)
        return Error::invalidField(QStringLiteral("expires_days"),
                                   QStringLiteral("Must be a positive number of days."));
    IssuedToken issued;
    issued.key = QString::fromLatin1(Sodium::randomBytes(KeyBytes).toHex());
    ApiToken &token = issued.token;
    token.userId = userId;
    token.keyPrefix = issued.key.left(PrefixLength);
    token.description = description;
    token.readOnly = readOnly;
    token.createdAt = QDateTime::currentMSecsSinceEpoch();
    if (expiresInDays)
        token.expiresAt = token.createdAt + qint64(*expiresInDays) * 24 * 3600 * 1000;
    const Result<QVariant> id = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("INSERT INTO api_tokens (user_id, key_hash, key_prefix, description, "
                       "read_only, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                       "RETURNING id"),
        {userId, hashOf(issued.key), token.keyPrefix, description, readOnly, token.createdAt,
         token.expiresAt ? QVariant(*token.expiresAt) : QVariant(QMetaType::fromType<qint64>())});
    if (!id)
        return id.error();
    token.id = id->toLongLong();
    return issued;
}

Result<IssuedToken> TokenService::issue(const Identity &caller, std::optional<int> expiresInDays,
                                        bool readOnly, const QString &description)
{
    if (caller.readOnly)
        return Error::forbidden(QStringLiteral("A read-only token cannot make tokens."));
    return create(caller.user.id, expiresInDays, readOnly, description);
}

Result<Identity> TokenService::resolve(const QString &key)
{
    const QString hash = hashOf(key);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    {
        const std::shared_lock locker(m_recentLock);
        const auto recent = m_recent.constFind(hash);
        if (recent != m_recent.cend() && now - recent->resolvedAt < RecentMs &&
            (!recent->expiresAt || *recent->expiresAt > now))
            return recent->identity;
    }
    return lookUp(hash);
}

Result<Identity> TokenService::lookUp(const QString &hash)
{
    QSqlDatabase db = m_database.connection();
    Result<QSqlQuery> query = SqlQuery::run(
        db,
        QStringLiteral("SELECT %1, u.username, u.email, u.is_superuser, u.is_active, u.created_at, "
                       "u.credentials_changed_at FROM api_tokens t JOIN users u ON u.id = "
                       "t.user_id WHERE t.key_hash = ?")
            .arg(TokenColumns),
        {hash});
    if (!query)
        return query.error();
    if (!query->next())
        return Error::unauthorized(InvalidToken);
    const ApiToken token = tokenFrom(query.value());
    Identity identity;
    identity.readOnly = token.readOnly;
    User &user = identity.user;
    user.id = token.userId;
    user.username = query->value(8).toString();
    user.email = query->value(9).toString();
    user.isSuperuser = query->value(10).toBool();
    user.isActive = query->value(11).toBool();
    user.createdAt = query->value(12).toLongLong();
    user.credentialsChangedAt = query->value(13).toLongLong();
    // Let go of the read before the write below: SQLite cannot turn a read of an older snapshot
    // into a write, and fails at once (SQLITE_BUSY) when another request wrote since.
    query->finish();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (token.expiresAt && *token.expiresAt <= now)
        return Error::unauthorized(QStringLiteral("Token expired."));
    if (!user.isActive)
        return Error::unauthorized(QStringLiteral("User inactive or deleted."));
    if (!token.lastUsedAt || now - *token.lastUsedAt > LastUsedResolutionMs)
        (void)SqlQuery::exec(db,
                             QStringLiteral("UPDATE api_tokens SET last_used_at = ? WHERE id = ?"),
                             {now, token.id});
    const std::unique_lock locker(m_recentLock);
    if (m_recent.size() > 10000)
        m_recent.clear(); // a flood of distinct keys must not grow memory
    m_recent.insert(hash, Recent{identity, token.expiresAt, now});
    return identity;
}

Result<QList<ApiToken>> TokenService::listForUser(qint64 userId)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("SELECT %1 FROM api_tokens t WHERE t.user_id = ? ORDER BY t.id")
            .arg(TokenColumns),
        {userId});
    if (!query)
        return query.error();
    QList<ApiToken> tokens;
    while (query->next())
        tokens << tokenFrom(query.value());
    return tokens;
}

Result<void> TokenService::remove(qint64 userId, qint64 tokenId)
{
    const Result<QSqlQuery> done = SqlQuery::run(
        m_database.connection(),
        QStringLiteral("DELETE FROM api_tokens WHERE id = ? AND user_id = ?"), {tokenId, userId});
    if (!done)
        return done.error();
    {
        const std::unique_lock locker(m_recentLock);
        m_recent.clear();
    }
    if (done->numRowsAffected() == 0)
        return Error::notFound(QStringLiteral("No such token."));
    return {};
}

} // namespace Cairn
