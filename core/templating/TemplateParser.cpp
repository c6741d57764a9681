#include "TemplateParser.h"

#include "TemplateFailure.h"
#include "TemplateFilters.h"

namespace Cairn {

namespace {

using Kind = TemplateToken::Kind;
using Expr = TemplateExpression;
using ExprPtr = TemplateExpressionPtr;

// Nesting beyond this is refused, so that a hostile template cannot exhaust the stack.
constexpr int MaxDepth = 100;

class Parser
{
public:
    explicit Parser(const QList<TemplateToken> &tokens)
        : m_tokens(tokens)
    {
    }

    TemplateNodes parseAll()
    {
        TemplateNodes nodes = parseBody({});
        if (current().kind != Kind::End)
            fail(QStringLiteral("Unexpected '%1' tag.").arg(m_endedBy));
        return nodes;
    }

private:
    struct DepthGuard
    {
        explicit DepthGuard(Parser &parser)
            : parser(parser)
        {
            if (++parser.m_depth > MaxDepth)
                parser.fail(
                    QStringLiteral("The template nests deeper than %1 levels.").arg(MaxDepth));
        }
        ~DepthGuard() { --parser.m_depth; }
        DepthGuard(const DepthGuard &) = delete;
        DepthGuard &operator=(const DepthGuard &) = delete;
        Parser &parser;
    };

    [[noreturn]] void fail(const QString &message) const
    {
        throw TemplateFailure{current().line, message};
    }

    const TemplateToken &current() const { return m_tokens.at(m_pos); }
    const TemplateToken &peek(int ahead = 1) const
    {
        return m_tokens.at(qMin(m_pos + ahead, m_tokens.size() - 1));
    }
    TemplateToken next() { return m_tokens.at(m_pos < m_tokens.size() - 1 ? m_pos++ : m_pos); }

    static QString describe(const TemplateToken &token)
    {
        switch (token.kind) {
        case Kind::End:
            return QStringLiteral("end of template");
        case Kind::VariableEnd:
            return QStringLiteral("'}}'");
        case Kind::BlockEnd:
            return QStringLiteral("'%}'");
        case Kind::Text:
            return QStringLiteral("text");
        default:
            return QLatin1Char('\'') + token.text + QLatin1Char('\'');
        }
    }

    void expectOperator(QStringView op)
    {
        if (!current().isOperator(op))
            fail(QStringLiteral("Expected '%1', found %2.").arg(op, describe(current())));
        next();
    }

    void expect(Kind kind, const QString &what)
    {
        if (current().kind != kind)
            fail(QStringLiteral("Expected %1, found %2.").arg(what, describe(current())));
        next();
    }

    QString expectName()
    {
        if (current().kind != Kind::Name)
            fail(QStringLiteral("Expected a name, found %1.").arg(describe(current())));
        return next().text;
    }

    // Nodes up to a {% tag %} whose name is in `ends` (left for the caller, whose name is in
    // m_endedBy) or the end of the template.
    TemplateNodes parseBody(const QStringList &ends)
    {
        const DepthGuard guard(*this);
        TemplateNodes nodes;
        for (;;) {
            const TemplateToken &token = current();
            if (token.kind == Kind::End) {
                if (!ends.isEmpty())
                    fail(QStringLiteral("Unexpected end of template: expected %1.")
                             .arg(ends.join(QLatin1String(" or "))));
                return nodes;
            }
            if (token.kind == Kind::Text) {
                auto node = std::make_shared<TemplateNode>();
                node->line = token.line;
                node->text = next().text;
                nodes << node;
            } else if (token.kind == Kind::VariableBegin) {
                next();
                auto node = std::make_shared<TemplateNode>();
                node->kind = TemplateNode::Kind::Output;
                node->line = token.line;
                node->expression = parseTuple();
                expect(Kind::VariableEnd, QStringLiteral("'}}'"));
                nodes << node;
            } else if (token.kind == Kind::BlockBegin) {
                const TemplateToken &tag = peek();
                if (tag.kind == Kind::Name && ends.contains(tag.text)) {
                    m_endedBy = tag.text;
                    return nodes;
                }
                if (tag.kind == Kind::Name && isEndTag(tag.text)) {
                    m_endedBy = tag.text;
                    if (ends.isEmpty())
                        fail(QStringLiteral("Unexpected '%1' tag.").arg(tag.text));
                    fail(QStringLiteral("Unexpected '%1' tag: expected %2.")
                             .arg(tag.text, ends.join(QLatin1String(" or "))));
                }
                next();
                nodes << parseStatement();
            } else {
                fail(QStringLiteral("Unexpected %1.").arg(describe(token)));
            }
        }
    }

