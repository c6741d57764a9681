#include "CredentialSetRepository.h"

#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace Cairn {

namespace {

const QString Columns = QStringLiteral(
    "SELECT id, owner_id, name, description, username, has_password, has_private_key, "
    "has_enable_password, platforms, created_at, last_used_at FROM toolkit_credential_sets");

CredentialSet setFrom(const QSqlQuery &query)
{
    CredentialSet set;
    set.id = query.value(0).toLongLong();
    set.ownerId = query.value(1).toLongLong();
    set.name = query.value(2).toString();
    set.description = query.value(3).toString();
    set.username = query.value(4).toString();
    set.hasPassword = query.value(5).toBool();
    set.hasPrivateKey = query.value(6).toBool();
    set.hasEnablePassword = query.value(7).toBool();
    for (const QJsonValue platform :
         QJsonDocument::fromJson(query.value(8).toString().toUtf8()).array())
        set.platforms << platform.toString();
    set.createdAt = query.value(9).toLongLong();
    set.lastUsedAt = SqlQuery::optionalId(query.value(10));
    return set;
}

Result<CredentialSet> single(Result<QSqlQuery> query)
{
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(QStringLiteral("No such credential set."));
    return setFrom(query.value());
}

} // namespace

Result<QList<CredentialSet>> CredentialSetRepository::list(std::optional<qint64> ownerId, int limit,
                                                           int offset)
{
    Result<QSqlQuery> query = SqlQuery::run(
        m_database.connection(),
        Columns + QStringLiteral(" WHERE (? OR owner_id = ?) ORDER BY name, id LIMIT ? OFFSET ?"),
        {!ownerId.has_value(), ownerId.value_or(0), limit, offset});
    if (!query)
        return query.error();
    QList<CredentialSet> sets;
    while (query->next())
        sets << setFrom(query.value());
    return sets;
}

Result<qint64> CredentialSetRepository::count(std::optional<qint64> ownerId)
{
    const Result<QVariant> total = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("SELECT COUNT(*) FROM toolkit_credential_sets WHERE (? OR owner_id = ?)"),
        {!ownerId.has_value(), ownerId.value_or(0)});
    if (!total)
        return total.error();
    return total->toLongLong();
}

Result<CredentialSet> CredentialSetRepository::find(qint64 id)
{
    return single(
        SqlQuery::run(m_database.connection(), Columns + QStringLiteral(" WHERE id = ?"), {id}));
}

Result<CredentialSet> CredentialSetRepository::findByTokenHash(const QString &tokenHash)
{
    return single(SqlQuery::run(m_database.connection(),
                                Columns + QStringLiteral(" WHERE token_hash = ?"), {tokenHash}));
}

Result<CredentialSet> CredentialSetRepository::findByName(qint64 ownerId, const QString &name)
{
    return single(SqlQuery::run(m_database.connection(),
                                Columns + QStringLiteral(" WHERE owner_id = ? AND name = ?"),
                                {ownerId, name}));
}

Result<qint64> CredentialSetRepository::insert(const CredentialSet &set,
                                               const CredentialSecrets &secrets,
                                               const QString &tokenHash)
{
    const Result<QVariant> id = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("INSERT INTO toolkit_credential_sets (owner_id, name, description, "
                       "username, secrets_sealed, has_password, has_private_key, "
                       "has_enable_password, platforms, token_hash, created_at) VALUES (?, ?, ?, "
                       "?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {set.ownerId, set.name, set.description, set.username, sealed(secrets), set.hasPassword,
         set.hasPrivateKey, set.hasEnablePassword, platformsText(set), tokenHash, set.createdAt});
    if (!id)
        return id.error();
    return id->toLongLong();
}

Result<void> CredentialSetRepository::update(const CredentialSet &set,
                                             const CredentialSecrets &secrets)
{
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("UPDATE toolkit_credential_sets SET name = ?, description = ?, "
                       "username = ?, secrets_sealed = ?, has_password = ?, has_private_key = ?, "
                       "has_enable_password = ?, platforms = ? WHERE id = ?"),
        {set.name, set.description, set.username, sealed(secrets), set.hasPassword,
         set.hasPrivateKey, set.hasEnablePassword, platformsText(set), set.id});
}

QString CredentialSetRepository::sealed(const CredentialSecrets &secrets) const
{
    return m_sealer.seal(QJsonDocument(secrets.toJson()).toJson(QJsonDocument::Compact));
}

QString CredentialSetRepository::platformsText(const CredentialSet &set)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(set.platforms)).toJson(QJsonDocument::Compact));
}

Result<void> CredentialSetRepository::remove(qint64 id)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("DELETE FROM toolkit_credential_sets WHERE id = ?"), {id});
}

Result<CredentialSecrets> CredentialSetRepository::secretsOf(qint64 id)
{
    const Result<QVariant> sealed = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("SELECT secrets_sealed FROM toolkit_credential_sets WHERE id = ?"), {id});
    if (!sealed)
        return sealed.error();
    const Result<QByteArray> opened = m_sealer.open(sealed->toString());
    if (!opened)
        return opened.error();
    return CredentialSecrets::fromJson(QJsonDocument::fromJson(opened.value()).object());
}

Result<QString> CredentialSetRepository::tokenHashOf(qint64 id)
{
    const Result<QVariant> hash = SqlQuery::scalar(
        m_database.connection(),
        QStringLiteral("SELECT token_hash FROM toolkit_credential_sets WHERE id = ?"), {id});
    if (!hash)
        return hash.error();
    return hash->toString();
}

Result<void> CredentialSetRepository::setTokenHash(qint64 id, const QString &tokenHash)
{
    return SqlQuery::exec(m_database.connection(),
                          QStringLiteral("UPDATE toolkit_credential_sets SET token_hash = ? "
                                         "WHERE id = ?"),
                          {tokenHash, id});
}

Result<void> CredentialSetRepository::markUsed(qint64 id)
{
    return SqlQuery::exec(
        m_database.connection(),
        QStringLiteral("UPDATE toolkit_credential_sets SET last_used_at = ? WHERE id = ?"),
        {QDateTime::currentMSecsSinceEpoch(), id});
}

} // namespace Cairn
