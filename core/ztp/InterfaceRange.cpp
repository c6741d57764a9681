#include "InterfaceRange.h"

#include <QRegularExpression>

namespace Cairn {

namespace {

constexpr int MaxRangeSize = 4096;

// One item end: an optional kind and 1 to 3 levels of positive numbers.
struct InterfaceName
{
    QString kind;
    QList<int> levels;

    QString canonical() const
    {
        QStringList numbers;
        for (const int level : levels)
            numbers << QString::number(level);
        return kind + numbers.join(QLatin1Char('/'));
    }
};

std::optional<InterfaceName> parseName(const QString &text)
{
    static const QRegularExpression grammar(
        QStringLiteral("^([a-z]*)(\\d+)(?:/(\\d+))?(?:/(\\d+))?$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = grammar.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    InterfaceName name;
    const QString prefix = match.captured(1).toLower();
    if (prefix == u"e" || prefix == u"et" || prefix == u"eth" || prefix == u"ethernet")
        name.kind = QStringLiteral("Ethernet");
    else if (prefix == u"m" || prefix == u"ma" || prefix == u"management")
        name.kind = QStringLiteral("Management");
    else if (!prefix.isEmpty())
        return std::nullopt;
    for (int group = 2; group <= 4; ++group) {
        if (match.captured(group).isEmpty())
            break;
        const int number = match.captured(group).toInt();
        if (number < 1)
            return std::nullopt;
        name.levels << number;
    }
    return name;
}

Error invalid(const QString &spec, const QString &item, const QString &why)
{
    return Error::badRequest(
        QStringLiteral("interface \"%1\": \"%2\" %3").arg(spec, item.trimmed(), why));
}

} // namespace

Result<QStringList> InterfaceRange::expand(const QString &spec)
{
    QStringList names;
    QString previousKind;
    for (const QString &item : spec.split(QLatin1Char(','))) {
        const QStringList ends = item.split(QLatin1Char('-'));
        if (ends.size() > 2)
            return invalid(spec, item, QStringLiteral("has more than one '-'"));
        std::optional<InterfaceName> first = parseName(ends.first());
        if (!first)
            return invalid(spec, item, QStringLiteral("is not an interface name"));
        if (first->kind.isEmpty())
            first->kind = previousKind;
        if (first->kind.isEmpty())
            return invalid(spec, item, QStringLiteral("needs Ethernet or Management before it"));
        previousKind = first->kind;
        if (ends.size() == 1) {
            names << first->canonical();
            continue;
        }
        const std::optional<InterfaceName> last = parseName(ends.last());
        if (!last || (!last->kind.isEmpty() && last->kind != first->kind))
            return invalid(spec, item, QStringLiteral("does not end in an interface name"));
        // Only the last level may vary: Ethernet1/3-1/32, not Ethernet1/1-3.
        if (last->levels.size() != first->levels.size() ||
            last->levels.mid(0, last->levels.size() - 1) !=
                first->levels.mid(0, first->levels.size() - 1))
            return invalid(spec, item, QStringLiteral("is not a range of one level"));
        if (first->levels.last() >= last->levels.last())
            return invalid(spec, item, QStringLiteral("must start below its end"));
        // No switch has more ports; a typo must not expand to millions of names.
        if (last->levels.last() - first->levels.last() >= MaxRangeSize)
            return invalid(spec, item,
                           QStringLiteral("spans more than %1 interfaces").arg(MaxRangeSize));
        InterfaceName name = *first;
        for (int number = first->levels.last(); number <= last->levels.last(); ++number) {
            name.levels.last() = number;
            names << name.canonical();
        }
    }
    names.removeDuplicates();
    return names;
}

} // namespace Cairn
