#pragma once

#include "TemplateToken.h"

#include <QList>

namespace Cairn {

// Jinja2's lexer with its default settings: {{ }} for output, {% %} for statements, {# #} for
// comments, `-` beside a delimiter strips the whitespace on that side, {% raw %} keeps text as
// it is, and one newline at the very end of the template is dropped.
class TemplateLexer
{
public:
    // Throws TemplateFailure on text it cannot read (an unclosed tag or string).
    static QList<TemplateToken> tokenize(const QString &source);
};

} // namespace Cairn
