#include "TemplateValue.h"

#include "TemplateBudget.h"
#include "TemplateFailure.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <cmath>

namespace Cairn {

namespace {

// Python's repr() of a float: the shortest text that reads back the same, fixed between 1e-4
// and 1e16 (always with a decimal point), else with an exponent of at least two digits.
QString pythonFloat(double value)
{
    if (std::isnan(value))
        return QStringLiteral("nan");
    if (std::isinf(value))
        return value < 0 ? QStringLiteral("-inf") : QStringLiteral("inf");
    const QString scientific = QString::number(value, 'e', QLocale::FloatingPointShortest);
    const qsizetype mark = scientific.indexOf(QLatin1Char('e'));
    QString digits = scientific.left(mark);
    const int exponent = scientific.mid(mark + 1).toInt();
    // -0.0 keeps its sign, as in Python.
    const bool negative = std::signbit(value);
    if (digits.startsWith(QLatin1Char('-')))
        digits.remove(0, 1);
    digits.remove(QLatin1Char('.'));
    QString text;
    if (exponent >= -4 && exponent < 16) {
        if (exponent >= 0) {
            const QString whole = digits.left(exponent + 1).leftJustified(exponent + 1, u'0');
            const QString fraction = digits.mid(exponent + 1);
            text = whole + QLatin1Char('.') + (fraction.isEmpty() ? QStringLiteral("0") : fraction);
        } else {
            text = QStringLiteral("0.") + QString(-exponent - 1, u'0') + digits;
        }
    } else {
        text = digits.left(1);
        if (digits.size() > 1)
            text += QLatin1Char('.') + digits.mid(1);
        text += QStringLiteral("e%1%2")
                    .arg(QChar(exponent < 0 ? u'-' : u'+'))
                    .arg(std::abs(exponent), 2, 10, QLatin1Char('0'));
    }
    return negative ? QLatin1Char('-') + text : text;
}

// Python's repr() of a string: single quotes unless the text holds one and no double quote.
QString pythonString(const QString &value)
{
    const QChar quote = value.contains(u'\'') && !value.contains(u'"') ? u'"' : u'\'';
    QString text(quote);
    for (const QChar c : value) {
        if (c == u'\\' || c == quote)
            text += QLatin1Char('\\') + c;
        else if (c == u'\n')
            text += QStringLiteral("\\n");
        else if (c == u'\r')
            text += QStringLiteral("\\r");
        else if (c == u'\t')
            text += QStringLiteral("\\t");
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            text += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            text += c;
    }
    return text + quote;
}

// Every list and mapping a render builds, by whatever operator, filter or method, stays within
// what a value may hold: shared items count as often as they appear, so [a, a] forty times
// over, or batch and dict repeating one big value, end here.
void checkBounds(qint64 weight, int depth)
{
    if (TemplateBudget::inRender() &&
        (weight > TemplateValue::MaxWeight || depth > TemplateValue::MaxDepth))
        throw TemplateFailure{0, QStringLiteral("A value holds more than %1 items or %2 levels.")
                                     .arg(TemplateValue::MaxWeight)
                                     .arg(TemplateValue::MaxDepth)};
}

} // namespace

TemplateValue TemplateValue::undefined(const QString &name)
{
    TemplateValue value;
    value.m_text = name;
    return value;
}

TemplateValue TemplateValue::none()
{
    TemplateValue value;
    value.m_type = Type::None;
    return value;
}

TemplateValue TemplateValue::boolean(bool flag)
{
    TemplateValue value;
    value.m_type = Type::Bool;
    value.m_bool = flag;
    return value;
}

TemplateValue TemplateValue::integer(qint64 number)
{
    TemplateValue value;
    value.m_type = Type::Integer;
    value.m_integer = number;
    return value;
}

TemplateValue TemplateValue::number(double number)
{
    TemplateValue value;
    value.m_type = Type::Float;
    value.m_float = number;
    return value;
}

TemplateValue TemplateValue::string(const QString &text)
{
    TemplateBudget::spend(text.size() + 1);
    TemplateValue value;
    value.m_type = Type::String;
    value.m_text = text;
    return value;
}

TemplateValue TemplateValue::list(QList<TemplateValue> items)
{
    TemplateBudget::spend(items.size() + 1);
    TemplateValue value;
    value.m_type = Type::List;
    for (const TemplateValue &item : std::as_const(items)) {
        value.m_weight = qMin(value.m_weight + item.m_weight, MaxWeight * 2);
        value.m_depth = qMax(value.m_depth, item.m_depth + 1);
    }
    checkBounds(value.m_weight, value.m_depth);
    value.m_list = std::make_shared<const QList<TemplateValue>>(std::move(items));
    return value;
}

TemplateValue TemplateValue::tuple(QList<TemplateValue> items)
{
    TemplateValue value = list(std::move(items));
    value.m_tuple = true;
    return value;
}

TemplateValue TemplateValue::mapping(Mapping entries)
{
    TemplateBudget::spend(entries.keys.size() + 1);
    TemplateValue value;
    value.m_type = Type::Mapping;
    for (const TemplateValue &item : std::as_const(entries.values)) {
        value.m_weight = qMin(value.m_weight + item.m_weight, MaxWeight * 2);
        value.m_depth = qMax(value.m_depth, item.m_depth + 1);
    }
    checkBounds(value.m_weight, value.m_depth);
    value.m_mapping = std::make_shared<const Mapping>(std::move(entries));
    return value;
}

TemplateValue TemplateValue::fromJson(const QJsonValue &json)
{
    switch (json.type()) {
    case QJsonValue::Null:
        return none();
    case QJsonValue::Bool:
        return boolean(json.toBool());
    case QJsonValue::Double: {
        // JSON keeps whole numbers apart from fractions (3 vs 3.0), as Python's json module does.
        const QVariant variant = json.toVariant();
        if (variant.typeId() == QMetaType::LongLong)
            return integer(variant.toLongLong());
        return number(json.toDouble());
    }
    case QJsonValue::String:
        return string(json.toString());
    case QJsonValue::Array: {
        QList<TemplateValue> items;
        const QJsonArray array = json.toArray();
        items.reserve(array.size());
        for (const QJsonValue item : array)
            items << fromJson(item);
        return list(std::move(items));
    }
    case QJsonValue::Object: {
        Mapping entries;
        const QJsonObject object = json.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            entries.keys << it.key();
            entries.values.insert(it.key(), fromJson(it.value()));
        }
        return mapping(std::move(entries));
    }
    case QJsonValue::Undefined:
        break;
    }
    return undefined(QString());
}

