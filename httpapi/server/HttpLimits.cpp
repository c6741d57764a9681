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

qint64 HttpLimits::maxUnreadBytes() const
{
    qsizetype largestBody = maxBodyBytes;
    for (const BodyLimit &limit : bodyLimits)
        largestBody = qMax(largestBody, limit.maxBodyBytes);
    return maxHeaderBytes + largestBody + 64 * 1024;
}

} // namespace Cairn
