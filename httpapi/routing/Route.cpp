#include "Route.h"

namespace Cairn {

Route::Route(RouteSpec spec, RouteHandler handler)
    : m_spec(std::move(spec))
    , m_label(m_spec.method + ' ' + m_spec.path.toUtf8())
    , m_handler(std::move(handler))
{
    for (const QString &part : m_spec.path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        Segment segment;
        if (part.startsWith(QLatin1Char('{')) && part.endsWith(QLatin1Char('}'))) {
            segment.isParameter = true;
            segment.isCatchAll = part.endsWith(QLatin1String("*}"));
            segment.text = part.mid(1, part.size() - (segment.isCatchAll ? 3 : 2));
        } else {
            segment.text = part;
        }
        m_hasCatchAll = m_hasCatchAll || segment.isCatchAll;
        m_segments << segment;
    }
}

std::optional<QHash<QString, QString>> Route::match(const QStringList &segments) const
{
    if (!m_hasCatchAll && m_segments.size() != segments.size())
        return std::nullopt;
    QHash<QString, QString> params;
    qsizetype i = 0;
    for (const Segment &segment : m_segments) {
        if (segment.isCatchAll) {
            // Greedy, but leaves room for the literal segments after it.
            const qsizetype after = m_segments.size() - (&segment - m_segments.constData()) - 1;
            const qsizetype take = segments.size() - i - after;
            if (take < 1)
                return std::nullopt;
            params.insert(segment.text, segments.mid(i, take).join(QLatin1Char('/')));
            i += take;
            continue;
        }
        if (i >= segments.size())
            return std::nullopt;
        if (segment.isParameter)
            params.insert(segment.text, segments.at(i));
        else if (segment.text != segments.at(i))
            return std::nullopt;
        ++i;
    }
    if (i != segments.size())
        return std::nullopt;
    return params;
}

QStringList Route::parameterNames() const
{
    QStringList names;
    for (const Segment &segment : m_segments) {
        if (segment.isParameter)
            names << segment.text;
    }
    return names;
}

} // namespace Cairn
