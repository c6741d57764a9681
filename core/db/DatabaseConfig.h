#pragma once

#include "Result.h"

#include <QString>

namespace Cairn {

// Where the data lives: an SQLite file (the embedded default) or a PostgreSQL server.
struct DatabaseConfig
{
    enum class Driver
    {
        Sqlite,
        Postgres,
    };

    Driver driver = Driver::Sqlite;
    QString sqlitePath;
    QString host;
    int port = 5432;
    QString user;
    QString databaseName;
    QString password;
    // libpq's sslmode (disable ... verify-full) and the CA file for verify-ca/verify-full, from
    // the URL's query (?sslmode=verify-full&sslrootcert=/etc/ssl/db-ca.pem); empty: libpq's
    // default (prefer).
    QString sslMode;
    QString sslRootCert;
    // How long a query whose cost the caller chooses (a set query) may run.
    int queryTimeoutMs = 5000;

    // `url` empty -> SQLite file in dataDir; `postgresql://user@host:port/db` -> PostgreSQL,
    // with sslmode and sslrootcert as the only query parameters. A password in the URL is
    // refused: it would show in the process list and shell history.
    static Result<DatabaseConfig> fromUrl(const QString &url, const QString &dataDir);

    QString describe() const;
};

} // namespace Cairn
