#include "TemplateFilters.h"

#include "TemplateFailure.h"
#include "TemplateJson.h"
#include "TemplateOperations.h"

#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <functional>

namespace Cairn::TemplateFilters {

namespace {

using Type = TemplateValue::Type;
using Filter = std::function<TemplateValue(const TemplateValue &, const TemplateArguments &)>;
using Test = std::function<bool(const TemplateValue &, const TemplateArguments &)>;

[[noreturn]] void fail(const TemplateArguments &arguments, const QString &message)
{
    throw TemplateFailure{arguments.line, message};
}

QString textOf(const TemplateValue &value, const TemplateArguments &arguments)
{
    return TemplateOperations::defined(value, arguments.line).toText();
}

qint64 integerArgument(const TemplateArguments &arguments, int index, const QString &name,
                       qint64 fallback)
{
    const TemplateValue value = arguments.value(index, name, TemplateValue::integer(fallback));
    if (!value.isIntegral())
        fail(arguments, QStringLiteral("The argument %1 must be a whole number.").arg(name));
    return value.toInteger();
}

// A dotted attribute path ("address.0.prefix") of `value`, as Jinja's `attribute=` reads it.
TemplateValue attributeOf(const TemplateValue &value, const QString &path)
{
    TemplateValue current = value;
    for (const QString &part : path.split(u'.')) {
        bool isIndex = false;
        const qint64 index = part.toLongLong(&isIndex);
        TemplateValue found =
            TemplateOperations::member(current, TemplateValue::string(part), path);
        if (found.isUndefined() && isIndex)
            found = TemplateOperations::member(current, TemplateValue::integer(index), path);
        current = found;
    }
    return current;
}

// The key a sort, unique, min or max compares: the attribute when one is named, lower case
// unless case_sensitive.
std::function<TemplateValue(const TemplateValue &)> keyOf(const TemplateArguments &arguments,
                                                          int caseIndex, int attributeIndex)
{
    const bool caseSensitive =
        arguments.value(caseIndex, QStringLiteral("case_sensitive"), TemplateValue::boolean(false))
            .truthy();
    const TemplateValue attribute =
        arguments.value(attributeIndex, QStringLiteral("attribute"), TemplateValue::none());
    return [caseSensitive, attribute, line = arguments.line](const TemplateValue &item) {
        TemplateValue key = item;
        if (attribute.type() == Type::String)
            key = TemplateOperations::defined(attributeOf(item, attribute.text()), line);
        if (!caseSensitive && key.type() == Type::String)
            return TemplateValue::string(key.text().toLower());
        return key;
    };
}

QList<TemplateValue> sorted(const QList<TemplateValue> &items,
                            const std::function<TemplateValue(const TemplateValue &)> &key,
                            bool reverse, int line)
{
    // Each key worked out once (lower-casing a long text on every comparison would not be).
    QList<QPair<TemplateValue, qsizetype>> keyed;
    keyed.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i)
        keyed.append({key(items.at(i)), i});
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto &a, const auto &b) {
        const int sign = TemplateOperations::order(a.first, b.first, line);
        return reverse ? sign > 0 : sign < 0;
    });
    QList<TemplateValue> result;
    result.reserve(items.size());
    for (const auto &entry : std::as_const(keyed))
        result << items.at(entry.second);
    return result;
}

TemplateValue extreme(const TemplateValue &input, const TemplateArguments &arguments, bool largest)
{
    const QList<TemplateValue> items = TemplateOperations::iterate(input, arguments.line);
    if (items.isEmpty())
        return TemplateValue::undefined(QStringLiteral("the smallest or largest of nothing"));
    const auto key = keyOf(arguments, 0, 1);
    TemplateValue best = items.first();
    for (const TemplateValue &item : items) {
        const int sign = TemplateOperations::order(key(item), key(best), arguments.line);
        if (largest ? sign > 0 : sign < 0)
            best = item;
    }
    return best;
}

