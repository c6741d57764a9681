#include "CommandStep.h"

#include "DeviceLogin.h"

#include <QJsonArray>

namespace Cairn {

Result<StepOutput> CommandStep::run(const StepInput &input)
{
    if (!input.device) {
        return Error::invalidField(
            QStringLiteral("run_method"),
            QStringLiteral("%1 sends commands to devices: it runs per_device.")
                .arg(input.service.name));
    }
    const QJsonObject &settings = input.service.settings;
    QStringList commands;
    for (const QJsonValue command : settings.value(QLatin1String("commands")).toArray())
        commands << command.toString();
    const int timeoutMs = settings.value(QLatin1String("timeout")).toInt(10) * 1000;
    Result<std::unique_ptr<SessionLease>> lease = m_login.open(
        input.caller, settings.value(QLatin1String("credentials")).toString(), *input.device,
        settings.value(QLatin1String("enable_mode")).toBool(), timeoutMs);
    if (!lease)
        return lease.error();
    DeviceSession &session = lease.value()->session();
    QStringList outputs;
    if (settings.value(QLatin1String("config_mode")).toBool()) {
        const Result<QString> transcript = session.configure(commands, timeoutMs);
        if (!transcript)
            return transcript.error();
        outputs << transcript.value();
    } else {
        const QString expect = settings.value(QLatin1String("expect_string")).toString();
        const QRegularExpression expected(expect);
        for (const QString &command : std::as_const(commands)) {
            if (input.stopped())
                return Error{ErrorCode::Unavailable, QStringLiteral("Stopped.")};
            const Result<QString> output = expect.isEmpty()
                                               ? session.run(command, timeoutMs)
                                               : session.run(command, expected, timeoutMs);
            if (!output)
                return output.error();
            outputs << output.value();
        }
    }
    StepOutput step;
    step.result = outputs.join(QLatin1Char('\n'));
    step.details.insert(QStringLiteral("commands"), QJsonArray::fromStringList(commands));
    const std::optional<DeviceErrorPattern> deviceError =
        session.profile().detectError(step.result.toString());
    if (deviceError) {
        step.success = false;
        step.details.insert(QStringLiteral("error"),
                            QStringLiteral("The device reported: %1").arg(deviceError->type));
    }
    return step;
}

} // namespace Cairn
