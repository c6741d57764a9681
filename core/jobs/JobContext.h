#pragma once

#include <QJsonObject>
#include <atomic>
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
               std::shared_ptr<std::atomic_bool> cancelled, std::function<void()> changed);

    qint64 jobId() const { return m_jobId; }
    const QJsonObject &params() const { return m_params; }
    bool isCancelled() const { return m_cancelled->load(); }
    // 0..100; stored (only when it moves) so observers in other processes see it too.
    void setProgress(int percent);

private:
    qint64 m_jobId;
    QJsonObject m_params;
    JobRepository &m_repository;
    std::shared_ptr<std::atomic_bool> m_cancelled;
    std::function<void()> m_changed;
    int m_progress = 0;
};

} // namespace Cairn
