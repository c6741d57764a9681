#include "FileDigests.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>

namespace Cairn {

namespace {
// Far more files than a data root serves; past it the cache starts over.
constexpr qsizetype MaxDigests = 10000;
} // namespace

Result<QJsonObject> FileDigests::of(const QString &path)
{
    const QFileInfo info(path);
    const qint64 size = info.size();
    const qint64 modifiedAt = info.lastModified().toMSecsSinceEpoch();
    const auto answer = [size](const QString &sha1) {
        return QJsonObject{{QStringLiteral("sha1"), sha1}, {QStringLiteral("size"), size}};
    };
    {
        const QMutexLocker locker(&m_lock);
        const auto known = m_digests.constFind(path);
        if (known != m_digests.constEnd() && known->size == size && known->modifiedAt == modifiedAt)
            return answer(known->sha1);
    }
    QFile file(path);
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    if (!file.open(QIODevice::ReadOnly) || !sha1.addData(&file) || file.size() != size)
        return Error::notFound(QStringLiteral("Cannot read %1.").arg(info.fileName()));
    const QString digest = QString::fromLatin1(sha1.result().toHex());
    const QMutexLocker locker(&m_lock);
    if (m_digests.size() >= MaxDigests)
        m_digests.clear();
    m_digests.insert(path, {size, modifiedAt, digest});
    return answer(digest);
}

} // namespace Cairn
