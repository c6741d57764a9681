#pragma once

#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace Cairn::Test {

// A throw-away PostgreSQL cluster on 127.0.0.1 and a free port, trust authentication for the
// superuser "cairn". As root, the server runs as the postgres user (it refuses root).
class PostgresCluster
{
public:
    PostgresCluster();
    ~PostgresCluster();

    bool start(QString *error);
    void stop();
    quint16 port() const { return m_port; }
    // A new empty database for one test; returns its name.
    QString createDatabase();
    QString urlFor(const QString &database) const;

private:
    bool run(const QString &program, const QStringList &arguments, QString *error);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_binDir;
    quint16 m_port = 0;
    int m_databases = 0;
    bool m_running = false;
};

} // namespace Cairn::Test
