#include "MacAddress.h"

#include <QRegularExpression>

namespace Cairn::MacAddress {

namespace {

constexpr qint64 Largest = (qint64(1) << 48) - 1;

} // namespace

Result<std::optional<qint64>> parse(const QJsonValue &value, const QString &field)
{
    const Error invalid = Error::invalidField(field, QStringLiteral("Enter a valid MAC Address."));
    if (value.isNull())
        return std::optional<qint64>();
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number < 0 || number > double(Largest) || number != double(qint64(number)))
            return invalid;
        return std::optional<qint64>(qint64(number));
    }
    if (!value.isString())
        return invalid;
    const QString text = value.toString().trimmed();
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,15}$"));
    if (digits.match(text).hasMatch()) {
        const qint64 number = text.toLongLong();
        if (number > Largest)
            return invalid;
        return std::optional<qint64>(number);
    }
    static const QRegularExpression spelled(QStringLiteral(
        "^([0-9A-Fa-f]{1,2})([:-])([0-9A-Fa-f]{1,2})\\2([0-9A-Fa-f]{1,2})\\2([0-9A-Fa-f]{1,2})"
        "\\2([0-9A-Fa-f]{1,2})\\2([0-9A-Fa-f]{1,2})$"));
    static const QRegularExpression dotted(
        QStringLiteral("^([0-9A-Fa-f]{4})\\.([0-9A-Fa-f]{4})\\.([0-9A-Fa-f]{4})$"));
    static const QRegularExpression bare(QStringLiteral("^[0-9A-Fa-f]{12}$"));
    QString hex;
    if (const QRegularExpressionMatch match = spelled.match(text); match.hasMatch()) {
        for (int group : {1, 3, 4, 5, 6, 7})
            hex += match.captured(group).rightJustified(2, QLatin1Char('0'));
    } else if (const QRegularExpressionMatch match = dotted.match(text); match.hasMatch()) {
        hex = match.captured(1) + match.captured(2) + match.captured(3);
    } else if (bare.match(text).hasMatch()) {
        hex = text;
    } else {
        return invalid;
    }
    return std::optional<qint64>(hex.toLongLong(nullptr, 16));
}

QString text(qint64 address)
{
    QStringList octets;
    for (int shift = 40; shift >= 0; shift -= 8)
        octets << QStringLiteral("%1")
                      .arg((address >> shift) & 0xff, 2, 16, QLatin1Char('0'))
                      .toUpper();
    return octets.join(QLatin1Char(':'));
}

} // namespace Cairn::MacAddress
