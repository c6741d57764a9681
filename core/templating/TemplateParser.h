#pragma once

#include "TemplateSyntax.h"
#include "TemplateToken.h"

namespace Cairn {

// Jinja2's grammar over the lexer's tokens: if/elif/else, for (with a filter, else and tuple
// targets), set (a value or a block), and expressions with Python's precedence (or, and, not,
// comparisons and `in`, + -, ~, * / // %, **, unary signs, filters, tests, calls, attributes,
// items and slices, conditional expressions).
class TemplateParser
{
public:
    // Throws TemplateFailure naming the line and what was expected.
    static TemplateNodes parse(const QList<TemplateToken> &tokens);
};

} // namespace Cairn