double TemplateValue::toDouble() const
{
    return m_type == Type::Float ? m_float : double(toInteger());
}

const QList<TemplateValue> &TemplateValue::items() const
{
    static const QList<TemplateValue> empty;
    return m_list ? *m_list : empty;
}

const TemplateValue::Mapping &TemplateValue::entries() const
{
    static const Mapping empty;
    return m_mapping ? *m_mapping : empty;
}

bool TemplateValue::truthy() const
{
    switch (m_type) {
    case Type::Undefined:
    case Type::None:
        return false;
    case Type::Bool:
        return m_bool;
    case Type::Integer:
        return m_integer != 0;
    case Type::Float:
        return m_float != 0;
    case Type::String:
        return !m_text.isEmpty();
    case Type::List:
        return !items().isEmpty();
    case Type::Mapping:
        return !entries().keys.isEmpty();
    }
    return false;
}

QString TemplateValue::toText() const
{
    if (m_type == Type::String)
        return m_text;
    return repr();
}

QString TemplateValue::repr() const
{
    QString out;
    appendRepr(out);
    return out;
}

void TemplateValue::appendRepr(QString &out) const
{
    if (out.size() > MaxText)
        throw TemplateFailure{
            0, QStringLiteral("A value prints as more than %1 MB.").arg(MaxText / (1024 * 1024))};
    switch (m_type) {
    case Type::Undefined:
        return;
    case Type::None:
        out += QStringLiteral("None");
        return;
    case Type::Bool:
        out += m_bool ? QStringLiteral("True") : QStringLiteral("False");
        return;
    case Type::Integer:
        out += QString::number(m_integer);
        return;
    case Type::Float:
        out += pythonFloat(m_float);
        return;
    case Type::String:
        out += pythonString(m_text);
        return;
    case Type::List: {
        out += m_tuple ? u'(' : u'[';
        bool first = true;
        for (const TemplateValue &item : items()) {
            if (!first)
                out += QStringLiteral(", ");
            first = false;
            item.appendRepr(out);
        }
        if (m_tuple && items().size() == 1)
            out += u',';
        out += m_tuple ? u')' : u']';
        return;
    }
    case Type::Mapping: {
        out += u'{';
        bool first = true;
        for (const QString &key : entries().keys) {
            if (!first)
                out += QStringLiteral(", ");
            first = false;
            out += pythonString(key) + QStringLiteral(": ");
            entries().values.value(key).appendRepr(out);
        }
        out += u'}';
        return;
    }
    }
}

