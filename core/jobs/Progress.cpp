#include "Progress.h"

#include <QtGlobal>

namespace Cairn {

Progress::Progress(Report report, StopAsked stopAsked, ClaimFinish claimFinish)
    : m_report(std::move(report))
    , m_stopAsked(std::move(stopAsked))
    , m_claimFinish(std::move(claimFinish))
{
}

void Progress::report(double fraction) const
{
    if (m_report)
        m_report(m_from + qBound(0.0, fraction, 1.0) * (m_to - m_from));
}

bool Progress::stopAsked() const
{
    return m_stopAsked && m_stopAsked();
}

bool Progress::claimFinish() const
{
    return m_claimFinish ? m_claimFinish() : !stopAsked();
}

Progress Progress::part(double from, double to) const
{
    Progress part = *this;
    part.m_from = m_from + qBound(0.0, from, 1.0) * (m_to - m_from);
    part.m_to = m_from + qBound(0.0, to, 1.0) * (m_to - m_from);
    return part;
}

Error Progress::stopped()
{
    return Error::conflict(QStringLiteral("Stopped before it finished; nothing was changed."));
}

} // namespace Cairn