// Python's int() of a text in base `base`: spaces around, a sign, underscores between digits.
std::optional<qint64> parseInteger(QString text, int base)
{
    text = text.trimmed();
    static const QRegularExpression Shape(QStringLiteral("^[+-]?[0-9a-zA-Z](_?[0-9a-zA-Z])*$"));
    if (!Shape.match(text).hasMatch())
        return std::nullopt;
    bool ok = false;
    const qint64 value = text.remove(u'_').toLongLong(&ok, base);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

std::optional<double> parseFloat(const TemplateValue &value)
{
    if (value.isNumber() || value.type() == Type::Bool)
        return value.toDouble();
    if (value.type() != Type::String)
        return std::nullopt;
    QString text = value.text().trimmed().toLower();
    if (text.contains(QLatin1String("__")) || text.startsWith(u'_') || text.endsWith(u'_'))
        return std::nullopt;
    text.remove(u'_');
    static const QRegularExpression Words(QStringLiteral("^([+-]?)(inf|infinity|nan)$"));
    const QRegularExpressionMatch word = Words.match(text);
    if (word.hasMatch()) {
        const double magnitude = word.captured(2) == u"nan" ? std::nan("") : INFINITY;
        return word.captured(1) == u"-" ? -magnitude : magnitude;
    }
    static const QRegularExpression Number(
        QStringLiteral("^[+-]?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?$"));
    if (!Number.match(text).hasMatch())
        return std::nullopt;
    return text.toDouble();
}

TemplateValue toInteger(const TemplateValue &input, const TemplateArguments &arguments)
{
    TemplateValue fallback =
        arguments.value(0, QStringLiteral("default"), TemplateValue::integer(0));
    const int base = int(integerArgument(arguments, 1, QStringLiteral("base"), 10));
    if (input.isIntegral())
        return TemplateValue::integer(input.toInteger());
    if (input.type() == Type::String) {
        if (const std::optional<qint64> whole = parseInteger(input.text(), base))
            return TemplateValue::integer(*whole);
    }
    const std::optional<double> number = parseFloat(input);
    if (!number || std::isnan(*number))
        return fallback;
    if (std::isinf(*number) || std::abs(*number) >= 9.2e18)
        fail(arguments, QStringLiteral("The number is too large."));
    return TemplateValue::integer(qint64(std::trunc(*number)));
}

TemplateValue rounded(const TemplateValue &input, const TemplateArguments &arguments)
{
    const qint64 precision = integerArgument(arguments, 0, QStringLiteral("precision"), 0);
    const QString method = textOf(arguments.value(1, QStringLiteral("method"),
                                                  TemplateValue::string(QStringLiteral("common"))),
                                  arguments);
    if (!input.isNumber() && input.type() != Type::Bool)
        fail(arguments, QStringLiteral("round needs a number, not %1.").arg(input.typeName()));
    if (precision < -300 || precision > 300)
        fail(arguments, QStringLiteral("The precision is out of range."));
    const double scale = std::pow(10.0, double(precision));
    if (method == u"ceil" || method == u"floor") {
        const double value = input.toDouble() * scale;
        return TemplateValue::number((method == u"ceil" ? std::ceil(value) : std::floor(value)) /
                                     scale);
    }
    if (method != u"common")
        fail(arguments, QStringLiteral("method must be common, ceil or floor."));
    // Python's round(): ties go to the even neighbour, integers stay integers (to tens,
    // hundreds... with a negative precision).
    if (input.isIntegral()) {
        const qint64 value = input.toInteger();
        if (precision >= 0)
            return TemplateValue::integer(value);
        if (precision < -18)
            return TemplateValue::integer(0);
        qint64 factor = 1;
        for (qint64 i = 0; i < -precision; ++i)
            factor *= 10;
        qint64 quotient = value / factor;
        const qint64 rest = value % factor;
        // |rest| against half the factor: above rounds away from zero, a tie to even.
        const qint64 magnitude = rest < 0 ? -rest : rest;
        const qint64 half = factor / 2;
        if (magnitude > half || (magnitude == half && (quotient % 2) != 0))
            quotient += rest < 0 ? -1 : 1;
        qint64 result = 0;
        if (__builtin_mul_overflow(quotient, factor, &result))
            fail(arguments, QStringLiteral("The number is too large."));
        return TemplateValue::integer(result);
    }
    if (precision == 0)
        return TemplateValue::number(std::nearbyint(input.toDouble()));
    if (precision > 0)
        return TemplateValue::number(
            QString::number(input.toDouble(), 'f', int(precision)).toDouble());
    return TemplateValue::number(std::nearbyint(input.toDouble() * scale) / scale);
}

QString titled(const QString &text)
{
    static const QRegularExpression WordBeginnings(QStringLiteral("([-\\s({\\[<]+)"));
    QString result;
    qsizetype at = 0;
    const auto addWord = [&](const QString &word) {
        if (!word.isEmpty())
            result += word.left(1).toUpper() + word.mid(1).toLower();
    };
    QRegularExpressionMatchIterator separators = WordBeginnings.globalMatch(text);
    while (separators.hasNext()) {
        const QRegularExpressionMatch separator = separators.next();
        addWord(text.mid(at, separator.capturedStart() - at));
        result += separator.captured();
        at = separator.capturedEnd();
    }
    addWord(text.mid(at));
    return result;
}

QString indented(const QString &text, const TemplateArguments &arguments)
{
    const TemplateValue width =
        arguments.value(0, QStringLiteral("width"), TemplateValue::integer(4));
    const QString indention =
        width.type() == Type::String
            ? width.text()
            : QString(int(std::clamp<qint64>(width.toInteger(), 0, 1000)), u' ');
    const bool first = arguments.value(1, QStringLiteral("first")).truthy();
    const bool blank = arguments.value(2, QStringLiteral("blank")).truthy();
    QStringList lines = QString(text + u'\n').split(u'\n');
    lines.removeLast();
    if (text.size() + (lines.size() + 1) * indention.size() > TemplateOperations::MaxText)
        fail(arguments, QStringLiteral("The value grows beyond the template's limits."));
    QString result;
    if (blank) {
        result = lines.join(u'\n' + indention);
    } else {
        result = lines.takeFirst();
        if (!lines.isEmpty()) {
            for (QString &line : lines) {
                if (!line.isEmpty())
                    line.prepend(indention);
            }
            result += u'\n' + lines.join(u'\n');
        }
    }
    return first ? indention + result : result;
}

QString truncated(const QString &text, const TemplateArguments &arguments)
{
    const qint64 length = integerArgument(arguments, 0, QStringLiteral("length"), 255);
    const bool killWords = arguments.value(1, QStringLiteral("killwords")).truthy();
    const QString end = textOf(
        arguments.value(2, QStringLiteral("end"), TemplateValue::string(QStringLiteral("..."))),
        arguments);
    const TemplateValue leewayValue =
        arguments.value(3, QStringLiteral("leeway"), TemplateValue::none());
    const qint64 leeway = leewayValue.isIntegral() ? leewayValue.toInteger() : 5;
    if (length < end.size())
        fail(arguments,
             QStringLiteral("expected length >= %1, got %2").arg(end.size()).arg(length));
    if (leeway < 0)
        fail(arguments, QStringLiteral("expected leeway >= 0, got %1").arg(leeway));
    if (length >= text.size() || text.size() - length <= leeway)
        return text;
    QString kept = text.left(length - end.size());
    if (!killWords) {
        const qsizetype space = kept.lastIndexOf(u' ');
        if (space >= 0)
            kept = kept.left(space);
    }
    return kept + end;
}

QString centered(const QString &text, qint64 width)
{
    const qint64 margin = width - text.size();
    if (margin <= 0)
        return text;
    const qint64 left = margin / 2 + (margin & width & 1);
    return QString(int(left), u' ') + text + QString(int(margin - left), u' ');
}

QString escaped(const QString &text)
{
    QString result;
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            result += QStringLiteral("&amp;");
            break;
        case u'<':
            result += QStringLiteral("&lt;");
            break;
        case u'>':
            result += QStringLiteral("&gt;");
            break;
        case u'"':
            result += QStringLiteral("&#34;");
            break;
        case u'\'':
            result += QStringLiteral("&#39;");
            break;
        default:
            result += c;
        }
    }
    return result;
}

