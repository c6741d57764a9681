#pragma once

#include "Job.h"
#include "Result.h"
#include "auth/Identity.h"

#include <QList>

namespace Cairn {

class JobManager;

// Which jobs a caller sees and may cancel, for every face and the GUI alike: a superuser every
// job, anyone else their own (other jobs do not exist for them); a read-only token cancels
// nothing. Listings carry the live progress of jobs running in this process.
class JobAccess
{
public:
    explicit JobAccess(JobManager &jobs)
        : m_jobs(jobs)
    {
    }

    // Newest first.
    Result<QList<Job>> list(const Identity &caller, int limit, int offset);
    Result<qint64> count(const Identity &caller);
    Result<Job> job(const Identity &caller, qint64 id);
    Result<Job> cancel(const Identity &caller, qint64 id);

private:
    static std::optional<qint64> visibleOwner(const Identity &caller);

    JobManager &m_jobs;
};

} // namespace Cairn
