#include "FunctionCall.h"

#include <QRegularExpression>

namespace Cairn {

namespace {

const QString Call = QStringLiteral("^(\\w+)\\((?:'([^']*)'|\"([^\"]*)\")\\)");

std::optional<FunctionCall> callIn(const QRegularExpression &syntax, const QString &text)
{
    const QRegularExpressionMatch match = syntax.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    return FunctionCall{match.captured(1),
                        match.captured(2).isNull() ? match.captured(3) : match.captured(2)};
}

} // namespace

std::optional<FunctionCall> FunctionCall::whole(const QString &text)
{
    static const QRegularExpression syntax(Call + QLatin1Char('$'));
    return callIn(syntax, text);
}

std::optional<FunctionCall> FunctionCall::prefix(const QString &text)
{
    static const QRegularExpression syntax(Call);
    return callIn(syntax, text);
}

} // namespace Cairn