TemplateValue pairsOf(const TemplateValue &mapping)
{
    QList<TemplateValue> pairs;
    for (const QString &key : mapping.entries().keys)
        pairs << TemplateValue::tuple(
            {TemplateValue::string(key), mapping.entries().values.value(key)});
    return TemplateValue::list(pairs);
}

// map, select, reject, selectattr and rejectattr: the test or filter named by the first
// arguments, the rest passed on.
TemplateArguments remainingAfter(const TemplateArguments &arguments, int used)
{
    TemplateArguments rest;
    rest.line = arguments.line;
    rest.positional = arguments.positional.mid(used);
    rest.keywords = arguments.keywords;
    return rest;
}

QList<TemplateValue> selected(const TemplateValue &input, const TemplateArguments &arguments,
                              bool byAttribute, bool keep)
{
    const int testIndex = byAttribute ? 1 : 0;
    QString attribute;
    if (byAttribute)
        attribute = textOf(arguments.value(0, QStringLiteral("attribute")), arguments);
    const bool withTest = arguments.positional.size() > testIndex;
    const QString testName =
        withTest ? textOf(arguments.positional.at(testIndex), arguments) : QString();
    if (withTest && !hasTest(testName))
        fail(arguments, QStringLiteral("No test named '%1'.").arg(testName));
    const TemplateArguments rest = remainingAfter(arguments, testIndex + 1);
    QList<TemplateValue> kept;
    for (const TemplateValue &item : TemplateOperations::iterate(input, arguments.line)) {
        const TemplateValue subject = byAttribute ? attributeOf(item, attribute) : item;
        const bool passes = withTest
                                ? test(testName, subject, rest)
                                : TemplateOperations::defined(subject, arguments.line).truthy();
        if (passes == keep)
            kept << item;
    }
    return kept;
}

