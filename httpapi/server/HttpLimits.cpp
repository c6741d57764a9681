#include "HttpLimits.h"

namespace Cairn {

qsizetype HttpLimits::bodyLimitFor(QByteArrayView method, QByteArrayView target) const
{
    if (bodyLimits.isEmpty())
        return maxBodyBytes;
    const qsizetype query = target.indexOf('?');
    const QString path = QString::fromLatin1(query < 0 ? target : target.first(query));
    for (const BodyLimit &limit : bodyLimits) {
        if (limit.method == method && limit.path.match(path).hasMatch())
            return limit.maxBodyBytes;
    }
    return maxBodyBytes;
}

qint64 HttpLimits::maxRequestBytes() const
{
    qsizetype largestBody = maxBodyBytes;
    for (const BodyLimit &limit : bodyLimits)
        largestBody = qMax(largestBody, limit.maxBodyBytes);
    // Chunk framing: a chunk line and CRLF for every chunk, a quarter for chunks of 40 bytes.
    return maxHeaderBytes + largestBody + largestBody / 4 + 32 * 1024;
}

} // namespace Cairn
