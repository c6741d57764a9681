#include "TemplateMethods.h"

#include "TemplateFailure.h"
#include "TemplateFilters.h"
#include "TemplateOperations.h"

#include <QRegularExpression>
#include <QSet>

namespace Cairn::TemplateMethods {

namespace {

using Type = TemplateValue::Type;

[[noreturn]] void fail(const TemplateArguments &arguments, const QString &message)
{
    throw TemplateFailure{arguments.line, message};
}

QString textArgument(const TemplateArguments &arguments, int index, const QString &name)
{
    const TemplateValue value = arguments.value(index, name);
    if (value.type() != Type::String)
        fail(arguments,
             QStringLiteral("The argument %1 must be text, not %2.")
                 .arg(name, value.isUndefined() ? QStringLiteral("missing") : value.typeName()));
    return value.text();
}

// Python's str.split(): on runs of whitespace without a separator, else on each separator.
TemplateValue split(const QString &text, const TemplateArguments &arguments)
{
    const TemplateValue separator =
        arguments.value(0, QStringLiteral("sep"), TemplateValue::none());
    const TemplateValue limit =
        arguments.value(1, QStringLiteral("maxsplit"), TemplateValue::integer(-1));
    qint64 remaining = limit.isIntegral() ? limit.toInteger() : -1;
    QList<TemplateValue> parts;
    if (separator.type() == Type::None) {
        qsizetype at = 0;
        for (;;) {
            while (at < text.size() && text.at(at).isSpace())
                ++at;
            if (at >= text.size())
                break;
            if (remaining == 0) {
                qsizetype end = text.size();
                while (end > at && text.at(end - 1).isSpace())
                    --end;
                parts << TemplateValue::string(text.mid(at, end - at));
                break;
            }
            qsizetype end = at;
            while (end < text.size() && !text.at(end).isSpace())
                ++end;
            parts << TemplateValue::string(text.mid(at, end - at));
            at = end;
            --remaining;
        }
        return TemplateValue::list(parts);
    }
    if (separator.type() != Type::String || separator.text().isEmpty())
        fail(arguments, QStringLiteral("empty separator"));
    qsizetype at = 0;
    for (qsizetype found; remaining != 0 && (found = text.indexOf(separator.text(), at)) >= 0;
         --remaining) {
        parts << TemplateValue::string(text.mid(at, found - at));
        at = found + separator.text().size();
    }
    parts << TemplateValue::string(text.mid(at));
    return TemplateValue::list(parts);
}

QString stripped(const QString &text, const TemplateArguments &arguments, bool left, bool right)
{
    const TemplateValue chars = arguments.value(0, QStringLiteral("chars"), TemplateValue::none());
    const QSet<QChar> set(chars.text().cbegin(), chars.text().cend());
    const auto strips = [&](QChar c) {
        return chars.type() == Type::String ? set.contains(c) : c.isSpace();
    };
    qsizetype start = 0;
    qsizetype end = text.size();
    while (left && start < end && strips(text.at(start)))
        ++start;
    while (right && end > start && strips(text.at(end - 1)))
        --end;
    return text.mid(start, end - start);
}

TemplateValue textMethod(const QString &text, const QString &method,
                         const TemplateArguments &arguments)
{
    if (method == u"upper")
        return TemplateValue::string(text.toUpper());
    if (method == u"lower")
        return TemplateValue::string(text.toLower());
    if (method == u"strip")
        return TemplateValue::string(stripped(text, arguments, true, true));
    if (method == u"lstrip")
        return TemplateValue::string(stripped(text, arguments, true, false));
    if (method == u"rstrip")
        return TemplateValue::string(stripped(text, arguments, false, true));
    if (method == u"split")
        return split(text, arguments);
    if (method == u"splitlines") {
        QList<TemplateValue> lines;
        static const QRegularExpression Breaks(QStringLiteral("\\r\\n|[\\n\\r\\v\\f]"));
        QStringList parts = text.split(Breaks);
        if (!parts.isEmpty() && parts.last().isEmpty())
            parts.removeLast();
        for (const QString &line : std::as_const(parts))
            lines << TemplateValue::string(line);
        return TemplateValue::list(lines);
    }
    if (method == u"startswith")
        return TemplateValue::boolean(
            text.startsWith(textArgument(arguments, 0, QStringLiteral("prefix"))));
    if (method == u"endswith")
        return TemplateValue::boolean(
            text.endsWith(textArgument(arguments, 0, QStringLiteral("suffix"))));
    if (method == u"replace")
        return TemplateFilters::filter(method, TemplateValue::string(text), arguments);
    if (method == u"find")
        return TemplateValue::integer(
            text.indexOf(textArgument(arguments, 0, QStringLiteral("sub"))));
    if (method == u"count")
        return TemplateValue::integer(
            text.count(textArgument(arguments, 0, QStringLiteral("sub"))));
    if (method == u"isdigit") {
        static const QRegularExpression Digits(QStringLiteral("^\\d+$"));
        return TemplateValue::boolean(Digits.match(text).hasMatch());
    }
    if (method == u"join") {
        QStringList parts;
        qsizetype size = 0;
        for (const TemplateValue &item : TemplateOperations::iterate(
                 arguments.value(0, QStringLiteral("iterable")), arguments.line)) {
            if (item.type() != Type::String)
                fail(arguments, QStringLiteral("sequence item: expected str instance, %1 found")
                                    .arg(item.typeName()));
            parts << item.text();
            // Counted before joining: a long separator between many items is a huge text.
            size += item.text().size() + text.size();
            if (size > TemplateOperations::MaxText)
                fail(arguments, QStringLiteral("The value grows beyond the template's limits."));
        }
        return TemplateValue::string(parts.join(text));
    }
    fail(arguments, QStringLiteral("'str' object has no attribute '%1'").arg(method));
}

TemplateValue mappingMethod(const TemplateValue &self, const QString &method,
                            const TemplateArguments &arguments)
{
    const TemplateValue::Mapping &entries = self.entries();
    if (method == u"items" || method == u"keys" || method == u"values") {
        QList<TemplateValue> items;
        for (const QString &key : entries.keys) {
            if (method == u"items")
                items << TemplateValue::tuple(
                    {TemplateValue::string(key), entries.values.value(key)});
            else if (method == u"keys")
                items << TemplateValue::string(key);
            else
                items << entries.values.value(key);
        }
        return TemplateValue::list(items);
    }
    if (method == u"get") {
        const TemplateValue key =
            TemplateOperations::defined(arguments.value(0, QStringLiteral("key")), arguments.line);
        const TemplateValue found = TemplateOperations::member(self, key, QString());
        return found.isUndefined()
                   ? arguments.value(1, QStringLiteral("default"), TemplateValue::none())
                   : found;
    }
    fail(arguments, QStringLiteral("'dict' object has no attribute '%1'").arg(method));
}

} // namespace

TemplateValue call(const TemplateValue &self, const QString &method,
                   const TemplateArguments &arguments)
{
    TemplateOperations::defined(self, arguments.line);
    if (self.type() == Type::String)
        return textMethod(self.text(), method, arguments);
    if (self.type() == Type::Mapping)
        return mappingMethod(self, method, arguments);
    fail(arguments,
         QStringLiteral("'%1' object has no attribute '%2'").arg(self.typeName(), method));
}

bool isFunction(const QString &name)
{
    return name == u"range" || name == u"dict";
}

TemplateValue function(const QString &name, const TemplateArguments &arguments)
{
    if (name == u"dict") {
        TemplateValue::Mapping entries;
        // Keyword order as written is lost in the call; Jinja keeps it. Sorted, so it is stable.
        QStringList keys = arguments.keywords.keys();
        keys.sort();
        for (const QString &key : std::as_const(keys)) {
            entries.keys << key;
            entries.values.insert(key, arguments.keywords.value(key));
        }
        return TemplateValue::mapping(entries);
    }
    QList<qint64> bounds;
    for (const TemplateValue &value : arguments.positional) {
        if (!value.isIntegral())
            fail(arguments, QStringLiteral("'%1' object cannot be interpreted as an integer")
                                .arg(value.typeName()));
        bounds << value.toInteger();
    }
    if (bounds.isEmpty() || bounds.size() > 3)
        fail(arguments,
             QStringLiteral("range expects 1 to 3 arguments, got %1").arg(bounds.size()));
    const qint64 start = bounds.size() > 1 ? bounds.at(0) : 0;
    const qint64 stop = bounds.size() > 1 ? bounds.at(1) : bounds.at(0);
    const qint64 step = bounds.size() > 2 ? bounds.at(2) : 1;
    if (step == 0)
        fail(arguments, QStringLiteral("range() arg 3 must not be zero"));
    QList<TemplateValue> items;
    for (qint64 value = start; step > 0 ? value < stop : value > stop; value += step) {
        if (items.size() >= MaxRange)
            fail(arguments, QStringLiteral("range() makes more than %1 items.").arg(MaxRange));
        items << TemplateValue::integer(value);
        if ((step > 0 && value > std::numeric_limits<qint64>::max() - step) ||
            (step < 0 && value < std::numeric_limits<qint64>::min() - step))
            break;
    }
    return TemplateValue::list(items);
}

} // namespace Cairn::TemplateMethods
