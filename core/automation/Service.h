#pragma once

#include "WorkflowGraph.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Cairn {

// An eNMS service: what runs on devices (a command, a backup, a ping, a REST call, a data
// extraction, a template, a workflow of other services). `settings` holds the common options and
// the type's own, complete (defaults filled in) as ServiceTypes checked them; a REST call's
// password and header values are sealed apart, as one JSON object.
struct Service
{
    qint64 id = 0;
    QString name;
    QString type;
    QString description;
    bool disabled = false;
    QJsonObject settings;
    QString sealedSecret;
    QList<qint64> deviceIds;
    QList<qint64> poolIds;
    // A workflow's steps and edges.
    WorkflowGraph graph;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

} // namespace Cairn
