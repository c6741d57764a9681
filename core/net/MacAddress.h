#pragma once

#include "Result.h"

#include <QJsonValue>
#include <optional>

namespace Cairn {

// A 48-bit MAC address as a number, read in the usual spellings (00:1c:73:2a:60:62,
// 00-1C-73-2A-60-62, 001c.732a.6062, 001c732a6062, or the number itself) and shown as NSoT
// shows it: upper-case, colon-separated.
namespace MacAddress {

// JSON null stays empty (no address); anything unreadable is an error naming `field`.
Result<std::optional<qint64>> parse(const QJsonValue &value, const QString &field);
QString text(qint64 address);

} // namespace MacAddress
} // namespace Cairn
