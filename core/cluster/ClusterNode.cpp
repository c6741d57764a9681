#include "ClusterNode.h"

#include "JsonTime.h"

namespace Cairn {

QString ClusterNode::stateName(State state)
{
    switch (state) {
    case State::Up:
        return QStringLiteral("up");
    case State::Stopped:
        return QStringLiteral("stopped");
    case State::Dead:
        return QStringLiteral("dead");
    }
    return QStringLiteral("dead");
}

ClusterNode::State ClusterNode::stateFromName(const QString &name)
{
    if (name == u"up")
        return State::Up;
    if (name == u"stopped")
        return State::Stopped;
    return State::Dead;
}

QJsonObject ClusterNode::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("cluster_id"), clusterId},
            {QStringLiteral("status"),
             state == State::Up ? QStringLiteral("Up") : QStringLiteral("Down")},
            {QStringLiteral("state"), stateName(state)},
            {QStringLiteral("version"), version},
            {QStringLiteral("address"), address},
            {QStringLiteral("host"), host},
            {QStringLiteral("started_at"), isoTimestamp(startedAt)},
            {QStringLiteral("heartbeat_at"), isoTimestamp(heartbeatAt)},
            {QStringLiteral("stopped_at"), isoTimestamp(stoppedAt)}};
}

} // namespace Cairn
