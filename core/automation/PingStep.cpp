#include "PingStep.h"

#include "net/IcmpEcho.h"
#include "transport/TcpConnector.h"

#include <QJsonArray>
#include <QStringList>
#include <unistd.h>

namespace Cairn {

namespace {

constexpr int MaxPorts = 64;

Result<QList<int>> portsOf(const QString &text)
{
    QList<int> ports;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool isNumber = false;
        const int port = part.trimmed().toInt(&isNumber);
        if (!isNumber || port < 1 || port > 65535 || ports.size() == MaxPorts)
            return Error::invalidField(
                QStringLiteral("ports"),
                QStringLiteral("Up to %1 TCP ports (1 to 65535), separated by commas.")
                    .arg(MaxPorts));
        ports << port;
    }
    if (ports.isEmpty())
        return Error::invalidField(QStringLiteral("ports"),
                                   QStringLiteral("At least one TCP port to try."));
    return ports;
}

Error stoppedError()
{
    return Error{ErrorCode::Unavailable, QStringLiteral("Stopped.")};
}

} // namespace

Result<StepOutput> PingStep::run(const StepInput &input)
{
    if (!input.device) {
        return Error::invalidField(
            QStringLiteral("run_method"),
            QStringLiteral("%1 pings devices: it runs per_device.").arg(input.service.name));
    }
    if (input.device->ipAddress.isEmpty())
        return Error::badRequest(
            QStringLiteral("%1 has no ip_address to ping.").arg(input.device->hostname));
    return input.service.settings.value(QLatin1String("protocol")).toString() ==
                   QLatin1String("ICMP")
               ? icmp(input)
               : tcp(input);
}

Result<StepOutput> PingStep::tcp(const StepInput &input)
{
    const Device &device = *input.device;
    const QJsonObject &settings = input.service.settings;
    const Result<QList<int>> ports = portsOf(settings.value(QLatin1String("ports")).toString());
    if (!ports)
        return ports.error();
    const int timeoutMs = settings.value(QLatin1String("timeout")).toInt(2) * 1000;
    StepOutput step;
    QJsonObject answered;
    QJsonObject errors;
    for (const int port : ports.value()) {
        if (input.stopped())
            return stoppedError();
        const Result<int> connection = TcpConnector::connect(device.ipAddress, port, timeoutMs);
        if (connection)
            ::close(connection.value());
        else
            errors.insert(QString::number(port), connection.error().message);
        answered.insert(QString::number(port), connection.ok());
        step.success = step.success && connection.ok();
    }
    step.result = answered;
    if (!errors.isEmpty())
        step.details.insert(QStringLiteral("errors"), errors);
    return step;
}

Result<StepOutput> PingStep::icmp(const StepInput &input)
{
    const Device &device = *input.device;
    const QJsonObject &settings = input.service.settings;
    const QHostAddress address(device.ipAddress);
    if (address.isNull())
        return Error::badRequest(
            QStringLiteral("%1's ip_address is not an address to ping.").arg(device.hostname));
    const int count = settings.value(QLatin1String("count")).toInt(3);
    const int timeoutMs = settings.value(QLatin1String("timeout")).toInt(2) * 1000;
    QJsonArray times;
    QString lastError;
    for (int sequence = 1; sequence <= count; ++sequence) {
        if (input.stopped())
            return stoppedError();
        const Result<double> rtt = IcmpEcho::ping(address, sequence, timeoutMs);
        if (rtt)
            times.append(rtt.value());
        else if (rtt.error().code != ErrorCode::Unavailable)
            return rtt.error();
        else
            lastError = rtt.error().message;
    }
    StepOutput step;
    step.result = QJsonObject{{QStringLiteral("sent"), count},
                              {QStringLiteral("received"), times.size()},
                              {QStringLiteral("round_trip_ms"), times}};
    step.success = !times.isEmpty();
    if (!step.success)
        step.details.insert(QStringLiteral("error"), lastError);
    return step;
}

} // namespace Cairn