bool TemplateValue::equals(const TemplateValue &other) const
{
    if (isNumber() || m_type == Type::Bool) {
        if (!other.isNumber() && other.m_type != Type::Bool)
            return false;
        if (isIntegral() && other.isIntegral())
            return toInteger() == other.toInteger();
        return toDouble() == other.toDouble();
    }
    if (m_type != other.m_type)
        return false;
    switch (m_type) {
    case Type::String:
        return m_text == other.m_text;
    case Type::List: {
        if (items().size() != other.items().size())
            return false;
        TemplateBudget::spend(items().size());
        for (qsizetype i = 0; i < items().size(); ++i) {
            if (!items().at(i).equals(other.items().at(i)))
                return false;
        }
        return true;
    }
    case Type::Mapping: {
        if (entries().keys.size() != other.entries().keys.size())
            return false;
        TemplateBudget::spend(entries().keys.size());
        for (const QString &key : entries().keys) {
            const auto found = other.entries().values.constFind(key);
            if (found == other.entries().values.cend() ||
                !entries().values.value(key).equals(found.value()))
                return false;
        }
        return true;
    }
    default:
        return true;
    }
}

QJsonValue TemplateValue::toJson() const
{
    switch (m_type) {
    case Type::Undefined:
        return QJsonValue(QJsonValue::Undefined);
    case Type::None:
        return QJsonValue(QJsonValue::Null);
    case Type::Bool:
        return m_bool;
    case Type::Integer:
        return m_integer;
    case Type::Float:
        return m_float;
    case Type::String:
        return m_text;
    case Type::List: {
        TemplateBudget::spend(items().size());
        QJsonArray array;
        for (const TemplateValue &item : items())
            array.append(item.toJson());
        return array;
    }
    case Type::Mapping: {
        TemplateBudget::spend(entries().keys.size());
        QJsonObject object;
        for (const QString &key : entries().keys)
            object.insert(key, entries().values.value(key).toJson());
        return object;
    }
    }
    return {};
}

QString TemplateValue::typeName() const
{
    switch (m_type) {
    case Type::Undefined:
        return QStringLiteral("Undefined");
    case Type::None:
        return QStringLiteral("NoneType");
    case Type::Bool:
        return QStringLiteral("bool");
    case Type::Integer:
        return QStringLiteral("int");
    case Type::Float:
        return QStringLiteral("float");
    case Type::String:
        return QStringLiteral("str");
    case Type::List:
        return QStringLiteral("list");
    case Type::Mapping:
        return QStringLiteral("dict");
    }
    return QString();
}

} // namespace Cairn
