#pragma once

#include "Result.h"
#include "TemplateSyntax.h"

#include <QJsonObject>
#include <QJsonValue>

namespace Cairn {

// A Jinja2 template (Cairn's own engine, checked against python3-jinja2): parsed once, rendered
// many times from any thread. What it may name comes from the context given to render: a
// missing name or key is an error naming it, never an empty string. Errors say at which line.
class Template
{
public:
    // The largest template source read.
    static constexpr qsizetype MaxSourceSize = 256 * 1024;

    static Result<Template> parse(const QString &source);
    Result<QString> render(const QJsonObject &context) const;
    // One expression (what would stand inside {{ }}) evaluated to a value.
    static Result<QJsonValue> evaluate(const QString &expression, const QJsonObject &context);
    // Whether `expression` parses as one expression (a data extraction's query).
    static Result<void> checkExpression(const QString &expression);
    // Whether `text` holds template markup at all (plain text renders to itself).
    static bool isTemplated(const QString &text);

private:
    explicit Template(std::shared_ptr<const TemplateNodes> nodes)
        : m_nodes(std::move(nodes))
    {
    }

    std::shared_ptr<const TemplateNodes> m_nodes;
};

} // namespace Cairn
