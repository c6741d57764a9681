#include "Job.h"

#include "JsonTime.h"

#include <QDateTime>
#include <array>
#include <utility>

namespace Cairn {

namespace {

constexpr std::array<std::pair<JobState, const char *>, 7> Names{{
    {JobState::Queued, "queued"},
    {JobState::Running, "running"},
    {JobState::Succeeded, "succeeded"},
    {JobState::Partial, "partial"},
    {JobState::Failed, "failed"},
    {JobState::Cancelled, "cancelled"},
    {JobState::Interrupted, "interrupted"},
}};

} // namespace

QString jobStateName(JobState state)
{
    for (const auto &[value, name] : Names) {
        if (value == state)
            return QString::fromLatin1(name);
    }
    Q_UNREACHABLE();
    return {};
}

QStringList jobStateNames()
{
    QStringList names;
    for (const auto &entry : Names)
        names.append(QString::fromLatin1(entry.second));
    return names;
}

JobState jobStateFromName(const QString &name)
{
    for (const auto &[value, text] : Names) {
        if (name == QLatin1String(text))
            return value;
    }
    return JobState::Interrupted; // unknown states are treated as not finished cleanly
}

bool isFinished(JobState state)
{
    return state != JobState::Queued && state != JobState::Running;
}

QJsonObject Job::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("kind"), kind},
        {QStringLiteral("state"), jobStateName(state)},
        {QStringLiteral("progress"), progress},
        {QStringLiteral("params"), params},
        {QStringLiteral("result"), result},
        {QStringLiteral("error"), error},
        {QStringLiteral("owner_id"), ownerId ? QJsonValue(*ownerId) : QJsonValue::Null},
        {QStringLiteral("node_id"), nodeId ? QJsonValue(*nodeId) : QJsonValue::Null},
        {QStringLiteral("created"), isoTimestamp(createdAt)},
        {QStringLiteral("started"), isoTimestamp(startedAt)},
        {QStringLiteral("finished"), isoTimestamp(finishedAt)},
    };
}

} // namespace Cairn
