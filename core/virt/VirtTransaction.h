#pragma once

#include "jobs/Job.h"

#include <QJsonObject>
#include <QString>

namespace Cairn {

// One action on a machine as the Enomalism face names it (section 5): a job, under a uuid.
struct VirtTransaction
{
    QString uuid;
    QString machineUuid;
    QString action;
    // Who asked; empty when the user has been deleted since.
    QString user;
    Job job;

    // queued, running, done, failed, cancelled or interrupted.
    QString state() const;
    // {uuid, machine, action, state, completion, data, message, user, created, updated}.
    QJsonObject toJson() const;
};

} // namespace Cairn
