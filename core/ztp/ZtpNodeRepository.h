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
    // Inserts the node or refreshes its facts, pattern, device and status (a node that
    // registers again starts over).
    Result<void> upsert(const ZtpNodeRecord &record);
    // The node was sent its definition of `actionsTotal` actions.
    Result<void> definitionSent(const QString &nodeId, int actionsTotal, const QString &address);
    // One more action script fetched from `address`: actions name no node, so the node is
    // the one last sent a definition at that address.
    Result<void> actionFetched(const QString &address);
    Result<void> setStatus(const QString &nodeId, const QString &status, const QString &error);

private:
    Database &m_database;
};

} // namespace Cairn
