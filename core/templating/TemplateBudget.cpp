#include "TemplateBudget.h"

#include "TemplateFailure.h"

namespace Cairn {

namespace {

// The units the render on this thread has spent; null outside renders.
thread_local qint64 *t_spent = nullptr;

} // namespace

TemplateBudget::Scope::Scope()
    : m_outer(t_spent)
{
    t_spent = &m_spent;
}

TemplateBudget::Scope::~Scope()
{
    t_spent = m_outer;
}

bool TemplateBudget::inRender()
{
    return t_spent != nullptr;
}

void TemplateBudget::spend(qint64 units)
{
    if (!t_spent)
        return;
    *t_spent += units;
    if (*t_spent > MaxUnits)
        throw TemplateFailure{0, QStringLiteral("The template builds more than %1 million "
                                                "characters and items.")
                                     .arg(MaxUnits / (1024 * 1024))};
}

} // namespace Cairn
