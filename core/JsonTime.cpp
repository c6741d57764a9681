#include "JsonTime.h"

#include <QDateTime>

namespace Cairn {

QJsonValue isoTimestamp(std::optional<qint64> milliseconds)
{
    if (!milliseconds)
        return QJsonValue::Null;
    return QDateTime::fromMSecsSinceEpoch(*milliseconds, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace Cairn
