#include "ConfigHandler.h"

#include "ChildEnvironment.h"

#include <QLoggingCategory>
#include <QProcess>

Q_DECLARE_LOGGING_CATEGORY(lcZtp)

namespace Cairn {

QString ConfigHandler::run(const QString &handler, const QString &folder, const QString &nodeId,
                           int timeoutMs)
{
    QProcess process;
    process.setWorkingDirectory(folder);
    QProcessEnvironment environment = ChildEnvironment::scrubbed();
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
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        // Its output may hold anything the handler read: the log, not the node's record.
        qCWarning(lcZtp).noquote() << "node" << nodeId << "config-handler output:"
                                   << QString::fromUtf8(process.readAll().right(2000)).trimmed();
        return QStringLiteral("config-handler failed (exit %1); its output is in the server log")
            .arg(process.exitCode());
    }
    return QString();
}

} // namespace Cairn
