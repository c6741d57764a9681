#include "MachineTransactions.h"

#include <QUuid>

namespace Cairn {

QString MachineTransactions::laneOf(const QString &machineUuid)
{
    return QStringLiteral("virt.machine:") + machineUuid;
}

Result<VirtTransaction> MachineTransactions::start(const Identity &caller,
                                                   const QString &machineUuid,
                                                   const QString &action, JobHandler work,
                                                   const QJsonObject &details)
{
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QJsonObject params = details;
    params.insert(QStringLiteral("transaction"), uuid);
    params.insert(QStringLiteral("machine"), machineUuid);
    params.insert(QStringLiteral("action"), action);
    const Result<Job> job =
        m_jobs.submitInLane(laneOf(machineUuid), QStringLiteral("virt.") + action, params,
                            caller.user.id, std::move(work));
    if (!job)
        return job.error();
    const Result<void> recorded = m_repository.insert(uuid, job->id, machineUuid, action);
    if (!recorded) {
        // Nobody could follow or cancel it: it must not run unseen.
        (void)m_jobs.cancel(job->id);
        return recorded.error();
    }
    return m_repository.byUuid(uuid);
}

void MachineTransactions::registerRecovery(const QString &action, JobRecovery recovery)
{
    m_jobs.registerRecovery(QStringLiteral("virt.") + action, std::move(recovery));
}

bool MachineTransactions::isPending(const QString &machineUuid)
{
    return m_jobs.isLaneBusy(laneOf(machineUuid));
}

Result<VirtTransaction> MachineTransactions::find(const QString &uuid)
{
    return m_repository.byUuid(uuid);
}

Result<VirtTransaction> MachineTransactions::cancel(const VirtTransaction &transaction)
{
    const Result<Job> job = m_jobs.cancel(transaction.job.id);
    if (!job)
        return job.error();
    return m_repository.byUuid(transaction.uuid);
}

Result<VirtTransaction> MachineTransactions::waitFor(const VirtTransaction &transaction,
                                                     int timeoutMs)
{
    const Result<Job> job = m_jobs.waitFor(transaction.job.id, timeoutMs);
    if (!job)
        return job.error();
    return m_repository.byUuid(transaction.uuid);
}

} // namespace Cairn
