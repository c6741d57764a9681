#include "ServiceRun.h"

#include "JsonTime.h"

#include <QDateTime>
#include <QJsonArray>
#include <array>
#include <utility>

namespace Cairn {

namespace {

constexpr std::array<std::pair<RunStatus, const char *>, 4> Names{{
    {RunStatus::Running, "Running"},
    {RunStatus::Completed, "Completed"},
    {RunStatus::Aborted, "Aborted"},
    {RunStatus::Interrupted, "Interrupted"},
}};

QJsonValue nullable(std::optional<qint64> id)
{
    return id ? QJsonValue(*id) : QJsonValue();
}

} // namespace

QString runStatusName(RunStatus status)
{
    for (const auto &[value, name] : Names) {
        if (value == status)
            return QString::fromLatin1(name);
    }
    Q_UNREACHABLE();
    return {};
}

RunStatus runStatusFromName(const QString &name)
{
    for (const auto &[value, text] : Names) {
        if (name == QLatin1String(text))
            return value;
    }
    // A status this version does not know was not left cleanly.
    return RunStatus::Interrupted;
}

QJsonObject ServiceRun::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("runtime"), runtime},
        {QStringLiteral("service_id"), nullable(serviceId)},
        {QStringLiteral("service_name"), serviceName},
        {QStringLiteral("status"), runStatusName(status)},
        {QStringLiteral("success"), success ? QJsonValue(*success) : QJsonValue()},
        {QStringLiteral("trigger"), trigger},
        {QStringLiteral("creator"), creator},
        {QStringLiteral("job_id"), nullable(jobId)},
        {QStringLiteral("targets"), QJsonArray::fromStringList(targets)},
        {QStringLiteral("progress"), progress},
        {QStringLiteral("started_at"), isoTimestamp(startedAt)},
        {QStringLiteral("ended_at"), isoTimestamp(endedAt)},
    };
}

QString ServiceRun::runtimeOf(qint64 microseconds)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(microseconds / 1000, Qt::UTC);
    return time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.")) +
           QStringLiteral("%1").arg(microseconds % 1000000, 6, 10, QLatin1Char('0'));
}

} // namespace Cairn
