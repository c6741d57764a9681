#pragma once

#include "TemplateArguments.h"
#include "TemplateValue.h"

namespace Cairn::TemplateMethods {

// The Python methods templates call on values (text.split(), mapping.items(), mapping.get()...)
// and the global functions (range, dict), with Python's results. Each throws TemplateFailure
// at `arguments.line` when the value has no such method or the arguments do not fit.
TemplateValue call(const TemplateValue &self, const QString &method,
                   const TemplateArguments &arguments);
bool isFunction(const QString &name);
TemplateValue function(const QString &name, const TemplateArguments &arguments);

// The most items range() may make.
constexpr qint64 MaxRange = 100000;

} // namespace Cairn::TemplateMethods
