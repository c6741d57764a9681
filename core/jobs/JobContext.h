#pragma once

#include "Job.h"
#include "JobStop.h"
#include "Progress.h"

#include <QJsonObject>
#include <functional>
#include <memory>

namespace Cairn {

class JobRepository;

// What a running job sees of itself: its parameters, a way to report progress, and whether
// someone asked it to stop (handlers check between steps and return early).
class JobContext
{
public:
    JobContext(qint64 jobId, QJsonObject params, JobRepository &repository,
               std::shared_ptr<JobStop> stop, std::function<void(int percent)> progressed);

    qint64 jobId() const { return m_jobId; }
    const QJsonObject &params() const { return m_params; }
    bool isCancelled() const { return m_stop->asked(); }
    // 0..100, when it moves: stored so that observers in other processes see it too (once the
    // job's transaction, if it writes in one, commits), and kept by the manager for this one.
    void setProgress(int percent);
    // The same as a Progress, for work that reports in fractions and stops when asked.
    Progress progress();
    // For jobs made of items (a bulk execution): how many succeeded and failed, which decides
    // whether the finished job is succeeded, partial or failed.
    void setItemOutcomes(int succeeded, int failed);
    // The state a handler that returned normally finishes in.
    JobState finishedState() const;
    // Why a job that returned normally still failed in part or in whole; empty if it did not.
    QString failureSummary() const;

private:
    qint64 m_jobId;
    QJsonObject m_params;
    JobRepository &m_repository;
    std::shared_ptr<JobStop> m_stop;
    std::function<void(int percent)> m_progressed;
    int m_progress = 0;
    int m_succeededItems = 0;
    int m_failedItems = 0;
};

} // namespace Cairn
