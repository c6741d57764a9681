#include "DatabasePassword.h"

#include <QEventLoop>
#include <QLoggingCategory>
#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcDbPassword, "cairn.db.password")

namespace Cairn {

namespace {

const QString Service = QStringLiteral("cairn");

// Runs a keychain job to its end (they report asynchronously); false when it failed.
bool finished(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() != QKeychain::NoError) {
        // The reason names no secret: no entry, no keychain, or access refused.
        qCDebug(lcDbPassword) << "keychain:" << job.errorString();
        return false;
    }
    return true;
}

} // namespace

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
    // No entry or no keychain: try without a password (peer or trust authentication).
    return stored(config);
}

QString DatabasePassword::stored(const DatabaseConfig &config)
{
    QKeychain::ReadPasswordJob job(Service);
    job.setKey(keychainKey(config));
    return finished(job) ? job.textData() : QString();
}

bool DatabasePassword::store(const DatabaseConfig &config, const QString &password)
{
    QKeychain::WritePasswordJob job(Service);
    job.setKey(keychainKey(config));
    job.setTextData(password);
    return finished(job);
}

void DatabasePassword::forget(const DatabaseConfig &config)
{
    QKeychain::DeletePasswordJob job(Service);
    job.setKey(keychainKey(config));
    finished(job);
}

} // namespace Cairn
