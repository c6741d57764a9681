#include "TemplateRenderer.h"

#include "TemplateFailure.h"
#include "TemplateFilters.h"
#include "TemplateMethods.h"
#include "TemplateOperations.h"

namespace Cairn {

namespace {

using Type = TemplateValue::Type;
using Kind = TemplateExpression::Kind;

QString keyText(const TemplateValue &key)
{
    if (key.type() == Type::String)
        return QLatin1Char('"') + key.text() + QLatin1Char('"');
    return key.repr();
}

// Python's slice bounds for a sequence of `size` items.
qint64 sliceBound(const TemplateValue &value, qint64 size, qint64 fallback, bool forward)
{
    if (value.type() == Type::None || value.isUndefined())
        return fallback;
    qint64 bound = value.toInteger();
    if (bound < 0)
        bound += size;
    if (forward)
        return qBound<qint64>(0, bound, size);
    return qBound<qint64>(-1, bound, size - 1);
}

} // namespace

TemplateRenderer::TemplateRenderer(TemplateValue::Mapping globals)
    : m_globals(std::move(globals))
{
    m_scopes.append(QHash<QString, TemplateValue>());
}

QString TemplateRenderer::render(const TemplateNodes &nodes)
{
    QString out;
    renderNodes(nodes, out);
    return out;
}

void TemplateRenderer::count(int line)
{
    if (++m_steps > MaxSteps)
        throw TemplateFailure{line, QStringLiteral("The template takes more than %1 steps to "
                                                   "render.")
                                        .arg(MaxSteps)};
}

void TemplateRenderer::append(QString &out, const QString &text, int line)
{
    if (out.size() + text.size() > TemplateOperations::MaxText)
        throw TemplateFailure{line, QStringLiteral("The template's output is larger than %1 MB.")
                                        .arg(TemplateOperations::MaxText / (1024 * 1024))};
    out += text;
}

void TemplateRenderer::renderNodes(const TemplateNodes &nodes, QString &out)
{
    for (const auto &node : nodes) {
        count(node->line);
        switch (node->kind) {
        case TemplateNode::Kind::Text:
            append(out, node->text, node->line);
            break;
        case TemplateNode::Kind::Output:
            append(out,
                   TemplateOperations::defined(evaluate(*node->expression), node->line).toText(),
                   node->line);
            break;
        case TemplateNode::Kind::If: {
            bool taken = false;
            for (qsizetype i = 0; i < node->conditions.size() && !taken; ++i) {
                const TemplateValue condition = evaluate(*node->conditions.at(i));
                if (TemplateOperations::defined(condition, node->line).truthy()) {
                    renderNodes(node->bodies.at(i), out);
                    taken = true;
                }
            }
            if (!taken)
                renderNodes(node->elseBody, out);
            break;
        }
        case TemplateNode::Kind::For:
            renderFor(*node, out);
            break;
        case TemplateNode::Kind::Set:
            assign(node->targets, evaluate(*node->expression), node->line);
            break;
        case TemplateNode::Kind::SetBlock: {
            QString captured;
            renderNodes(node->body, captured);
            assign(node->targets, TemplateValue::string(captured), node->line);
            break;
        }
        }
    }
}

void TemplateRenderer::renderFor(const TemplateNode &node, QString &out)
{
    const QList<TemplateValue> all =
        TemplateOperations::iterate(evaluate(*node.expression), node.line);
    QList<TemplateValue> items;
    for (const TemplateValue &item : all) {
        count(node.line);
        if (node.condition) {
            m_scopes.append(QHash<QString, TemplateValue>());
            assign(node.targets, item, node.line);
            const bool kept =
                TemplateOperations::defined(evaluate(*node.condition), node.line).truthy();
            m_scopes.removeLast();
            if (!kept)
                continue;
        }
        items << item;
    }
    if (items.isEmpty()) {
        renderNodes(node.elseBody, out);
        return;
    }
    const qint64 length = items.size();
    for (qint64 index = 0; index < length; ++index) {
        // Each pass has its own scope: what the body sets is gone at the next pass, as in Jinja.
        m_scopes.append(QHash<QString, TemplateValue>());
        assign(node.targets, items.at(index), node.line);
        TemplateValue::Mapping loop;
        const auto set = [&loop](const QString &key, const TemplateValue &value) {
            loop.keys << key;
            loop.values.insert(key, value);
        };
        set(QStringLiteral("index"), TemplateValue::integer(index + 1));
        set(QStringLiteral("index0"), TemplateValue::integer(index));
        set(QStringLiteral("revindex"), TemplateValue::integer(length - index));
        set(QStringLiteral("revindex0"), TemplateValue::integer(length - index - 1));
        set(QStringLiteral("first"), TemplateValue::boolean(index == 0));
        set(QStringLiteral("last"), TemplateValue::boolean(index == length - 1));
        set(QStringLiteral("length"), TemplateValue::integer(length));
        set(QStringLiteral("depth"), TemplateValue::integer(1));
        set(QStringLiteral("depth0"), TemplateValue::integer(0));
        if (index > 0)
            set(QStringLiteral("previtem"), items.at(index - 1));
        if (index < length - 1)
            set(QStringLiteral("nextitem"), items.at(index + 1));
        m_scopes.last().insert(QStringLiteral("loop"), TemplateValue::mapping(loop));
        renderNodes(node.body, out);
        m_scopes.removeLast();
    }
}

TemplateValue TemplateRenderer::lookup(const QString &name) const
{
    for (auto scope = m_scopes.crbegin(); scope != m_scopes.crend(); ++scope) {
        const auto found = scope->constFind(name);
        if (found != scope->cend())
            return found.value();
    }
    const auto global = m_globals.values.constFind(name);
    if (global != m_globals.values.cend())
        return global.value();
    return TemplateValue::undefined(name);
}

void TemplateRenderer::assign(const QStringList &targets, const TemplateValue &value, int line)
{
    if (targets.size() == 1) {
        m_scopes.last().insert(targets.first(), value);
        return;
    }
    const QList<TemplateValue> items = TemplateOperations::iterate(value, line);
    if (items.size() != targets.size())
        throw TemplateFailure{
            line,
            items.size() > targets.size()
                ? QStringLiteral("too many values to unpack (expected %1)").arg(targets.size())
                : QStringLiteral("not enough values to unpack (expected "
                                 "%1, got %2)")
                      .arg(targets.size())
                      .arg(items.size())};
    for (qsizetype i = 0; i < targets.size(); ++i)
        m_scopes.last().insert(targets.at(i), items.at(i));
}

QString TemplateRenderer::pathOf(const TemplateExpression &expression)
{
    switch (expression.kind) {
    case Kind::Name:
        return expression.name;
    case Kind::Attribute:
        return pathOf(*expression.operands.at(0)) + QLatin1Char('.') + expression.name;
    case Kind::Item:
        if (expression.operands.at(1)->kind == Kind::Literal)
            return pathOf(*expression.operands.at(0)) + QLatin1Char('[') +
                   keyText(expression.operands.at(1)->value) + QLatin1Char(']');
        return pathOf(*expression.operands.at(0)) + QStringLiteral("[...]");
    default:
        return QStringLiteral("(expression)");
    }
}

TemplateValue TemplateRenderer::evaluate(const TemplateExpression &expression)
{
    count(expression.line);
    const int line = expression.line;
    const auto operand = [&](int index) {
        return evaluate(*expression.operands.at(index));
    };
    switch (expression.kind) {
    case Kind::Literal:
        return expression.value;
    case Kind::Name:
        return lookup(expression.name);
    case Kind::Attribute: {
        const TemplateValue base = TemplateOperations::defined(operand(0), line);
        return TemplateOperations::member(base, TemplateValue::string(expression.name),
                                          pathOf(expression));
    }
    case Kind::Item: {
        const TemplateValue base = TemplateOperations::defined(operand(0), line);
        const TemplateValue key = TemplateOperations::defined(operand(1), line);
        return TemplateOperations::member(base, key,
                                          pathOf(*expression.operands.at(0)) + QLatin1Char('[') +
                                              keyText(key) + QLatin1Char(']'));
    }
    case Kind::Slice:
        return evaluateSlice(expression);
    case Kind::List: {
        QList<TemplateValue> items;
        for (const auto &item : expression.operands)
            items << TemplateOperations::defined(evaluate(*item), line);
        return expression.name.isEmpty() ? TemplateValue::list(items) : TemplateValue::tuple(items);
    }
    case Kind::Dict:
        return evaluateDict(expression);
    case Kind::Negative:
        return TemplateOperations::negative(operand(0), line);
    case Kind::Positive: {
        const TemplateValue value = TemplateOperations::defined(operand(0), line);
        if (!value.isNumber() && value.type() != Type::Bool)
            throw TemplateFailure{
                line, QStringLiteral("bad operand type for unary +: '%1'").arg(value.typeName())};
        return value.type() == Type::Bool ? TemplateValue::integer(value.toInteger()) : value;
    }
    case Kind::Not:
        return TemplateValue::boolean(!TemplateOperations::defined(operand(0), line).truthy());
    case Kind::And: {
        const TemplateValue left = TemplateOperations::defined(operand(0), line);
        return left.truthy() ? operand(1) : left;
    }
    case Kind::Or: {
        const TemplateValue left = TemplateOperations::defined(operand(0), line);
        return left.truthy() ? left : operand(1);
    }
    case Kind::Binary:
        return TemplateOperations::binary(expression.name, operand(0), operand(1), line);
    case Kind::Compare:
        return TemplateValue::boolean(evaluateCompare(expression));
    case Kind::Conditional:
        if (TemplateOperations::defined(operand(0), line).truthy())
            return operand(1);
        if (expression.operands.at(2))
            return operand(2);
        return TemplateValue::undefined(QString());
    case Kind::Filter:
        return TemplateFilters::filter(expression.name, operand(0), argumentsOf(expression, 1));
    case Kind::Test: {
        const bool passed =
            TemplateFilters::test(expression.name, operand(0), argumentsOf(expression, 1));
        return TemplateValue::boolean(passed != expression.negated);
    }
    case Kind::Call:
        return evaluateCall(expression);
    }
    return {};
}

bool TemplateRenderer::evaluateCompare(const TemplateExpression &expression)
{
    TemplateValue left = evaluate(*expression.operands.at(0));
    for (qsizetype i = 0; i < expression.operators.size(); ++i) {
        TemplateValue right = evaluate(*expression.operands.at(i + 1));
        if (!TemplateOperations::compare(expression.operators.at(i), left, right, expression.line))
            return false;
        left = std::move(right);
    }
    return true;
}

TemplateValue TemplateRenderer::evaluateDict(const TemplateExpression &expression)
{
    TemplateValue::Mapping entries;
    for (qsizetype i = 0; i + 1 < expression.operands.size(); i += 2) {
        const TemplateValue key =
            TemplateOperations::defined(evaluate(*expression.operands.at(i)), expression.line);
        if (key.type() != Type::String)
            throw TemplateFailure{
                expression.line,
                QStringLiteral("A mapping's keys must be text, not %1.").arg(key.typeName())};
        if (!entries.values.contains(key.text()))
            entries.keys << key.text();
        entries.values.insert(
            key.text(),
            TemplateOperations::defined(evaluate(*expression.operands.at(i + 1)), expression.line));
    }
    return TemplateValue::mapping(entries);
}

TemplateValue TemplateRenderer::evaluateSlice(const TemplateExpression &expression)
{
    const int line = expression.line;
    const TemplateValue base =
        TemplateOperations::defined(evaluate(*expression.operands.at(0)), line);
    TemplateValue bounds[3];
    for (int i = 0; i < 3; ++i) {
        const auto &part = expression.operands.at(i + 1);
        bounds[i] =
            part ? TemplateOperations::defined(evaluate(*part), line) : TemplateValue::none();
        if (bounds[i].type() != Type::None && !bounds[i].isIntegral())
            throw TemplateFailure{line, QStringLiteral("slice indices must be integers or None")};
    }
    if (base.type() != Type::String && base.type() != Type::List)
        throw TemplateFailure{
            line, QStringLiteral("'%1' object is not subscriptable").arg(base.typeName())};
    const qint64 size = base.type() == Type::String ? base.text().size() : base.items().size();
    const qint64 step = bounds[2].type() == Type::None ? 1 : bounds[2].toInteger();
    if (step == 0)
        throw TemplateFailure{line, QStringLiteral("slice step cannot be zero")};
    const bool forward = step > 0;
    const qint64 start = sliceBound(bounds[0], size, forward ? 0 : size - 1, forward);
    const qint64 stop = sliceBound(bounds[1], size, forward ? size : -1, forward);
    // How many items the slice takes, counted without stepping past the end (a huge step would
    // overflow the index).
    const qint64 span = forward ? stop - start : start - stop;
    const qint64 stride =
        forward ? step : (step == std::numeric_limits<qint64>::min() ? span + 1 : -step);
    const qint64 count = span <= 0 ? 0 : (span - 1) / stride + 1;
    QString text;
    QList<TemplateValue> items;
    for (qint64 k = 0; k < count; ++k) {
        const qint64 i = start + k * step;
        if (base.type() == Type::String)
            text += base.text().at(i);
        else
            items << base.items().at(i);
    }
    return base.type() == Type::String ? TemplateValue::string(text) : TemplateValue::list(items);
}

TemplateArguments TemplateRenderer::argumentsOf(const TemplateExpression &expression, int first)
{
    TemplateArguments arguments;
    arguments.line = expression.line;
    const qsizetype positional = expression.operands.size() - expression.keywords.size();
    for (qsizetype i = first; i < expression.operands.size(); ++i) {
        const TemplateValue value = evaluate(*expression.operands.at(i));
        if (i < positional)
            arguments.positional << value;
        else
            arguments.keywords.insert(expression.keywords.at(i - positional), value);
    }
    return arguments;
}

TemplateValue TemplateRenderer::evaluateCall(const TemplateExpression &expression)
{
    const TemplateExpression &callee = *expression.operands.at(0);
    if (callee.kind == Kind::Attribute) {
        const TemplateValue self = evaluate(*callee.operands.at(0));
        return TemplateMethods::call(TemplateOperations::defined(self, expression.line),
                                     callee.name, argumentsOf(expression, 1));
    }
    if (callee.kind == Kind::Name && TemplateMethods::isFunction(callee.name) &&
        lookup(callee.name).isUndefined())
        return TemplateMethods::function(callee.name, argumentsOf(expression, 1));
    const TemplateValue value = TemplateOperations::defined(evaluate(callee), expression.line);
    throw TemplateFailure{expression.line,
                          QStringLiteral("'%1' object is not callable").arg(value.typeName())};
}

} // namespace Cairn
