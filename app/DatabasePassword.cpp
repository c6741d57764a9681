#include "DatabasePassword.h"

#include <QEventLoop>
#include <QLoggingCategory>
#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcDbPassword, "cairn.db.password")

namespace Cairn {

QString DatabasePassword::keychainKey(const DatabaseConfig &config)
{
    return QStringLiteral("database:%1@%2:%3/%4")
        .arg(config.user, config.host)
        .arg(config.port)
        .arg(config.databaseName);
}

QString DatabasePassword::lookup(const DatabaseConfig &config)
{
    const QByteArray fromEnvironment = qgetenv("CAIRN_DB_PASSWORD");
    if (!fromEnvironment.isEmpty())
        return QString::fromUtf8(fromEnvironment);
    QKeychain::ReadPasswordJob job(QStringLiteral("cairn"));
    job.setAutoDelete(false);
    job.setKey(keychainKey(config));
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() != QKeychain::NoError) {
        // No entry or no keychain: try without a password (peer or trust authentication).
        qCDebug(lcDbPassword) << "no keychain password:" << job.errorString();
        return {};
    }
    return job.textData();
}

} // namespace Cairn