TemplateValue mapped(const TemplateValue &input, const TemplateArguments &arguments)
{
    QList<TemplateValue> results;
    const QList<TemplateValue> items = TemplateOperations::iterate(input, arguments.line);
    if (arguments.keywords.contains(QStringLiteral("attribute"))) {
        const QString attribute =
            textOf(arguments.keywords.value(QStringLiteral("attribute")), arguments);
        const auto fallback = arguments.keywords.constFind(QStringLiteral("default"));
        for (const TemplateValue &item : items) {
            const TemplateValue value = attributeOf(item, attribute);
            results << (value.isUndefined() && fallback != arguments.keywords.cend()
                            ? fallback.value()
                            : value);
        }
        return TemplateValue::list(results);
    }
    if (arguments.positional.isEmpty())
        fail(arguments, QStringLiteral("map needs a filter name or attribute=."));
    const QString name = textOf(arguments.positional.first(), arguments);
    if (!hasFilter(name))
        fail(arguments, QStringLiteral("No filter named '%1'.").arg(name));
    const TemplateArguments rest = remainingAfter(arguments, 1);
    for (const TemplateValue &item : items)
        results << filter(name, item, rest);
    return TemplateValue::list(results);
}

TemplateValue batched(const TemplateValue &input, const TemplateArguments &arguments)
{
    const qint64 size = integerArgument(arguments, 0, QStringLiteral("linecount"), 1);
    if (size <= 0 || size > TemplateOperations::MaxItems)
        fail(arguments,
             QStringLiteral("linecount must be from 1 to %1.").arg(TemplateOperations::MaxItems));
    const bool fill = arguments.has(1, QStringLiteral("fill_with"));
    const TemplateValue filler = arguments.value(1, QStringLiteral("fill_with"));
    QList<TemplateValue> batches;
    QList<TemplateValue> batch;
    for (const TemplateValue &item : TemplateOperations::iterate(input, arguments.line)) {
        batch << item;
        if (batch.size() == size) {
            batches << TemplateValue::list(batch);
            batch.clear();
        }
    }
    if (!batch.isEmpty()) {
        while (fill && batch.size() < size)
            batch << filler;
        batches << TemplateValue::list(batch);
    }
    return TemplateValue::list(batches);
}

