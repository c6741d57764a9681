#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

namespace Cairn {

// One server process on the shared database, as the node registry records it. A node that
// restarts is a new row under the same name.
struct ClusterNode
{
    enum class State
    {
        // Beating.
        Up,
        // Stopped cleanly: its jobs ended before it left.
        Stopped,
        // Found without a heartbeat (killed, or cut off from the database); its unfinished jobs
        // were interrupted by the node that found it.
        Dead,
    };

    qint64 id = 0;
    QString name;
    int clusterId = 1;
    // Where its API listens, as it was started (host:port).
    QString address;
    QString version;
    // The machine and process it runs as: a node started again on the same machine can tell at
    // once whether the previous process under its name is still there.
    QString host;
    qint64 pid = 0;
    State state = State::Up;
    qint64 startedAt = 0;
    qint64 heartbeatAt = 0;
    std::optional<qint64> stoppedAt;

    static QString stateName(State state);
    static State stateFromName(const QString &name);
    // As `/rest/get_cluster_status` shows it: eNMS's "Up"/"Down" status and the node's facts.
    QJsonObject toJson() const;
};

} // namespace Cairn