    static bool isEndTag(const QString &name)
    {
        return name.startsWith(QLatin1String("end")) || name == u"elif" || name == u"else";
    }

    // After {% and before the tag's name.
    std::shared_ptr<TemplateNode> parseStatement()
    {
        const TemplateToken tag = current();
        if (tag.kind != Kind::Name)
            fail(QStringLiteral("Expected a tag name, found %1.").arg(describe(tag)));
        next();
        if (tag.text == u"if")
            return parseIf(tag.line);
        if (tag.text == u"for")
            return parseFor(tag.line);
        if (tag.text == u"set")
            return parseSet(tag.line);
        fail(QStringLiteral("Encountered unknown tag '%1'.").arg(tag.text));
    }

    // Consumes {% name %} (the tag's opening token is current).
    void closeTag(const QString &name)
    {
        next();
        if (current().kind != Kind::Name || current().text != name)
            fail(QStringLiteral("Expected '%1'.").arg(name));
        next();
        expect(Kind::BlockEnd, QStringLiteral("'%}'"));
    }

    std::shared_ptr<TemplateNode> parseIf(int line)
    {
        auto node = std::make_shared<TemplateNode>();
        node->kind = TemplateNode::Kind::If;
        node->line = line;
        node->conditions << parseTuple();
        expect(Kind::BlockEnd, QStringLiteral("'%}'"));
        const QStringList ends{QStringLiteral("elif"), QStringLiteral("else"),
                               QStringLiteral("endif")};
        for (;;) {
            node->bodies << parseBody(ends);
            next();
            const QString tag = next().text;
            if (tag == u"elif") {
                node->conditions << parseTuple();
                expect(Kind::BlockEnd, QStringLiteral("'%}'"));
                continue;
            }
            expect(Kind::BlockEnd, QStringLiteral("'%}'"));
            if (tag == u"else") {
                node->elseBody = parseBody({QStringLiteral("endif")});
                closeTag(QStringLiteral("endif"));
            }
            return node;
        }
    }

    std::shared_ptr<TemplateNode> parseFor(int line)
    {
        auto node = std::make_shared<TemplateNode>();
        node->kind = TemplateNode::Kind::For;
        node->line = line;
        node->targets = parseTargets();
        if (!current().isName(u"in"))
            fail(QStringLiteral("Expected 'in', found %1.").arg(describe(current())));
        next();
        node->expression = parseTuple(false);
        if (current().isName(u"if")) {
            next();
            node->condition = parseExpression(false);
        }
        if (current().isName(u"recursive"))
            fail(QStringLiteral("Recursive loops are not supported."));
        expect(Kind::BlockEnd, QStringLiteral("'%}'"));
        node->body = parseBody({QStringLiteral("else"), QStringLiteral("endfor")});
        next();
        const QString tag = next().text;
        expect(Kind::BlockEnd, QStringLiteral("'%}'"));
        if (tag == u"else") {
            node->elseBody = parseBody({QStringLiteral("endfor")});
            closeTag(QStringLiteral("endfor"));
        }
        return node;
    }

    QStringList parseTargets()
    {
        QStringList targets;
        const bool parenthesised = current().isOperator(u"(");
        if (parenthesised)
            next();
        for (;;) {
            targets << expectName();
            if (!current().isOperator(u","))
                break;
            next();
        }
        if (parenthesised)
            expectOperator(u")");
        return targets;
    }

    std::shared_ptr<TemplateNode> parseSet(int line)
    {
        auto node = std::make_shared<TemplateNode>();
        node->line = line;
        node->targets = parseTargets();
        if (current().kind == Kind::BlockEnd && node->targets.size() == 1) {
            next();
            node->kind = TemplateNode::Kind::SetBlock;
            node->body = parseBody({QStringLiteral("endset")});
            closeTag(QStringLiteral("endset"));
            return node;
        }
        if (current().isOperator(u"."))
            fail(QStringLiteral("Setting an attribute ({% set a.b %}) is not supported."));
        node->kind = TemplateNode::Kind::Set;
        expectOperator(u"=");
        node->expression = parseTuple();
        expect(Kind::BlockEnd, QStringLiteral("'%}'"));
        return node;
    }

