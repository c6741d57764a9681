#include "Template.h"

#include "TemplateFailure.h"
#include "TemplateLexer.h"
#include "TemplateOperations.h"
#include "TemplateParser.h"
#include "TemplateRenderer.h"

namespace Cairn {

namespace {

Error errorOf(const TemplateFailure &failure)
{
    // Limits on what a value grows to are found where no line is known.
    if (failure.line <= 0)
        return Error::badRequest(failure.message);
    return Error::badRequest(QStringLiteral("line %1: %2").arg(failure.line).arg(failure.message));
}

Result<TemplateNodes> parsed(const QString &source)
{
    if (source.size() > Template::MaxSourceSize)
        return Error::badRequest(QStringLiteral("A template may hold at most %1 KB.")
                                     .arg(Template::MaxSourceSize / 1024));
    try {
        return TemplateParser::parse(TemplateLexer::tokenize(source));
    } catch (const TemplateFailure &failure) {
        return errorOf(failure);
    }
}

// An expression alone, as the only output of a template: `1 }}{{ 2` is not one.
Result<TemplateNodes> expressionNodes(const QString &expression)
{
    Result<TemplateNodes> nodes =
        parsed(QStringLiteral("{{ ") + expression + QStringLiteral(" }}"));
    if (nodes && (nodes->size() != 1 || nodes->first()->kind != TemplateNode::Kind::Output))
        return Error::badRequest(QStringLiteral("Not one expression."));
    return nodes;
}

} // namespace

Result<Template> Template::parse(const QString &source)
{
    Result<TemplateNodes> nodes = parsed(source);
    if (!nodes)
        return nodes.error();
    return Template(std::make_shared<const TemplateNodes>(std::move(nodes).value()));
}

Result<QString> Template::render(const QJsonObject &context) const
{
    try {
        TemplateRenderer renderer(TemplateValue::fromJson(context).entries());
        return renderer.render(*m_nodes);
    } catch (const TemplateFailure &failure) {
        return errorOf(failure);
    }
}

Result<QJsonValue> Template::evaluate(const QString &expression, const QJsonObject &context)
{
    const Result<TemplateNodes> nodes = expressionNodes(expression);
    if (!nodes)
        return nodes.error();
    try {
        TemplateRenderer renderer(TemplateValue::fromJson(context).entries());
        const TemplateValue value = TemplateOperations::defined(
            renderer.evaluate(*nodes->first()->expression), nodes->first()->line);
        return value.toJson();
    } catch (const TemplateFailure &failure) {
        return errorOf(failure);
    }
}

Result<void> Template::checkExpression(const QString &expression)
{
    const Result<TemplateNodes> nodes = expressionNodes(expression);
    if (!nodes)
        return nodes.error();
    return {};
}

bool Template::isTemplated(const QString &text)
{
    return text.contains(QLatin1String("{{")) || text.contains(QLatin1String("{%")) ||
           text.contains(QLatin1String("{#"));
}

} // namespace Cairn
