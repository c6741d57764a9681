#pragma once

#include "TemplateArguments.h"
#include "TemplateValue.h"

namespace Cairn::TemplateFilters {

// Jinja2's built-in filters and tests that make sense for configuration text (no HTML
// helpers beyond escape), with Jinja's arguments and results. Each throws TemplateFailure at
// `arguments.line` on values it cannot take.

bool hasFilter(const QString &name);
bool hasTest(const QString &name);
TemplateValue filter(const QString &name, const TemplateValue &input,
                     const TemplateArguments &arguments);
bool test(const QString &name, const TemplateValue &input, const TemplateArguments &arguments);

} // namespace Cairn::TemplateFilters
