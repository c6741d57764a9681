#include "CommandLogStatistics.h"

#include <QJsonArray>

namespace Cairn {

namespace {

QJsonArray counted(const QList<QPair<QString, qint64>> &rows, const QString &label)
{
    QJsonArray array;
    for (const auto &[name, count] : rows)
        array.append(QJsonObject{{label, name}, {QStringLiteral("count"), count}});
    return array;
}

// Seconds to the millisecond: more digits are noise in a timing.
double rounded(double seconds)
{
    return qRound64(seconds * 1000) / 1000.0;
}

} // namespace

QJsonObject CommandLogStatistics::toJson() const
{
    QJsonArray devices;
    for (const DeviceCounts &device : perDevice) {
        devices.append(
            QJsonObject{{QStringLiteral("device_name"), device.deviceName},
                        {QStringLiteral("total"), device.total},
                        {QStringLiteral("successful"), device.successful},
                        {QStringLiteral("failed"), device.total - device.successful},
                        {QStringLiteral("average_duration"), rounded(device.averageDuration)}});
    }
    const double rate = total ? qRound64(successful * 10000.0 / double(total)) / 100.0 : 0.0;
    return {{QStringLiteral("total_logs"), total},
            {QStringLiteral("success_rate"), rate},
            {QStringLiteral("last_24h"),
             QJsonObject{{QStringLiteral("total"), last24hTotal},
                         {QStringLiteral("successful"), last24hSuccessful},
                         {QStringLiteral("failed"), last24hTotal - last24hSuccessful}}},
            {QStringLiteral("top_commands"), counted(topCommands, QStringLiteral("command_name"))},
            {QStringLiteral("common_errors"), counted(commonErrors, QStringLiteral("error"))},
            {QStringLiteral("per_device"), devices},
            {QStringLiteral("duration"),
             QJsonObject{{QStringLiteral("average"), rounded(averageDuration)},
                         {QStringLiteral("max"), rounded(maxDuration)},
                         {QStringLiteral("p50"), rounded(p50Duration)},
                         {QStringLiteral("p90"), rounded(p90Duration)},
                         {QStringLiteral("p99"), rounded(p99Duration)}}}};
}

} // namespace Cairn