    ExprPtr make(Expr::Kind kind, int line, QList<ExprPtr> operands, QString name = {}) const
    {
        auto node = std::make_shared<Expr>();
        node->kind = kind;
        node->line = line;
        node->operands = std::move(operands);
        node->name = std::move(name);
        return sealed(node);
    }

    // A node with its depth worked out; one deeper than MaxDepth is refused here, before a long
    // chain (`1+1+1...`, `a.b.b...`, `x|e|e...`) could become a tree too deep to walk.
    ExprPtr sealed(const std::shared_ptr<Expr> &node) const
    {
        for (const ExprPtr &operand : std::as_const(node->operands)) {
            if (operand)
                node->depth = qMax(node->depth, operand->depth + 1);
        }
        if (node->depth > MaxDepth)
            fail(QStringLiteral("The template nests deeper than %1 levels.").arg(MaxDepth));
        return node;
    }

    // `a, b` without brackets is a tuple, as in Jinja.
    ExprPtr parseTuple(bool withCondition = true)
    {
        const int line = current().line;
        ExprPtr first = parseExpression(withCondition);
        if (!current().isOperator(u","))
            return first;
        QList<ExprPtr> items{first};
        while (current().isOperator(u",")) {
            next();
            if (current().kind == Kind::VariableEnd || current().kind == Kind::BlockEnd ||
                current().isOperator(u")"))
                break;
            items << parseExpression(withCondition);
        }
        return make(Expr::Kind::List, line, items, QStringLiteral("tuple"));
    }

    ExprPtr parseExpression(bool withCondition = true)
    {
        const DepthGuard guard(*this);
        ExprPtr value = parseOr();
        if (!withCondition)
            return value;
        while (current().isName(u"if")) {
            const int line = next().line;
            ExprPtr condition = parseOr();
            ExprPtr otherwise;
            if (current().isName(u"else")) {
                next();
                otherwise = parseExpression();
            }
            value = make(Expr::Kind::Conditional, line, {condition, value, otherwise});
        }
        return value;
    }

    ExprPtr parseOr()
    {
        ExprPtr left = parseAnd();
        while (current().isName(u"or")) {
            const int line = next().line;
            left = make(Expr::Kind::Or, line, {left, parseAnd()});
        }
        return left;
    }

    ExprPtr parseAnd()
    {
        ExprPtr left = parseNot();
        while (current().isName(u"and")) {
            const int line = next().line;
            left = make(Expr::Kind::And, line, {left, parseNot()});
        }
        return left;
    }

    ExprPtr parseNot()
    {
        if (current().isName(u"not")) {
            const DepthGuard guard(*this);
            const int line = next().line;
            return make(Expr::Kind::Not, line, {parseNot()});
        }
        return parseCompare();
    }

    ExprPtr parseCompare()
    {
        static const QStringList Operators{QStringLiteral("=="), QStringLiteral("!="),
                                           QStringLiteral("<"),  QStringLiteral("<="),
                                           QStringLiteral(">"),  QStringLiteral(">=")};
        const int line = current().line;
        QList<ExprPtr> operands{parseMath()};
        QStringList operators;
        for (;;) {
            if (current().kind == Kind::Operator && Operators.contains(current().text)) {
                operators << next().text;
            } else if (current().isName(u"in")) {
                next();
                operators << QStringLiteral("in");
            } else if (current().isName(u"not") && peek().isName(u"in")) {
                next();
                next();
                operators << QStringLiteral("not in");
            } else {
                break;
            }
            operands << parseMath();
        }
        if (operators.isEmpty())
            return operands.first();
        auto node = std::make_shared<Expr>();
        node->kind = Expr::Kind::Compare;
        node->line = line;
        node->operands = operands;
        node->operators = operators;
        return sealed(node);
    }

    ExprPtr parseMath()
    {
        ExprPtr left = parseConcat();
        while (current().isOperator(u"+") || current().isOperator(u"-")) {
            const TemplateToken op = next();
            left = make(Expr::Kind::Binary, op.line, {left, parseConcat()}, op.text);
        }
        return left;
    }

    ExprPtr parseConcat()
    {
        ExprPtr left = parseProduct();
        while (current().isOperator(u"~")) {
            const TemplateToken op = next();
            left = make(Expr::Kind::Binary, op.line, {left, parseProduct()}, op.text);
        }
        return left;
    }

