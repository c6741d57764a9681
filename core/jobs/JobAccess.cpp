#include "JobAccess.h"

#include "JobManager.h"

namespace Cairn {

std::optional<qint64> JobAccess::visibleOwner(const Identity &caller)
{
    return caller.user.isSuperuser ? std::nullopt : std::optional<qint64>(caller.user.id);
}

Result<QList<Job>> JobAccess::list(const Identity &caller, int limit, int offset)
{
    Result<QList<Job>> page = m_jobs.repository().list(visibleOwner(caller), limit, offset);
    if (page) {
        for (Job &job : page.value())
            job = m_jobs.withLiveProgress(job);
    }
    return page;
}

Result<qint64> JobAccess::count(const Identity &caller)
{
    return m_jobs.repository().count(visibleOwner(caller));
}

Result<Job> JobAccess::job(const Identity &caller, qint64 id)
{
    Result<Job> found = m_jobs.job(id);
    const std::optional<qint64> owner = visibleOwner(caller);
    if (found && owner && found->ownerId != owner)
        return Error::notFound(QStringLiteral("No job with id %1.").arg(id));
    return found;
}

Result<Job> JobAccess::cancel(const Identity &caller, qint64 id)
{
    const Result<Job> found = job(caller, id);
    if (!found)
        return found.error();
    if (caller.readOnly)
        return Error::forbidden(QStringLiteral("A read-only token cannot cancel jobs."));
    return m_jobs.cancel(id);
}

} // namespace Cairn
