#pragma once

#include "Result.h"

#include <QString>
#include <functional>
#include <optional>

namespace Cairn {

class Database;

// The per-device session cap counted in the database, so that it holds across every node on
// one PostgreSQL (SessionPool's own counts are per process). A node claims a numbered slot
// before it logs in to a device and gives it back when the session closes; slots of nodes that
// are no longer up (found dead, stopped) are free again. A process that is not a cluster node
// (the desktop's embedded server, a one-shot command) counts in the process only.
class DeviceSessionSlots
{
public:
    // `currentNode`: this process's node in cluster_nodes, once it has joined.
    DeviceSessionSlots(Database &database, std::function<std::optional<qint64>()> currentNode);

    // A slot for one more session to `device` (host:port) under `cap`: its number, nullopt
    // when every slot is held, or -1 when this process is not a node (nothing to share).
    Result<std::optional<int>> claim(const QString &device, int cap);
    void release(const QString &device, int slot);

private:
    Database &m_database;
    std::function<std::optional<qint64>()> m_currentNode;
};

} // namespace Cairn
