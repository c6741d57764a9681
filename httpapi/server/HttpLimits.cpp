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

} // namespace Cairn
