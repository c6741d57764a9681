#include "PostgresCluster.h"

#include "FreePort.h"

#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <unistd.h>

namespace Cairn::Test {

namespace {

QString newestBinDir()
{
    QStringList versions =
        QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(),
              [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
    return versions.isEmpty() ? QString()
                              : QStringLiteral("/usr/lib/postgresql/%1/bin").arg(versions.last());
}

} // namespace

PostgresCluster::PostgresCluster()
    : m_binDir(newestBinDir())
{
}

PostgresCluster::~PostgresCluster()
{
    stop();
}

bool PostgresCluster::run(const QString &program, const QStringList &arguments, QString *error)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (::geteuid() == 0)
        process.start(QStringLiteral("runuser"),
                      QStringList{QStringLiteral("-u"), QStringLiteral("postgres"),
                                  QStringLiteral("--"), m_binDir + QLatin1Char('/') + program} +
                          arguments);
    else
        process.start(m_binDir + QLatin1Char('/') + program, arguments);
    if (!process.waitForFinished(120000) || process.exitCode() != 0) {
        *error = program + QStringLiteral(" failed: ") + QString::fromLocal8Bit(process.readAll());
        return false;
    }
    return true;
}

bool PostgresCluster::start(QString *error)
{
    if (m_binDir.isEmpty()) {
        *error =
            QStringLiteral("PostgreSQL server binaries not found (apt-get install postgresql)");
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/cairn-pg-XXXXXX"));
    if (::geteuid() == 0)
        QProcess::execute(QStringLiteral("chown"),
                          {QStringLiteral("postgres:postgres"), m_dir->path()});
    const QString data = m_dir->filePath(QStringLiteral("data"));
    if (!run(QStringLiteral("initdb"),
             {QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("cairn"),
              QStringLiteral("--auth=trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
              QStringLiteral("--no-sync")},
             error))
        return false;
    m_port = freePort();
    const QString options = QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -c "
                                           "unix_socket_directories=%2 -c fsync=off -c "
                                           "full_page_writes=off -c max_connections=300")
                                .arg(m_port)
                                .arg(m_dir->path());
    if (!run(QStringLiteral("pg_ctl"),
             {QStringLiteral("-D"), data, QStringLiteral("-o"), options, QStringLiteral("-l"),
              m_dir->filePath(QStringLiteral("server.log")), QStringLiteral("-w"),
              QStringLiteral("start")},
             error))
        return false;
    m_running = true;
    return true;
}

void PostgresCluster::stop()
{
    if (!m_running)
        return;
    QString ignored;
    run(QStringLiteral("pg_ctl"),
        {QStringLiteral("-D"), m_dir->filePath(QStringLiteral("data")), QStringLiteral("-m"),
         QStringLiteral("immediate"), QStringLiteral("stop")},
        &ignored);
    m_running = false;
}

QString PostgresCluster::createDatabase()
{
    QString name = QStringLiteral("cairn_test_%1_%2").arg(::getpid()).arg(++m_databases);
    const QString connection = QStringLiteral("cairn-test-admin");
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        admin.setHostName(QStringLiteral("127.0.0.1"));
        admin.setPort(m_port);
        admin.setUserName(QStringLiteral("cairn"));
        admin.setDatabaseName(QStringLiteral("postgres"));
        if (admin.open())
            QSqlQuery(admin).exec(QStringLiteral("CREATE DATABASE ") + name);
        admin.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return name;
}

QString PostgresCluster::urlFor(const QString &database) const
{
    return QStringLiteral("postgresql://cairn@127.0.0.1:%1/%2").arg(m_port).arg(database);
}

} // namespace Cairn::Test
