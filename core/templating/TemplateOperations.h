#pragma once

#include "TemplateValue.h"

namespace Cairn::TemplateOperations {

// Python's operators on template values. Each throws TemplateFailure at `line` on types Python
// refuses (with Python's wording), on division by zero, and on integers or texts that would
// grow past the engine's limits.

// + - * / // % ** ~
TemplateValue binary(const QString &op, const TemplateValue &left, const TemplateValue &right,
                     int line);
TemplateValue negative(const TemplateValue &value, int line);
// == != < <= > >= in, not in
bool compare(const QString &op, const TemplateValue &left, const TemplateValue &right, int line);
// Python's ordering for sort, min and max: <0, 0 or >0.
int order(const TemplateValue &left, const TemplateValue &right, int line);
// `value` itself, or a failure naming what it stands for when it is undefined (an Undefined
// without a name passes: Jinja prints the missing else of `a if b` as nothing).
const TemplateValue &defined(const TemplateValue &value, int line);
// `base[key]` and `base.key` alike: a mapping's entry, a list's or text's item (counted from
// the end when negative); an Undefined named `name` when there is none.
TemplateValue member(const TemplateValue &base, const TemplateValue &key, const QString &name);
// The items `for` walks over: a list's items, a mapping's keys, a text's characters.
QList<TemplateValue> iterate(const TemplateValue &value, int line);

// The longest text and list a template may build (its output included), and how many steps one
// render may take.
constexpr qsizetype MaxText = TemplateValue::MaxText;
constexpr qsizetype MaxItems = TemplateValue::MaxWeight;

} // namespace Cairn::TemplateOperations
