#pragma once

#include "Result.h"

#include <QRegularExpression>
#include <QString>

namespace Cairn {

// One device or port test of a neighbordb interface pattern: the keywords any and none, a
// plain string (exact), or exact('s'), regex('r') (anchored at the start only, as Python's
// re.match), includes('s'), excludes('s').
class ValueMatcher
{
public:
    enum class Kind
    {
        Any,
        None,
        Exact,
        Regex,
        Includes,
        Excludes,
    };

    // An unknown function or a regex that does not compile is an error.
    static Result<ValueMatcher> compile(const QString &token);

    Kind kind() const { return m_kind; }
    bool matches(const QString &value) const;

private:
    Kind m_kind = Kind::Any;
    QString m_argument;
    QRegularExpression m_regex;
};

} // namespace Cairn
