#pragma once

#include "TemplateValue.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <memory>

namespace Cairn {

struct TemplateExpression;
using TemplateExpressionPtr = std::shared_ptr<const TemplateExpression>;

// One node of an expression inside {{ }} or a statement.
struct TemplateExpression
{
    enum class Kind
    {
        Literal,     // value
        Name,        // name
        Attribute,   // operands[0].name
        Item,        // operands[0][operands[1]]
        Slice,       // operands[0][operands[1]:operands[2]:operands[3]] (each may be null)
        List,        // [operands...], or (operands...) when name is "tuple"
        Dict,        // {operands[0]: operands[1], ...}
        Negative,    // -operands[0]
        Positive,    // +operands[0]
        Not,         // not operands[0]
        And,         // operands[0] and operands[1]
        Or,          // operands[0] or operands[1]
        Binary,      // operands[0] <name> operands[1]: + - * / // % ** ~
        Compare,     // operands[0] <operators[0]> operands[1] <operators[1]> ...
        Conditional, // operands[1] if operands[0] else operands[2] (which may be null)
        Filter,      // operands[0] | name(operands[1...], keywords)
        Test,        // operands[0] is [not] name(operands[1...])
        Call         // operands[0](operands[1...], keywords)
    };

    Kind kind = Kind::Literal;
    int line = 1;
    TemplateValue value;
    QString name;
    QList<TemplateExpressionPtr> operands;
    // Filter, Test and Call: the names of the last keywords.size() arguments.
    QStringList keywords;
    QStringList operators;
    bool negated = false;
    // Levels below and including this node: bounded, so evaluating and freeing a tree never
    // recurse deeper than the parser allowed.
    int depth = 1;
};

struct TemplateNode;
using TemplateNodes = QList<std::shared_ptr<const TemplateNode>>;

// One piece of a template: text, an output, or a statement with its bodies.
struct TemplateNode
{
    enum class Kind
    {
        Text,     // text
        Output,   // {{ expression }}
        If,       // {% if conditions[0] %}bodies[0]{% elif conditions[1] %}...{% else %}elseBody
        For,      // {% for targets in expression if condition %}body{% else %}elseBody
        Set,      // {% set targets = expression %}
        SetBlock, // {% set targets[0] %}body{% endset %}
    };

    Kind kind = Kind::Text;
    int line = 1;
    QString text;
    TemplateExpressionPtr expression;
    TemplateExpressionPtr condition;
    QStringList targets;
    QList<TemplateExpressionPtr> conditions;
    QList<TemplateNodes> bodies;
    TemplateNodes body;
    TemplateNodes elseBody;
};

} // namespace Cairn
