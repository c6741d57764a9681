#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QJsonValue>

namespace Cairn::ResultValidation {

// Whether a step's result passes the service's validation: `content_match` found in it (as
// text, or as a regular expression with `content_match_regex`), turned around by
// `negative_logic`. No content_match: every result passes. A result that is not text is
// matched in its compact JSON form. A 400 names content_match when its expression is invalid.
Result<bool> passes(const QJsonObject &settings, const QJsonValue &result);

} // namespace Cairn::ResultValidation