const QHash<QString, Filter> &filters()
{
    static const QHash<QString, Filter> table = [] {
        QHash<QString, Filter> all;
        const auto text = [](QString (*change)(const QString &)) {
            return [change](const TemplateValue &input, const TemplateArguments &arguments) {
                return TemplateValue::string(change(textOf(input, arguments)));
            };
        };
        all[QStringLiteral("default")] = [](const TemplateValue &input,
                                            const TemplateArguments &arguments) {
            const bool boolean = arguments.value(1, QStringLiteral("boolean")).truthy();
            if (input.isUndefined() || (boolean && !input.truthy()))
                return arguments.value(0, QStringLiteral("default_value"),
                                       TemplateValue::string({}));
            return input;
        };
        all[QStringLiteral("d")] = all.value(QStringLiteral("default"));
        all[QStringLiteral("upper")] = text([](const QString &s) { return s.toUpper(); });
        all[QStringLiteral("lower")] = text([](const QString &s) { return s.toLower(); });
        all[QStringLiteral("capitalize")] = text(
            [](const QString &s) -> QString { return s.left(1).toUpper() + s.mid(1).toLower(); });
        all[QStringLiteral("title")] = text(&titled);
        all[QStringLiteral("string")] = text([](const QString &s) { return s; });
        all[QStringLiteral("safe")] = all.value(QStringLiteral("string"));
        all[QStringLiteral("escape")] = text(&escaped);
        all[QStringLiteral("e")] = all.value(QStringLiteral("escape"));
        all[QStringLiteral("wordcount")] = [](const TemplateValue &input,
                                              const TemplateArguments &arguments) {
            static const QRegularExpression Word(QStringLiteral("\\w+"),
                                                 QRegularExpression::UseUnicodePropertiesOption);
            qint64 count = 0;
            QRegularExpressionMatchIterator words = Word.globalMatch(textOf(input, arguments));
            for (; words.hasNext(); words.next())
                ++count;
            return TemplateValue::integer(count);
        };
        all[QStringLiteral("trim")] = [](const TemplateValue &input,
                                         const TemplateArguments &arguments) {
            const QString value = textOf(input, arguments);
            const TemplateValue chars =
                arguments.value(0, QStringLiteral("chars"), TemplateValue::none());
            if (chars.type() != Type::String)
                return TemplateValue::string(value.trimmed());
            const QSet<QChar> strip(chars.text().cbegin(), chars.text().cend());
            qsizetype start = 0;
            qsizetype end = value.size();
            while (start < end && strip.contains(value.at(start)))
                ++start;
            while (end > start && strip.contains(value.at(end - 1)))
                --end;
            return TemplateValue::string(value.mid(start, end - start));
        };
        all[QStringLiteral("replace")] = [](const TemplateValue &input,
                                            const TemplateArguments &arguments) {
            const QString value = textOf(input, arguments);
            const QString old = textOf(arguments.value(0, QStringLiteral("old")), arguments);
            const QString replacement =
                textOf(arguments.value(1, QStringLiteral("new")), arguments);
            const TemplateValue countValue =
                arguments.value(2, QStringLiteral("count"), TemplateValue::none());
            qint64 count = countValue.isIntegral() ? countValue.toInteger() : -1;
            if (count < 0 && old.isEmpty() &&
                value.size() * qint64(replacement.size() + 1) > TemplateOperations::MaxText)
                fail(arguments, QStringLiteral("The value grows beyond the template's limits."));
            QString result;
            qsizetype at = 0;
            if (old.isEmpty()) {
                for (qsizetype i = 0; i <= value.size(); ++i) {
                    if (count-- != 0)
                        result += replacement;
                    if (i < value.size())
                        result += value.at(i);
                    if (result.size() > TemplateOperations::MaxText)
                        fail(arguments,
                             QStringLiteral("The value grows beyond the template's limits."));
                }
                return TemplateValue::string(result);
            }
            for (qsizetype found; count != 0 && (found = value.indexOf(old, at)) >= 0; --count) {
                result += value.mid(at, found - at) + replacement;
                at = found + old.size();
                if (result.size() > TemplateOperations::MaxText)
                    fail(arguments,
                         QStringLiteral("The value grows beyond the template's limits."));
            }
            return TemplateValue::string(result + value.mid(at));
        };
        all[QStringLiteral("center")] = [](const TemplateValue &input,
                                           const TemplateArguments &arguments) {
            const qint64 width = integerArgument(arguments, 0, QStringLiteral("width"), 80);
            if (width > TemplateOperations::MaxText)
                fail(arguments, QStringLiteral("The value grows beyond the template's limits."));
            return TemplateValue::string(centered(textOf(input, arguments), width));
        };
        all[QStringLiteral("indent")] = [](const TemplateValue &input,
                                           const TemplateArguments &arguments) {
            return TemplateValue::string(indented(textOf(input, arguments), arguments));
        };
        all[QStringLiteral("truncate")] = [](const TemplateValue &input,
                                             const TemplateArguments &arguments) {
            return TemplateValue::string(truncated(textOf(input, arguments), arguments));
        };
        all[QStringLiteral("length")] = [](const TemplateValue &input,
                                           const TemplateArguments &arguments) {
            TemplateOperations::defined(input, arguments.line);
            if (input.type() == Type::String)
                return TemplateValue::integer(input.text().size());
            if (input.type() == Type::List)
                return TemplateValue::integer(input.items().size());
            if (input.type() == Type::Mapping)
                return TemplateValue::integer(input.entries().keys.size());
            fail(arguments,
                 QStringLiteral("object of type '%1' has no len()").arg(input.typeName()));
        };
        all[QStringLiteral("count")] = all.value(QStringLiteral("length"));
        all[QStringLiteral("int")] = &toInteger;
        all[QStringLiteral("float")] = [](const TemplateValue &input,
                                          const TemplateArguments &arguments) {
            const std::optional<double> number = parseFloat(input);
            if (!number)
                return arguments.value(0, QStringLiteral("default"), TemplateValue::number(0));
            return TemplateValue::number(*number);
        };
        all[QStringLiteral("round")] = &rounded;
        all[QStringLiteral("abs")] = [](const TemplateValue &input,
                                        const TemplateArguments &arguments) {
            TemplateOperations::defined(input, arguments.line);
            if (input.isIntegral())
                return input.toInteger() < 0 ? TemplateOperations::negative(input, arguments.line)
                                             : TemplateValue::integer(input.toInteger());
            if (input.type() == Type::Float)
                return TemplateValue::number(std::abs(input.toDouble()));
            fail(arguments,
                 QStringLiteral("bad operand type for abs(): '%1'").arg(input.typeName()));
        };
        all[QStringLiteral("list")] = [](const TemplateValue &input,
                                         const TemplateArguments &arguments) {
            return TemplateValue::list(TemplateOperations::iterate(input, arguments.line));
        };
        all[QStringLiteral("first")] = [](const TemplateValue &input,
                                          const TemplateArguments &arguments) {
            const QList<TemplateValue> items = TemplateOperations::iterate(input, arguments.line);
            return items.isEmpty()
                       ? TemplateValue::undefined(QStringLiteral("the first of nothing"))
                       : items.first();
        };
        all[QStringLiteral("last")] = [](const TemplateValue &input,
                                         const TemplateArguments &arguments) {
            const QList<TemplateValue> items = TemplateOperations::iterate(input, arguments.line);
            return items.isEmpty() ? TemplateValue::undefined(QStringLiteral("the last of nothing"))
                                   : items.last();
        };
        all[QStringLiteral("reverse")] = [](const TemplateValue &input,
                                            const TemplateArguments &arguments) {
            if (input.type() == Type::String) {
                QString reversed = input.text();
                std::reverse(reversed.begin(), reversed.end());
                return TemplateValue::string(reversed);
            }
            QList<TemplateValue> items = TemplateOperations::iterate(input, arguments.line);
            std::reverse(items.begin(), items.end());
            return TemplateValue::list(items);
        };
        all[QStringLiteral("join")] = [](const TemplateValue &input,
                                         const TemplateArguments &arguments) {
            const QString separator = textOf(
                arguments.value(0, QStringLiteral("d"), TemplateValue::string({})), arguments);
            const TemplateValue attribute =
                arguments.value(1, QStringLiteral("attribute"), TemplateValue::none());
            QStringList parts;
            qsizetype size = 0;
            for (const TemplateValue &item : TemplateOperations::iterate(input, arguments.line)) {
                parts << textOf(
                    attribute.type() == Type::String ? attributeOf(item, attribute.text()) : item,
                    arguments);
                size += parts.last().size() + separator.size();
                if (size > TemplateOperations::MaxText)
                    fail(arguments,
                         QStringLiteral("The value grows beyond the template's limits."));
            }
            return TemplateValue::string(parts.join(separator));
        };
        all[QStringLiteral("sort")] = [](const TemplateValue &input,
                                         const TemplateArguments &arguments) {
            const bool reverse = arguments.value(0, QStringLiteral("reverse")).truthy();
            return TemplateValue::list(sorted(TemplateOperations::iterate(input, arguments.line),
                                              keyOf(arguments, 1, 2), reverse, arguments.line));
        };
        all[QStringLiteral("unique")] = [](const TemplateValue &input,
                                           const TemplateArguments &arguments) {
            const auto key = keyOf(arguments, 0, 1);
            // Seen keys by their printed form (numbers that compare equal print alike: 1, 1.0
            // and True as 1), so a long list is one pass, not a comparison of every pair.
            QSet<QString> seen;
            QList<TemplateValue> kept;
            for (const TemplateValue &item : TemplateOperations::iterate(input, arguments.line)) {
                const TemplateValue itemKey = key(item);
                const bool wholeFloat = itemKey.type() == Type::Float &&
                                        itemKey.toDouble() == std::trunc(itemKey.toDouble()) &&
                                        std::abs(itemKey.toDouble()) < 9e15;
                const QString printed = itemKey.isIntegral() ? QString::number(itemKey.toInteger())
                                        : wholeFloat ? QString::number(qint64(itemKey.toDouble()))
                                                     : itemKey.repr();
                if (!seen.contains(printed)) {
                    seen.insert(printed);
                    kept << item;
                }
            }
            return TemplateValue::list(kept);
        };
        all[QStringLiteral("min")] = [](const TemplateValue &input,
                                        const TemplateArguments &arguments) {
            return extreme(input, arguments, false);
        };
        all[QStringLiteral("max")] = [](const TemplateValue &input,
                                        const TemplateArguments &arguments) {
            return extreme(input, arguments, true);
        };
        all[QStringLiteral("sum")] = [](const TemplateValue &input,
                                        const TemplateArguments &arguments) {
            const TemplateValue attribute =
                arguments.value(0, QStringLiteral("attribute"), TemplateValue::none());
            TemplateValue total =
                arguments.value(1, QStringLiteral("start"), TemplateValue::integer(0));
            for (const TemplateValue &item : TemplateOperations::iterate(input, arguments.line))
                total = TemplateOperations::binary(
                    QStringLiteral("+"), total,
                    attribute.type() == Type::String ? attributeOf(item, attribute.text()) : item,
                    arguments.line);
            return total;
        };
        all[QStringLiteral("tojson")] = [](const TemplateValue &input,
                                           const TemplateArguments &arguments) {
            const TemplateValue indent =
                arguments.value(0, QStringLiteral("indent"), TemplateValue::none());
            return TemplateValue::string(TemplateJson::htmlSafe(
                TemplateOperations::defined(input, arguments.line),
                indent.isIntegral() ? int(std::clamp<qint64>(indent.toInteger(), 0, 16)) : -1,
                arguments.line));
        };
        all[QStringLiteral("dictsort")] = [](const TemplateValue &input,
                                             const TemplateArguments &arguments) {
            if (input.type() != Type::Mapping)
                fail(arguments,
                     QStringLiteral("dictsort needs a mapping, not %1.").arg(input.typeName()));
            const bool caseSensitive =
                arguments.value(0, QStringLiteral("case_sensitive")).truthy();
            const QString by = textOf(arguments.value(1, QStringLiteral("by"),
                                                      TemplateValue::string(QStringLiteral("key"))),
                                      arguments);
            if (by != u"key" && by != u"value")
                fail(arguments, QStringLiteral("You can only sort by either \"key\" or \"value\""));
            const bool reverse = arguments.value(2, QStringLiteral("reverse")).truthy();
            const int position = by == u"key" ? 0 : 1;
            const auto key = [caseSensitive, position](const TemplateValue &pair) {
                const TemplateValue value = pair.items().at(position);
                return !caseSensitive && value.type() == Type::String
                           ? TemplateValue::string(value.text().toLower())
                           : value;
            };
            return TemplateValue::list(
                sorted(pairsOf(input).items(), key, reverse, arguments.line));
        };
        all[QStringLiteral("items")] = [](const TemplateValue &input,
                                          const TemplateArguments &arguments) {
            if (input.isUndefined())
                return TemplateValue::list({});
            if (input.type() != Type::Mapping)
                fail(arguments, QStringLiteral("Can only get item pairs from a mapping."));
            return pairsOf(input);
        };
        all[QStringLiteral("batch")] = &batched;
        all[QStringLiteral("map")] = &mapped;
        all[QStringLiteral("select")] = [](const TemplateValue &input,
                                           const TemplateArguments &arguments) {
            return TemplateValue::list(selected(input, arguments, false, true));
        };
        all[QStringLiteral("reject")] = [](const TemplateValue &input,
                                           const TemplateArguments &arguments) {
            return TemplateValue::list(selected(input, arguments, false, false));
        };
        all[QStringLiteral("selectattr")] = [](const TemplateValue &input,
                                               const TemplateArguments &arguments) {
            return TemplateValue::list(selected(input, arguments, true, true));
        };
        all[QStringLiteral("rejectattr")] = [](const TemplateValue &input,
                                               const TemplateArguments &arguments) {
            return TemplateValue::list(selected(input, arguments, true, false));
        };
        return all;
    }();
    return table;
}

