#include "TemplateOperations.h"

#include "TemplateBudget.h"
#include "TemplateFailure.h"

#include <cmath>

namespace Cairn::TemplateOperations {

namespace {

using Type = TemplateValue::Type;

[[noreturn]] void unsupported(const QString &op, const TemplateValue &left,
                              const TemplateValue &right, int line)
{
    throw TemplateFailure{line, QStringLiteral("unsupported operand type(s) for %1: '%2' and '%3'")
                                    .arg(op, left.typeName(), right.typeName())};
}

[[noreturn]] void tooLarge(int line)
{
    throw TemplateFailure{line, QStringLiteral("The value grows beyond the template's limits.")};
}

qint64 checkedInteger(bool overflowed, qint64 value, int line)
{
    if (overflowed)
        throw TemplateFailure{line, QStringLiteral("The number is too large.")};
    return value;
}

TemplateValue floatOf(double value, int line)
{
    if (std::isinf(value))
        throw TemplateFailure{line, QStringLiteral("The number is too large.")};
    return TemplateValue::number(value);
}

TemplateValue repeated(const TemplateValue &sequence, qint64 times, int line)
{
    times = qMax<qint64>(0, times);
    if (times == 0 ||
        (sequence.type() == Type::String ? sequence.text().isEmpty() : sequence.items().isEmpty()))
        return sequence.type() == Type::String ? TemplateValue::string({})
                                               : TemplateValue::list({});
    if (sequence.type() == Type::String) {
        if (times > 0 && sequence.text().size() > MaxText / times)
            tooLarge(line);
        return TemplateValue::string(sequence.text().repeated(times));
    }
    if (sequence.weight() > MaxItems / times)
        tooLarge(line);
    QList<TemplateValue> items;
    for (qint64 i = 0; i < times; ++i)
        items += sequence.items();
    return TemplateValue::list(items);
}

bool isSequence(const TemplateValue &value)
{
    return value.type() == Type::String || value.type() == Type::List;
}

// Python's integer // and %: the quotient rounds down and the remainder takes the divisor's sign.
qint64 floorDivide(qint64 a, qint64 b, int line)
{
    if (b == -1)
        return checkedInteger(a == std::numeric_limits<qint64>::min(), -a, line);
    qint64 quotient = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --quotient;
    return quotient;
}

TemplateValue arithmetic(const QString &op, const TemplateValue &left, const TemplateValue &right,
                         int line)
{
    const bool integers = left.isIntegral() && right.isIntegral();
    const qint64 a = left.toInteger();
    const qint64 b = right.toInteger();
    const double x = left.toDouble();
    const double y = right.toDouble();
    if (op == u"+" || op == u"-" || op == u"*") {
        if (!integers) {
            const double result = op == u"+" ? x + y : op == u"-" ? x - y : x * y;
            return floatOf(result, line);
        }
        qint64 out = 0;
        const bool overflowed = op == u"+"   ? __builtin_add_overflow(a, b, &out)
                                : op == u"-" ? __builtin_sub_overflow(a, b, &out)
                                             : __builtin_mul_overflow(a, b, &out);
        return TemplateValue::integer(checkedInteger(overflowed, out, line));
    }
    if (y == 0 && op != u"**")
        throw TemplateFailure{line, integers && op != u"/"
                                        ? QStringLiteral("integer division or modulo by zero")
                                        : QStringLiteral("division by zero")};
    if (op == u"/")
        return floatOf(x / y, line);
    if (op == u"//")
        return integers ? TemplateValue::integer(floorDivide(a, b, line))
                        : floatOf(std::floor(x / y), line);
    if (op == u"%") {
        if (integers) {
            if (b == -1)
                return TemplateValue::integer(0);
            const qint64 rest = a % b;
            return TemplateValue::integer(rest != 0 && ((rest < 0) != (b < 0)) ? rest + b : rest);
        }
        const double rest = std::fmod(x, y);
        return TemplateValue::number(rest != 0 && ((rest < 0) != (y < 0)) ? rest + y : rest);
    }
    // **
    if (integers && b >= 0) {
        qint64 result = 1;
        for (qint64 i = 0; i < b; ++i) {
            if (__builtin_mul_overflow(result, a, &result))
                checkedInteger(true, 0, line);
            if (result == 0 || result == 1)
                break;
        }
        return TemplateValue::integer(a == -1 ? (b % 2 ? -1 : 1) : result);
    }
    if (x == 0 && y < 0)
        throw TemplateFailure{line, QStringLiteral("0.0 cannot be raised to a negative power")};
    return floatOf(std::pow(x, y), line);
}

} // namespace

const TemplateValue &defined(const TemplateValue &value, int line)
{
    if (value.isUndefined() && !value.text().isEmpty())
        throw TemplateFailure{line, QStringLiteral("'%1' is undefined").arg(value.text())};
    return value;
}

TemplateValue binary(const QString &op, const TemplateValue &left, const TemplateValue &right,
                     int line)
{
    defined(left, line);
    defined(right, line);
    if (op == u"~") {
        const QString text = left.toText() + right.toText();
        if (text.size() > MaxText)
            tooLarge(line);
        return TemplateValue::string(text);
    }
    const bool numbers = (left.isNumber() || left.type() == Type::Bool) &&
                         (right.isNumber() || right.type() == Type::Bool);
    if (numbers)
        return arithmetic(op, left, right, line);
    if (op == u"+" && left.type() == right.type() && isSequence(left)) {
        if (left.type() == Type::String) {
            if (left.text().size() + right.text().size() > MaxText)
                tooLarge(line);
            return TemplateValue::string(left.text() + right.text());
        }
        if (left.weight() + right.weight() > MaxItems)
            tooLarge(line);
        return TemplateValue::list(left.items() + right.items());
    }
    if (op == u"*" && isSequence(left) && right.isIntegral())
        return repeated(left, right.toInteger(), line);
    if (op == u"*" && isSequence(right) && left.isIntegral())
        return repeated(right, left.toInteger(), line);
    if (op == u"%" && left.type() == Type::String)
        throw TemplateFailure{line, QStringLiteral("Formatting with % is not supported; use ~ or "
                                                   "the format of the value itself.")};
    unsupported(op, left, right, line);
}

TemplateValue negative(const TemplateValue &value, int line)
{
    defined(value, line);
    if (value.isIntegral()) {
        const qint64 number = value.toInteger();
        return TemplateValue::integer(
            checkedInteger(number == std::numeric_limits<qint64>::min(), -number, line));
    }
    if (value.type() == Type::Float)
        return TemplateValue::number(-value.toDouble());
    throw TemplateFailure{
        line, QStringLiteral("bad operand type for unary -: '%1'").arg(value.typeName())};
}

int order(const TemplateValue &left, const TemplateValue &right, int line)
{
    const bool numbers = (left.isNumber() || left.type() == Type::Bool) &&
                         (right.isNumber() || right.type() == Type::Bool);
    if (numbers) {
        if (left.isIntegral() && right.isIntegral())
            return left.toInteger() < right.toInteger() ? -1 : left.toInteger() > right.toInteger();
        return left.toDouble() < right.toDouble() ? -1 : left.toDouble() > right.toDouble();
    }
    if (left.type() == Type::String && right.type() == Type::String)
        return left.text().compare(right.text()) < 0 ? -1 : left.text() != right.text();
    if (left.type() == Type::List && right.type() == Type::List) {
        const qsizetype common = qMin(left.items().size(), right.items().size());
        TemplateBudget::spend(common);
        for (qsizetype i = 0; i < common; ++i) {
            if (!left.items().at(i).equals(right.items().at(i)))
                return order(left.items().at(i), right.items().at(i), line);
        }
        return left.items().size() < right.items().size()
                   ? -1
                   : left.items().size() > right.items().size();
    }
    throw TemplateFailure{line,
                          QStringLiteral("'<' not supported between instances of '%1' and '%2'")
                              .arg(left.typeName(), right.typeName())};
}

bool compare(const QString &op, const TemplateValue &left, const TemplateValue &right, int line)
{
    defined(left, line);
    defined(right, line);
    if (op == u"==")
        return left.equals(right);
    if (op == u"!=")
        return !left.equals(right);
    if (op == u"in" || op == u"not in") {
        bool found = false;
        if (right.type() == Type::String) {
            if (left.type() != Type::String)
                throw TemplateFailure{line, QStringLiteral("'in <string>' requires string as left "
                                                           "operand, not %1")
                                                .arg(left.typeName())};
            found = right.text().contains(left.text());
        } else if (right.type() == Type::List) {
            for (const TemplateValue &item : right.items())
                found = found || item.equals(left);
        } else if (right.type() == Type::Mapping) {
            found = left.type() == Type::String && right.entries().values.contains(left.text());
        } else {
            throw TemplateFailure{
                line,
                QStringLiteral("argument of type '%1' is not iterable").arg(right.typeName())};
        }
        return op == u"in" ? found : !found;
    }
    const int sign = order(left, right, line);
    if (op == u"<")
        return sign < 0;
    if (op == u"<=")
        return sign <= 0;
    if (op == u">")
        return sign > 0;
    return sign >= 0;
}

TemplateValue member(const TemplateValue &base, const TemplateValue &key, const QString &name)
{
    if (base.type() == Type::Mapping && key.type() == Type::String) {
        const auto found = base.entries().values.constFind(key.text());
        if (found != base.entries().values.cend())
            return found.value();
    } else if ((base.type() == Type::List || base.type() == Type::String) && key.isIntegral()) {
        const qsizetype size = base.type() == Type::List ? base.items().size() : base.text().size();
        qint64 index = key.toInteger();
        if (index < 0)
            index += size;
        if (index >= 0 && index < size)
            return base.type() == Type::List ? base.items().at(index)
                                             : TemplateValue::string(base.text().at(index));
    }
    return TemplateValue::undefined(name);
}

QList<TemplateValue> iterate(const TemplateValue &value, int line)
{
    defined(value, line);
    switch (value.type()) {
    case Type::List:
        return value.items();
    case Type::Mapping: {
        QList<TemplateValue> keys;
        for (const QString &key : value.entries().keys)
            keys << TemplateValue::string(key);
        return keys;
    }
    case Type::String: {
        if (value.text().size() > MaxItems)
            throw TemplateFailure{line, QStringLiteral("A text of more than %1 characters is "
                                                       "not walked character by character.")
                                            .arg(MaxItems)};
        QList<TemplateValue> characters;
        for (const QChar c : value.text())
            characters << TemplateValue::string(QString(c));
        return characters;
    }
    default:
        throw TemplateFailure{line,
                              QStringLiteral("'%1' object is not iterable").arg(value.typeName())};
    }
}

} // namespace Cairn::TemplateOperations
