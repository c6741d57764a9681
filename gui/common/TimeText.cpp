#include "TimeText.h"

#include <QDateTime>
#include <QLocale>

namespace Cairn {

QString TimeText::ofMilliseconds(qint64 milliseconds)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(milliseconds), QLocale::ShortFormat);
}

QString TimeText::ofSeconds(qint64 seconds)
{
    return ofMilliseconds(seconds * 1000);
}

QString TimeText::ofMilliseconds(std::optional<qint64> milliseconds, const QString &none)
{
    return milliseconds ? ofMilliseconds(*milliseconds) : none;
}

} // namespace Cairn
