#include "MachineTransactions.h"

#include <QSysInfo>
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
    const QMutexLocker lock(&m_startMutex);
    const Result<std::optional<VirtTransaction>> busy = m_repository.unfinishedOf(machineUuid);
    if (!busy)
        return busy.error();
    if (busy->has_value()) {
        const VirtTransaction &running = busy->value();
        return Error::conflict(
            QStringLiteral("Machine %1 is busy with transaction %2 (%3, %4): "
                           "wait for it to end or cancel it.")
                .arg(machineUuid, running.uuid, running.action, running.state()));
    }
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QJsonObject params = details;
    params.insert(QStringLiteral("transaction"), uuid);
    params.insert(QStringLiteral("machine"), machineUuid);
    params.insert(QStringLiteral("action"), action);
    params.insert(QStringLiteral("host"), QSysInfo::machineHostName());
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
    // Servers sharing a database see each other's jobs: only a job this host ran may be
    // cleaned up after, or a starting server would undo another's work in progress.
    m_jobs.registerRecovery(
        QStringLiteral("virt.") + action, [recovery = std::move(recovery)](const Job &job) {
            const QString host = job.params.value(QStringLiteral("host")).toString();
            if (host != QSysInfo::machineHostName())
                return QStringLiteral("nothing here: it ran on %1").arg(host);
            return recovery(job);
        });
}

Result<VirtTransaction> MachineTransactions::find(const QString &uuid)
{
    return m_repository.byUuid(uuid);
}

Result<VirtTransaction> MachineTransactions::cancel(const VirtTransaction &transaction)
{
    const Result<Job> job = m_jobs.cancel(transaction.job.id);
    // A finished transaction is answered as it is, as Enomalism does.
    if (!job && job.error().code != ErrorCode::Conflict)
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
