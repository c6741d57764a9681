#pragma once

#include <QtGlobal>

namespace Cairn {

// What one render may build, in units of text characters and list items, whatever builds them
// (operators, filters, methods): a template that grows values exponentially by sharing
// ([a, a] forty times) or copies a large text a million times ends with an error instead of
// taking the memory. The renderer opens a Scope on its thread; values made outside a render
// (the context itself) cost nothing.
class TemplateBudget
{
public:
    static constexpr qint64 MaxUnits = 64 * 1024 * 1024;

    // Charges `units` to the render running on this thread; throws TemplateFailure past the
    // budget.
    static void spend(qint64 units);
    // Whether a render runs on this thread (values built outside renders are not bounded).
    static bool inRender();

    class Scope
    {
    public:
        Scope();
        ~Scope();
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;

    private:
        qint64 m_spent = 0;
        qint64 *m_outer;
    };
};

} // namespace Cairn
