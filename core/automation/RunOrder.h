#pragma once

#include "Service.h"
#include "inventory/Device.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace Cairn {

// A run to make: the service, the devices it runs on (already resolved and allowed), the
// payload its fields see (the service's initial_payload with the caller's on top) and what
// started it.
struct RunOrder
{
    Service service;
    QList<Device> devices;
    QJsonObject payload;
    // REST, GUI or Scheduler.
    QString trigger;
    // Targets asked for that named nothing (run anyway, without them): the report's `errors`.
    QStringList problems;
    // A workflow's steps by id, nested workflows' steps included.
    QHash<qint64, Service> steps;
    // Each step's own targets, for workflows that run per_service_with_service_targets.
    QHash<qint64, QList<Device>> stepTargets;
    // Device id -> the credential set chosen for it by pool priority, for the steps that name
    // none.
    QHash<qint64, QString> credentials;
    // What the own targets of a workflow's steps named that was not found, worked out with the
    // steps (again when the run starts): the rest of the report's `errors`.
    QStringList stepProblems;
};

} // namespace Cairn
