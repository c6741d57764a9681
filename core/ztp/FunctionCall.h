#pragma once

#include <QString>
#include <optional>

namespace Cairn {

// ZTPServer's function syntax, `name('argument')` or `name("argument")`: matchers in the
// neighbordb (the whole value) and resource functions in definitions (the value's start).
struct FunctionCall
{
    QString name;
    QString argument;

    static std::optional<FunctionCall> whole(const QString &text);
    static std::optional<FunctionCall> prefix(const QString &text);
};

} // namespace Cairn
