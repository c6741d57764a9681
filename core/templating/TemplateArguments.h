#pragma once

#include "TemplateValue.h"

#include <QHash>
#include <QList>

namespace Cairn {

// The arguments of a filter, test, method or function call, as Python binds them: by position
// or by keyword.
struct TemplateArguments
{
    QList<TemplateValue> positional;
    QHash<QString, TemplateValue> keywords;
    int line = 1;

    // The argument at `index` or named `name`, else `fallback`.
    TemplateValue value(int index, const QString &name, const TemplateValue &fallback = {}) const
    {
        if (index >= 0 && index < positional.size())
            return positional.at(index);
        return keywords.value(name, fallback);
    }
    bool has(int index, const QString &name) const
    {
        return (index >= 0 && index < positional.size()) || keywords.contains(name);
    }
};

} // namespace Cairn