    ExprPtr parseProduct()
    {
        ExprPtr left = parsePower();
        while (current().isOperator(u"*") || current().isOperator(u"/") ||
               current().isOperator(u"//") || current().isOperator(u"%")) {
            const TemplateToken op = next();
            left = make(Expr::Kind::Binary, op.line, {left, parsePower()}, op.text);
        }
        return left;
    }

    ExprPtr parsePower()
    {
        ExprPtr left = parseUnary(true);
        while (current().isOperator(u"**")) {
            const TemplateToken op = next();
            left = make(Expr::Kind::Binary, op.line, {left, parseUnary(true)}, op.text);
        }
        return left;
    }

    // As Jinja: a sign binds tighter than the filters after it (-x|abs is abs(-x)).
    ExprPtr parseUnary(bool withFilter)
    {
        const DepthGuard guard(*this);
        ExprPtr node;
        if (current().isOperator(u"-") || current().isOperator(u"+")) {
            const TemplateToken op = next();
            node = make(op.text == u"-" ? Expr::Kind::Negative : Expr::Kind::Positive, op.line,
                        {parseUnary(false)});
        } else {
            node = parsePostfix(parsePrimary());
        }
        return withFilter ? parseFilters(node) : node;
    }

    ExprPtr parsePrimary()
    {
        const TemplateToken token = current();
        switch (token.kind) {
        case Kind::Name: {
            next();
            if (token.text == u"true" || token.text == u"True")
                return literal(TemplateValue::boolean(true), token.line);
            if (token.text == u"false" || token.text == u"False")
                return literal(TemplateValue::boolean(false), token.line);
            if (token.text == u"none" || token.text == u"None")
                return literal(TemplateValue::none(), token.line);
            return make(Expr::Kind::Name, token.line, {}, token.text);
        }
        case Kind::String: {
            // Adjacent strings join, as in Python.
            QString text;
            while (current().kind == Kind::String)
                text += next().text;
            return literal(TemplateValue::string(text), token.line);
        }
        case Kind::Integer:
            next();
            return literal(TemplateValue::integer(token.integer), token.line);
        case Kind::Float:
            next();
            return literal(TemplateValue::number(token.number), token.line);
        case Kind::Operator:
            if (token.text == u"(") {
                next();
                if (current().isOperator(u")")) {
                    next();
                    return make(Expr::Kind::List, token.line, {}, QStringLiteral("tuple"));
                }
                ExprPtr inner = parseTuple();
                expectOperator(u")");
                return inner;
            }
            if (token.text == u"[")
                return parseList();
            if (token.text == u"{")
                return parseDict();
            break;
        default:
            break;
        }
        fail(QStringLiteral("Unexpected %1.").arg(describe(token)));
    }

    static ExprPtr literal(TemplateValue value, int line)
    {
        auto node = std::make_shared<Expr>();
        node->line = line;
        node->value = std::move(value);
        return node;
    }

    ExprPtr parseList()
    {
        const int line = next().line;
        QList<ExprPtr> items;
        while (!current().isOperator(u"]")) {
            if (!items.isEmpty())
                expectOperator(u",");
            if (current().isOperator(u"]"))
                break;
            items << parseExpression();
        }
        next();
        return make(Expr::Kind::List, line, items);
    }

    ExprPtr parseDict()
    {
        const int line = next().line;
        QList<ExprPtr> items;
        while (!current().isOperator(u"}")) {
            if (!items.isEmpty())
                expectOperator(u",");
            if (current().isOperator(u"}"))
                break;
            items << parseExpression();
            expectOperator(u":");
            items << parseExpression();
        }
        next();
        return make(Expr::Kind::Dict, line, items);
    }

    ExprPtr parsePostfix(ExprPtr node)
    {
        for (;;) {
            const TemplateToken &token = current();
            if (token.isOperator(u".")) {
                next();
                if (current().kind == Kind::Integer) {
                    node = make(
                        Expr::Kind::Item, token.line,
                        {node, literal(TemplateValue::integer(current().integer), token.line)});
                    next();
                } else {
                    node = make(Expr::Kind::Attribute, token.line, {node}, expectName());
                }
            } else if (token.isOperator(u"[")) {
                next();
                node = parseSubscript(node, token.line);
            } else if (token.isOperator(u"(")) {
                node = parseCall(Expr::Kind::Call, token.line, {node}, {});
            } else {
                return node;
            }
        }
    }

