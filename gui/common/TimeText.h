#pragma once

#include <QString>
#include <optional>

namespace Cairn {

// A moment as the operator's locale writes it briefly. The core keeps most times in
// milliseconds since the epoch (the change log in seconds, as NSoT shows it).
class TimeText
{
public:
    static QString ofMilliseconds(qint64 milliseconds);
    static QString ofSeconds(qint64 seconds);
    // `none` when there is no time (a token that never expires).
    static QString ofMilliseconds(std::optional<qint64> milliseconds, const QString &none);
};

} // namespace Cairn
