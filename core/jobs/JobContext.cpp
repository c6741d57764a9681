#include "JobContext.h"

#include "JobRepository.h"

#include <QtGlobal>

namespace Cairn {

JobContext::JobContext(qint64 jobId, QJsonObject params, JobRepository &repository,
                       std::shared_ptr<JobStop> stop, std::function<void(int percent)> progressed)
    : m_jobId(jobId)
    , m_params(std::move(params))
    , m_repository(repository)
    , m_stop(std::move(stop))
    , m_progressed(std::move(progressed))
{
}

void JobContext::setProgress(int percent)
{
    percent = qBound(0, percent, 100);
    if (percent == m_progress)
        return;
    m_progress = percent;
    (void)m_repository.setProgress(m_jobId, percent);
    m_progressed(percent);
}

Progress JobContext::progress()
{
    return {[this](double fraction) { setProgress(int(fraction * 100.0)); },
            [this] { return isCancelled(); },
            [this] {
                return m_stop->claimFinish();
            }};
}

void JobContext::setItemOutcomes(int succeeded, int failed)
{
    m_succeededItems = succeeded;
    m_failedItems = failed;
}

JobState JobContext::finishedState() const
{
    if (m_failedItems == 0)
        return JobState::Succeeded;
    return m_succeededItems == 0 ? JobState::Failed : JobState::Partial;
}

QString JobContext::failureSummary() const
{
    if (m_failedItems == 0)
        return {};
    const int total = m_succeededItems + m_failedItems;
    return total == 1 ? QStringLiteral("The only item failed.")
                      : QStringLiteral("%1 of %2 items failed.").arg(m_failedItems).arg(total);
}

} // namespace Cairn
