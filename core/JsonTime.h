#pragma once

#include <QJsonValue>
#include <optional>

namespace Cairn {

// A stored timestamp (milliseconds since the epoch) as ISO 8601 UTC in JSON; null when unset.
QJsonValue isoTimestamp(std::optional<qint64> milliseconds);

} // namespace Cairn
