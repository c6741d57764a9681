#pragma once

#include "Result.h"
#include "ZtpNodeRecord.h"

#include <QList>

namespace Cairn {

class Database;

class ZtpNodeRepository
{
public:
    explicit ZtpNodeRepository(Database &database)
        : m_database(database)
    {
    }

    Result<QList<ZtpNodeRecord>> list();
    Result<ZtpNodeRecord> byNodeId(const QString &nodeId);
    // Nodes whose inventory device is still to be written.
    Result<QList<ZtpNodeRecord>> inventoryPending();
    // Inserts the node or refreshes its facts, pattern and status (a node that registers
    // again starts over); its device is set apart (setDevice), once the inventory has it.
    // `deviceToFollow`: a write of its device is queued.
    Result<void> upsert(const ZtpNodeRecord &record, bool deviceToFollow);
    // The node was sent its definition of `actionsTotal` actions.
    Result<void> definitionSent(const QString &nodeId, int actionsTotal, const QString &address);
    // One more action script fetched from `address`: actions name no node, so the node is
    // the one last sent a definition at that address.
    Result<void> actionFetched(const QString &address);
    // The node's device is written; nothing is pending for it any more.
    Result<void> setDevice(const QString &nodeId, qint64 deviceId);
    // Whether the device is some node's own (made or adopted by provisioning).
    Result<bool> isNodeDevice(qint64 deviceId);
    Result<void> setStatus(const QString &nodeId, const QString &status, const QString &error);

private:
    Database &m_database;
};

} // namespace Cairn
