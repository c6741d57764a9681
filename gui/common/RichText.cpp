#include "RichText.h"

namespace Cairn {

QString RichText::plain(const QString &text)
{
    if (text.isEmpty())
        return {};
    return QStringLiteral("<p>") +
           text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")) +
           QStringLiteral("</p>");
}

} // namespace Cairn
