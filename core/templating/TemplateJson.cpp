#include "TemplateJson.h"

#include "TemplateFailure.h"

#include <algorithm>
#include <cmath>

namespace Cairn::TemplateJson {

namespace {

using Type = TemplateValue::Type;

QString unicodeEscape(char16_t unit)
{
    return QStringLiteral("\\u%1").arg(uint(unit), 4, 16, QLatin1Char('0'));
}

QString quoted(const QString &text)
{
    QString result(u'"');
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'"':
            result += QStringLiteral("\\\"");
            break;
        case u'\\':
            result += QStringLiteral("\\\\");
            break;
        case u'\n':
            result += QStringLiteral("\\n");
            break;
        case u'\r':
            result += QStringLiteral("\\r");
            break;
        case u'\t':
            result += QStringLiteral("\\t");
            break;
        case u'\b':
            result += QStringLiteral("\\b");
            break;
        case u'\f':
            result += QStringLiteral("\\f");
            break;
        case u'<':
        case u'>':
        case u'&':
        case u'\'':
            result += unicodeEscape(c.unicode());
            break;
        default:
            result +=
                c.unicode() < 0x20 || c.unicode() > 0x7f ? unicodeEscape(c.unicode()) : QString(c);
        }
    }
    return result + u'"';
}

void write(const TemplateValue &value, int indent, int depth, QString &out, int line)
{
    if (out.size() > TemplateValue::MaxText)
        throw TemplateFailure{line, QStringLiteral("The JSON is larger than %1 MB.")
                                        .arg(TemplateValue::MaxText / (1024 * 1024))};
    const QString newline = indent >= 0 ? u'\n' + QString(indent * (depth + 1), u' ') : QString();
    const QString closing = indent >= 0 ? u'\n' + QString(indent * depth, u' ') : QString();
    const QString separator = indent >= 0 ? QStringLiteral(",") : QStringLiteral(", ");
    switch (value.type()) {
    case Type::Undefined:
        throw TemplateFailure{line, QStringLiteral("'%1' is undefined").arg(value.text())};
    case Type::None:
        out += QStringLiteral("null");
        return;
    case Type::Bool:
        out += value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        return;
    case Type::Integer:
        out += QString::number(value.toInteger());
        return;
    case Type::Float: {
        const double number = value.toDouble();
        if (std::isnan(number))
            out += QStringLiteral("NaN");
        else if (std::isinf(number))
            out += number < 0 ? QStringLiteral("-Infinity") : QStringLiteral("Infinity");
        else
            out += value.repr();
        return;
    }
    case Type::String:
        out += quoted(value.text());
        return;
    case Type::List: {
        if (value.items().isEmpty()) {
            out += QStringLiteral("[]");
            return;
        }
        out += u'[';
        bool first = true;
        for (const TemplateValue &item : value.items()) {
            out += (first ? QString() : separator) + newline;
            first = false;
            write(item, indent, depth + 1, out, line);
        }
        out += closing + u']';
        return;
    }
    case Type::Mapping: {
        if (value.entries().keys.isEmpty()) {
            out += QStringLiteral("{}");
            return;
        }
        QStringList keys = value.entries().keys;
        std::sort(keys.begin(), keys.end());
        out += u'{';
        bool first = true;
        for (const QString &key : keys) {
            out += (first ? QString() : separator) + newline + quoted(key) + QStringLiteral(": ");
            first = false;
            write(value.entries().values.value(key), indent, depth + 1, out, line);
        }
        out += closing + u'}';
        return;
    }
    }
}

} // namespace

QString htmlSafe(const TemplateValue &value, int indent, int line)
{
    QString out;
    write(value, indent, 0, out, line);
    return out;
}

} // namespace Cairn::TemplateJson
