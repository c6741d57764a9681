#pragma once

#include "TransactionRepository.h"
#include "auth/Identity.h"
#include "jobs/JobManager.h"

namespace Cairn {

// Runs actions on machines as transactions: jobs serialised per machine (a machine's
// transactions run one at a time, in the order asked), recorded under a uuid. Permission checks
// are the caller's (VirtService).
class MachineTransactions
{
public:
    MachineTransactions(Database &database, JobManager &jobs)
        : m_repository(database)
        , m_jobs(jobs)
    {
    }

    // Queues `work` behind the machine's earlier transactions; `details` are kept with it, for
    // the action's recovery.
    Result<VirtTransaction> start(const Identity &caller, const QString &machineUuid,
                                  const QString &action, JobHandler work,
                                  const QJsonObject &details = {});
    // Cleans up after transactions of `action` that a dying process left half done; it gets
    // the transaction's job, whose params hold `machine` and the details.
    void registerRecovery(const QString &action, JobRecovery recovery);
    // Whether a transaction on the machine is queued or running.
    bool isPending(const QString &machineUuid);
    Result<VirtTransaction> find(const QString &uuid);
    // A queued transaction ends cancelled at once; a running one is asked to stop.
    Result<VirtTransaction> cancel(const VirtTransaction &transaction);
    // The transaction once finished, or as it is when `timeoutMs` have passed.
    Result<VirtTransaction> waitFor(const VirtTransaction &transaction, int timeoutMs);

private:
    static QString laneOf(const QString &machineUuid);

    TransactionRepository m_repository;
    JobManager &m_jobs;
};

} // namespace Cairn