bool isText(const TemplateValue &value)
{
    return value.type() == Type::String;
}

const QHash<QString, Test> &tests()
{
    static const QHash<QString, Test> table = [] {
        QHash<QString, Test> all;
        const auto ofType = [](bool (*check)(const TemplateValue &)) {
            return [check](const TemplateValue &input, const TemplateArguments &) {
                return check(input);
            };
        };
        const auto comparing = [](const char *op) {
            return [op = QString::fromLatin1(op)](const TemplateValue &input,
                                                  const TemplateArguments &arguments) {
                return TemplateOperations::compare(
                    op, input, arguments.value(0, QStringLiteral("other")), arguments.line);
            };
        };
        all[QStringLiteral("defined")] =
            ofType([](const TemplateValue &v) { return !v.isUndefined(); });
        all[QStringLiteral("undefined")] =
            ofType([](const TemplateValue &v) { return v.isUndefined(); });
        all[QStringLiteral("none")] =
            ofType([](const TemplateValue &v) { return v.type() == Type::None; });
        all[QStringLiteral("boolean")] =
            ofType([](const TemplateValue &v) { return v.type() == Type::Bool; });
        all[QStringLiteral("true")] =
            ofType([](const TemplateValue &v) { return v.type() == Type::Bool && v.toBool(); });
        all[QStringLiteral("false")] =
            ofType([](const TemplateValue &v) { return v.type() == Type::Bool && !v.toBool(); });
        all[QStringLiteral("integer")] =
            ofType([](const TemplateValue &v) { return v.type() == Type::Integer; });
        all[QStringLiteral("float")] =
            ofType([](const TemplateValue &v) { return v.type() == Type::Float; });
        all[QStringLiteral("number")] =
            ofType([](const TemplateValue &v) { return v.isNumber() || v.type() == Type::Bool; });
        all[QStringLiteral("string")] = ofType(&isText);
        all[QStringLiteral("mapping")] =
            ofType([](const TemplateValue &v) { return v.type() == Type::Mapping; });
        all[QStringLiteral("callable")] = ofType([](const TemplateValue &) { return false; });
        all[QStringLiteral("escaped")] = all.value(QStringLiteral("callable"));
        all[QStringLiteral("sequence")] = [](const TemplateValue &input,
                                             const TemplateArguments &arguments) {
            TemplateOperations::defined(input, arguments.line);
            return isText(input) || input.type() == Type::List || input.type() == Type::Mapping;
        };
        all[QStringLiteral("iterable")] = all.value(QStringLiteral("sequence"));
        all[QStringLiteral("even")] = [](const TemplateValue &input,
                                         const TemplateArguments &arguments) {
            return TemplateOperations::binary(QStringLiteral("%"), input, TemplateValue::integer(2),
                                              arguments.line)
                       .truthy() == false;
        };
        all[QStringLiteral("odd")] = [](const TemplateValue &input,
                                        const TemplateArguments &arguments) {
            return TemplateOperations::binary(QStringLiteral("%"), input, TemplateValue::integer(2),
                                              arguments.line)
                .equals(TemplateValue::integer(1));
        };
        all[QStringLiteral("divisibleby")] = [](const TemplateValue &input,
                                                const TemplateArguments &arguments) {
            return !TemplateOperations::binary(QStringLiteral("%"), input,
                                               arguments.value(0, QStringLiteral("num")),
                                               arguments.line)
                        .truthy();
        };
        all[QStringLiteral("lower")] = [](const TemplateValue &input,
                                          const TemplateArguments &arguments) {
            const QString text = textOf(input, arguments);
            return text == text.toLower() && text != text.toUpper();
        };
        all[QStringLiteral("upper")] = [](const TemplateValue &input,
                                          const TemplateArguments &arguments) {
            const QString text = textOf(input, arguments);
            return text == text.toUpper() && text != text.toLower();
        };
        all[QStringLiteral("sameas")] = [](const TemplateValue &input,
                                           const TemplateArguments &arguments) {
            const TemplateValue other = arguments.value(0, QStringLiteral("other"));
            return input.type() == other.type() &&
                   (input.type() == Type::None ||
                    (input.type() == Type::Bool && input.equals(other)));
        };
        all[QStringLiteral("in")] = [](const TemplateValue &input,
                                       const TemplateArguments &arguments) {
            return TemplateOperations::compare(QStringLiteral("in"), input,
                                               arguments.value(0, QStringLiteral("seq")),
                                               arguments.line);
        };
        for (const auto &[names, op] : QList<QPair<QStringList, const char *>>{
                 {{QStringLiteral("eq"), QStringLiteral("equalto"), QStringLiteral("==")}, "=="},
                 {{QStringLiteral("ne"), QStringLiteral("!=")}, "!="},
                 {{QStringLiteral("lt"), QStringLiteral("lessthan"), QStringLiteral("<")}, "<"},
                 {{QStringLiteral("le"), QStringLiteral("<=")}, "<="},
                 {{QStringLiteral("gt"), QStringLiteral("greaterthan"), QStringLiteral(">")}, ">"},
                 {{QStringLiteral("ge"), QStringLiteral(">=")}, ">="}}) {
            for (const QString &name : names)
                all[name] = comparing(op);
        }
        return all;
    }();
    return table;
}

} // namespace

bool hasFilter(const QString &name)
{
    return filters().contains(name);
}

bool hasTest(const QString &name)
{
    return tests().contains(name);
}

TemplateValue filter(const QString &name, const TemplateValue &input,
                     const TemplateArguments &arguments)
{
    const auto found = filters().constFind(name);
    if (found == filters().cend())
        fail(arguments, QStringLiteral("No filter named '%1'.").arg(name));
    // Only these see an undefined value; every other filter fails on it, naming it.
    static const QStringList AcceptingUndefined{QStringLiteral("default"), QStringLiteral("d"),
                                                QStringLiteral("items")};
    if (!AcceptingUndefined.contains(name))
        TemplateOperations::defined(input, arguments.line);
    return found.value()(input, arguments);
}

bool test(const QString &name, const TemplateValue &input, const TemplateArguments &arguments)
{
    const auto found = tests().constFind(name);
    if (found == tests().cend())
        fail(arguments, QStringLiteral("No test named '%1'.").arg(name));
    return found.value()(input, arguments);
}

} // namespace Cairn::TemplateFilters
