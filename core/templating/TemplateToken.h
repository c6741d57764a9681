#pragma once

#include <QString>

namespace Cairn {

// One piece of a template as the lexer reads it: text outside tags, the tags' edges, and the
// names, literals and operators inside them.
struct TemplateToken
{
    enum class Kind
    {
        Text,
        VariableBegin,
        VariableEnd,
        BlockBegin,
        BlockEnd,
        Name,
        Integer,
        Float,
        String,
        Operator,
        End
    };

    Kind kind = Kind::End;
    // The text, the name, the string's value or the operator.
    QString text;
    qint64 integer = 0;
    double number = 0;
    int line = 1;

    bool is(Kind wanted, QStringView value) const { return kind == wanted && text == value; }
    bool isOperator(QStringView value) const { return is(Kind::Operator, value); }
    bool isName(QStringView value) const { return is(Kind::Name, value); }
};

} // namespace Cairn
