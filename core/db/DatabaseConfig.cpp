#include "DatabaseConfig.h"

#include <QDir>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace Cairn {

Result<DatabaseConfig> DatabaseConfig::fromUrl(const QString &url, const QString &dataDir)
{
    DatabaseConfig config;
    if (url.isEmpty()) {
        config.sqlitePath = QDir(dataDir).filePath(QStringLiteral("cairn.sqlite"));
        return config;
    }
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid())
        return Error::invalidField(QStringLiteral("database"), QStringLiteral("Not a valid URL."));
    const QString scheme = parsed.scheme();
    if (scheme == QLatin1String("sqlite")) {
        if (parsed.path().isEmpty())
            return Error::invalidField(QStringLiteral("database"),
                                       QStringLiteral("sqlite URL needs a file path."));
        config.sqlitePath = parsed.path();
        return config;
    }
    if (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres"))
        return Error::invalidField(QStringLiteral("database"),
                                   QStringLiteral("Unsupported scheme '%1'; use postgresql:// "
                                                  "or sqlite://.")
                                       .arg(scheme));
    if (!parsed.password().isEmpty())
        return Error::invalidField(
            QStringLiteral("database"),
            QStringLiteral("Never put the password in the URL; set "
                           "CAIRN_DB_PASSWORD or store it in the keychain."));
    config.driver = Driver::Postgres;
    config.host = parsed.host().isEmpty() ? QStringLiteral("localhost") : parsed.host();
    config.port = parsed.port(5432);
    config.user = parsed.userName();
    config.databaseName = parsed.path().mid(1);
    if (config.user.isEmpty() || config.databaseName.isEmpty())
        return Error::invalidField(
            QStringLiteral("database"),
            QStringLiteral("Expected postgresql://user@host:port/database."));
    static const QStringList sslModes{QStringLiteral("disable"),   QStringLiteral("allow"),
                                      QStringLiteral("prefer"),    QStringLiteral("require"),
                                      QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    for (const auto &[name, value] : QUrlQuery(parsed).queryItems(QUrl::FullyDecoded)) {
        if (name == u"sslmode" && sslModes.contains(value))
            config.sslMode = value;
        // libpq's connection string takes it unquoted: a space or quote could add options.
        else if (name == u"sslrootcert" && QDir::isAbsolutePath(value) &&
                 !value.contains(QRegularExpression(QStringLiteral("[\\s'\\\\;=]"))))
            config.sslRootCert = value;
        else
            return Error::invalidField(
                QStringLiteral("database"),
                QStringLiteral("Only sslmode (%1) and sslrootcert (an absolute path) may follow "
                               "the database name.")
                    .arg(sslModes.join(QStringLiteral(", "))));
    }
    return config;
}

QString DatabaseConfig::describe() const
{
    if (driver == Driver::Sqlite)
        return QStringLiteral("sqlite:%1").arg(sqlitePath);
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(databaseName);
}

} // namespace Cairn
