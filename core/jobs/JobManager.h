#pragma once

#include "Job.h"
#include "JobContext.h"
#include "JobRepository.h"
#include "Result.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QThreadPool>
#include <atomic>
#include <functional>
#include <memory>

namespace Cairn {

class Database;

using JobHandler = std::function<Result<QJsonObject>(JobContext &)>;

// Runs long operations on a bounded pool of worker threads, recording each as a Job row.
// Areas register a handler per kind; callers submit and then observe through jobChanged()
// (in-process) or the jobs table (anyone).
class JobManager : public QObject
{
    Q_OBJECT

public:
    JobManager(Database &database, int maxWorkers, QObject *parent = nullptr);
    ~JobManager() override;

    // At start, before any submit: jobs a previous process left queued or running can no
    // longer finish, so they are marked interrupted. Returns how many.
    Result<int> recoverAfterCrash();

    void registerKind(const QString &kind, JobHandler handler);
    Result<Job> submit(const QString &kind, const QJsonObject &params,
                       std::optional<qint64> ownerId = std::nullopt);
    Result<Job> job(qint64 id);
    JobRepository &repository() { return m_repository; }
    // A queued job ends cancelled without running; a running one is asked to stop.
    Result<Job> cancel(qint64 id);
    bool waitForIdle(int timeoutMs);

Q_SIGNALS:
    // Emitted from worker threads; connect with a queued connection from the GUI.
    void jobChanged(qint64 jobId);

private:
    void execute(qint64 jobId, const QString &kind, const QJsonObject &params);

    Database &m_database;
    JobRepository m_repository;
    QThreadPool m_pool;
    QMutex m_mutex;
    QHash<QString, JobHandler> m_handlers;
    QHash<qint64, std::shared_ptr<std::atomic_bool>> m_cancelFlags;
};

} // namespace Cairn
