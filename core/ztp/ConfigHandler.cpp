#include "ConfigHandler.h"

#include <QProcess>

namespace Cairn {

QString ConfigHandler::run(const QString &handler, const QString &folder, const QString &nodeId,
                           int timeoutMs)
{
    QProcess process;
    process.setWorkingDirectory(folder);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("ZTP_NODE_ID"), nodeId);
    environment.insert(QStringLiteral("ZTP_STARTUP_CONFIG"),
                       folder + QStringLiteral("/startup-config"));
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(handler, {});
    if (!process.waitForStarted(5000))
        return QStringLiteral("config-handler did not start: %1").arg(process.errorString());
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return QStringLiteral("config-handler ran longer than %1 s and was stopped")
            .arg(timeoutMs / 1000.0);
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return QStringLiteral("config-handler failed (exit %1): %2")
            .arg(process.exitCode())
            .arg(QString::fromUtf8(process.readAll().right(2000)).trimmed());
    return QString();
}

} // namespace Cairn
