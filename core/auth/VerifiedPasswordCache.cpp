#include "VerifiedPasswordCache.h"

#include "Sodium.h"

#include <QDateTime>
#include <sodium.h>

namespace Cairn {

namespace {
constexpr qint64 LifetimeMs = 5 * 60 * 1000;
constexpr qsizetype MaxEntries = 4096;
} // namespace

VerifiedPasswordCache::VerifiedPasswordCache()
    : m_key(Sodium::randomBytes(crypto_generichash_KEYBYTES))
{
}

QByteArray VerifiedPasswordCache::keyFor(qint64 userId, const QString &storedHash,
                                         const QString &password) const
{
    const QByteArray material =
        QByteArray::number(userId) + '\0' + storedHash.toUtf8() + '\0' + password.toUtf8();
    QByteArray digest(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(
        reinterpret_cast<unsigned char *>(digest.data()), size_t(digest.size()),
        reinterpret_cast<const unsigned char *>(material.constData()), quint64(material.size()),
        reinterpret_cast<const unsigned char *>(m_key.constData()), size_t(m_key.size()));
    return digest;
}

bool VerifiedPasswordCache::contains(qint64 userId, const QString &storedHash,
                                     const QString &password)
{
    const QByteArray key = keyFor(userId, storedHash, password);
    const QMutexLocker lock(&m_mutex);
    const auto found = m_expiry.constFind(key);
    return found != m_expiry.cend() && found.value() > QDateTime::currentMSecsSinceEpoch();
}

void VerifiedPasswordCache::insert(qint64 userId, const QString &storedHash,
                                   const QString &password)
{
    const QByteArray key = keyFor(userId, storedHash, password);
    const QMutexLocker lock(&m_mutex);
    if (m_expiry.size() >= MaxEntries)
        m_expiry.clear(); // rare; a miss only costs one more hash
    m_expiry.insert(key, QDateTime::currentMSecsSinceEpoch() + LifetimeMs);
}

} // namespace Cairn
