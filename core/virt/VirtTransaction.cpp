#include "VirtTransaction.h"

#include "JsonTime.h"

namespace Cairn {

QString VirtTransaction::state() const
{
    if (job.state == JobState::Succeeded)
        return QStringLiteral("done");
    return jobStateName(job.state);
}

QJsonObject VirtTransaction::toJson() const
{
    const std::optional<qint64> updated =
        job.finishedAt ? job.finishedAt : (job.startedAt ? job.startedAt : job.createdAt);
    return {
        {QStringLiteral("uuid"), uuid},
        {QStringLiteral("machine"), machineUuid},
        {QStringLiteral("action"), action},
        {QStringLiteral("state"), state()},
        {QStringLiteral("completion"), job.progress},
        {QStringLiteral("data"), job.result},
        {QStringLiteral("message"), job.error},
        {QStringLiteral("user"), user},
        {QStringLiteral("created"), isoTimestamp(job.createdAt)},
        {QStringLiteral("updated"), isoTimestamp(updated)},
    };
}

} // namespace Cairn
