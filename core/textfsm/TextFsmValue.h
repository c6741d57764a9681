#pragma once

#include "Result.h"

#include <QList>
#include <QRegularExpression>
#include <QString>

namespace Cairn {

// One `Value [Options] Name (regex)` line of a TextFSM template: a column of the records the
// template produces.
struct TextFsmValue
{
    enum class Option
    {
        Key,
        Required,
        Filldown,
        Fillup,
        List,
    };

    QString name;
    // As written, parentheses included.
    QString regex;
    // In the order written: the options act in this order (a `Required,List` value is checked
    // before its list is collected, a `List,Required` one after).
    QList<Option> options;
    // List values: the regex alone, matched again on each captured text so that named groups
    // inside it become the fields of one list item.
    QRegularExpression nested;
    // The names of nested's groups by group number (empty for unnamed groups).
    QStringList nestedNames;

    bool has(Option option) const { return options.contains(option); }
    bool hasNestedNames() const;
    // The regex with its outer group named after the value: what `${Name}` in a rule becomes.
    QString namedRegex() const;

    // Errors carry the message TextFSM gives, without the line number (the caller adds it).
    static Result<TextFsmValue> parse(const QString &line);
};

} // namespace Cairn
