#include "ValueMatcher.h"

#include "FunctionCall.h"

namespace Cairn {

Result<ValueMatcher> ValueMatcher::compile(const QString &token)
{
    ValueMatcher matcher;
    if (token == u"any")
        return matcher;
    if (token == u"none") {
        matcher.m_kind = Kind::None;
        return matcher;
    }
    const std::optional<FunctionCall> call = FunctionCall::whole(token);
    matcher.m_kind = Kind::Exact;
    matcher.m_argument = token;
    if (!call)
        return matcher;
    const QString &name = call->name;
    matcher.m_argument = call->argument;
    if (name == u"exact")
        return matcher;
    if (name == u"includes")
        matcher.m_kind = Kind::Includes;
    else if (name == u"excludes")
        matcher.m_kind = Kind::Excludes;
    else if (name == u"regex") {
        matcher.m_kind = Kind::Regex;
        matcher.m_regex.setPattern(QStringLiteral("\\A(?:%1)").arg(matcher.m_argument));
        if (!matcher.m_regex.isValid())
            return Error::badRequest(QStringLiteral("regex('%1') does not compile: %2")
                                         .arg(matcher.m_argument, matcher.m_regex.errorString()));
        matcher.m_regex.optimize();
    } else
        return Error::badRequest(QStringLiteral("unknown function %1(); use exact, regex, "
                                                "includes or excludes")
                                     .arg(name));
    return matcher;
}

bool ValueMatcher::matches(const QString &value) const
{
    switch (m_kind) {
    case Kind::Any:
        return true;
    case Kind::None:
        return false;
    case Kind::Exact:
        return value == m_argument;
    case Kind::Regex:
        return m_regex.match(value).hasMatch();
    case Kind::Includes:
        return value.contains(m_argument);
    case Kind::Excludes:
        return !value.contains(m_argument);
    }
    return false;
}

} // namespace Cairn
