#pragma once

#include "TemplateValue.h"

namespace Cairn::TemplateJson {

// Jinja2's `tojson`: Python's json.dumps with sorted keys and ASCII output (`indent` < 0 for
// one line), then <, >, & and ' written as \u escapes so the text is safe inside HTML.
QString htmlSafe(const TemplateValue &value, int indent, int line);

} // namespace Cairn::TemplateJson
