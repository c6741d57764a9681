#pragma once

#include "TransactionRepository.h"
#include "auth/Identity.h"
#include "jobs/JobManager.h"

#include <QMutex>

namespace Cairn {

// Runs actions on machines as transactions: jobs recorded under a uuid, one at a time per
// machine. While one is queued or running, another is refused naming it (Enomalism's lock): a
// caller that asked to start a machine must not find it started after an hour-long package it
// never saw. Permission checks are the caller's (VirtService).
class MachineTransactions
{
public:
    MachineTransactions(Database &database, JobManager &jobs)
        : m_repository(database)
        , m_jobs(jobs)
    {
    }

    // Starts `work` unless the machine is busy (Conflict naming its transaction); `details` are
    // kept with it, for the action's recovery.
    Result<VirtTransaction> start(const Identity &caller, const QString &machineUuid,
                                  const QString &action, JobHandler work,
                                  const QJsonObject &details = {});
    // Cleans up after transactions of `action` that a dying process left half done; it gets
    // the transaction's job, whose params hold `machine` and the details.
    void registerRecovery(const QString &action, JobRecovery recovery);
    Result<VirtTransaction> find(const QString &uuid);
    TransactionRepository &repository() { return m_repository; }
    // A queued transaction ends cancelled at once; a running one is asked to stop.
    Result<VirtTransaction> cancel(const VirtTransaction &transaction);
    // The transaction once finished, or as it is when `timeoutMs` have passed.
    Result<VirtTransaction> waitFor(const VirtTransaction &transaction, int timeoutMs);

private:
    static QString laneOf(const QString &machineUuid);

    TransactionRepository m_repository;
    JobManager &m_jobs;
    // Held from the busy check until the new transaction is recorded.
    QMutex m_startMutex;
};

} // namespace Cairn
