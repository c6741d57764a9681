#pragma once

#include "TemplateArguments.h"
#include "TemplateBudget.h"
#include "TemplateSyntax.h"

#include <QHash>

namespace Cairn {

// Renders parsed templates with Jinja2's semantics under StrictUndefined: a name or key that
// is not there fails, naming it, unless a test (`is defined`) or the `default` filter asks for
// it. Each render has a budget of steps and of output, so a hostile template ends with an error
// instead of taking the thread or the memory. One renderer per render, on one thread.
class TemplateRenderer
{
public:
    explicit TemplateRenderer(TemplateValue::Mapping globals);

    // Both throw TemplateFailure.
    QString render(const TemplateNodes &nodes);
    TemplateValue evaluate(const TemplateExpression &expression);

    static constexpr qint64 MaxSteps = 2 * 1000 * 1000;

private:
    void renderNodes(const TemplateNodes &nodes, QString &out);
    void renderFor(const TemplateNode &node, QString &out);
    void append(QString &out, const QString &text, int line);
    void count(int line);
    TemplateValue lookup(const QString &name) const;
    void assign(const QStringList &targets, const TemplateValue &value, int line);
    TemplateValue evaluateCall(const TemplateExpression &expression);
    TemplateValue evaluateSlice(const TemplateExpression &expression);
    TemplateValue evaluateDict(const TemplateExpression &expression);
    bool evaluateCompare(const TemplateExpression &expression);
    TemplateArguments argumentsOf(const TemplateExpression &expression, int first);
    // How the user wrote the expression that named a value, for "'x' is undefined".
    static QString pathOf(const TemplateExpression &expression);

    TemplateBudget::Scope m_budget;
    TemplateValue::Mapping m_globals;
    QList<QHash<QString, TemplateValue>> m_scopes;
    qint64 m_steps = 0;
};

} // namespace Cairn
