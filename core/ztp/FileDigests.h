#pragma once

#include "Result.h"

#include <QHash>
#include <QJsonObject>
#include <QMutex>

namespace Cairn {

// sha1 and size of served files (/meta), each file hashed once while its size and
// modification time stay the same: a rack of switches asking for the digest of one 1 GB
// image must not read it a rack of times.
class FileDigests
{
public:
    // {"sha1": hex, "size": bytes}; NotFound when it cannot be read.
    Result<QJsonObject> of(const QString &path);

private:
    struct Digest
    {
        qint64 size = 0;
        qint64 modifiedAt = 0;
        QString sha1;
    };

    QMutex m_lock;
    QHash<QString, Digest> m_digests;
};

} // namespace Cairn