    ExprPtr parseSubscript(const ExprPtr &base, int line)
    {
        QList<ExprPtr> parts{base};
        bool slice = false;
        for (int part = 0; part < 3; ++part) {
            if (current().isOperator(u":") || current().isOperator(u"]"))
                parts << ExprPtr();
            else
                parts << parseExpression();
            if (!current().isOperator(u":") || part == 2)
                break;
            slice = true;
            next();
        }
        expectOperator(u"]");
        // Jinja reads `x[]` as `x[()]`: the empty tuple is the key.
        if (!slice && !parts.at(1))
            return make(Expr::Kind::Item, line,
                        {base, make(Expr::Kind::List, line, {}, QStringLiteral("tuple"))});
        if (!slice)
            return make(Expr::Kind::Item, line, {base, parts.at(1)});
        while (parts.size() < 4)
            parts << ExprPtr();
        return make(Expr::Kind::Slice, line, parts);
    }

    // `(args, key=value)` after a callee, a filter or a test.
    ExprPtr parseCall(Expr::Kind kind, int line, QList<ExprPtr> operands, const QString &name)
    {
        const DepthGuard guard(*this);
        expectOperator(u"(");
        QStringList keywords;
        while (!current().isOperator(u")")) {
            if (operands.size() > 1)
                expectOperator(u",");
            if (current().isOperator(u")"))
                break;
            if (current().kind == Kind::Name && peek().isOperator(u"=")) {
                keywords << next().text;
                next();
            } else if (!keywords.isEmpty()) {
                fail(QStringLiteral("A positional argument follows a keyword argument."));
            }
            operands << parseExpression();
        }
        next();
        auto node = std::make_shared<Expr>();
        node->kind = kind;
        node->line = line;
        node->operands = std::move(operands);
        node->keywords = keywords;
        node->name = name;
        return sealed(node);
    }

    ExprPtr parseFilters(ExprPtr node)
    {
        for (;;) {
            if (current().isOperator(u"|")) {
                const int line = next().line;
                const QString name = dottedName();
                if (!TemplateFilters::hasFilter(name))
                    fail(QStringLiteral("No filter named '%1'.").arg(name));
                if (current().isOperator(u"("))
                    node = parseCall(Expr::Kind::Filter, line, {node}, name);
                else
                    node = make(Expr::Kind::Filter, line, {node}, name);
            } else if (current().isName(u"is")) {
                node = parseTest(node);
            } else if (current().isOperator(u"(")) {
                node = parseCall(Expr::Kind::Call, current().line, {node}, {});
            } else {
                return node;
            }
        }
    }

    QString dottedName()
    {
        QString name = expectName();
        while (current().isOperator(u".")) {
            next();
            name += QLatin1Char('.') + expectName();
        }
        return name;
    }

    ExprPtr parseTest(const ExprPtr &node)
    {
        const int line = next().line;
        bool negated = false;
        if (current().isName(u"not")) {
            next();
            negated = true;
        }
        const QString name = dottedName();
        if (!TemplateFilters::hasTest(name))
            fail(QStringLiteral("No test named '%1'.").arg(name));
        ExprPtr test;
        if (current().isOperator(u"(")) {
            test = parseCall(Expr::Kind::Test, line, {node}, name);
        } else if (startsArgument(current())) {
            // `x is divisibleby 3`: one argument without brackets.
            test = make(Expr::Kind::Test, line, {node, parsePostfix(parsePrimary())}, name);
        } else {
            test = make(Expr::Kind::Test, line, {node}, name);
        }
        auto negatedTest = std::make_shared<Expr>(*test);
        negatedTest->negated = negated;
        return sealed(negatedTest);
    }

    static bool startsArgument(const TemplateToken &token)
    {
        static const QStringList Words{QStringLiteral("else"), QStringLiteral("or"),
                                       QStringLiteral("and"),  QStringLiteral("if"),
                                       QStringLiteral("in"),   QStringLiteral("is"),
                                       QStringLiteral("not")};
        switch (token.kind) {
        case Kind::Name:
            return !Words.contains(token.text);
        case Kind::String:
        case Kind::Integer:
        case Kind::Float:
            return true;
        case Kind::Operator:
            return token.text == u"[" || token.text == u"{";
        default:
            return false;
        }
    }

    const QList<TemplateToken> &m_tokens;
    int m_pos = 0;
    int m_depth = 0;
    QString m_endedBy;
};

} // namespace

TemplateNodes TemplateParser::parse(const QList<TemplateToken> &tokens)
{
    return Parser(tokens).parseAll();
}

} // namespace Cairn
