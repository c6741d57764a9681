#include "ApiListenerSettings.h"

#include "Configuration.h"
#include "server/ServerTls.h"

#include <QHostInfo>
#include <QRegularExpression>
#include <QThread>
#include <algorithm>

namespace Cairn {

namespace {

// The [http] limits; the defaults are HttpLimits'.
Result<HttpLimits> readLimits(const Configuration &configuration)
{
    const auto value = [&configuration](const QString &key, const QVariant &fallback) {
        return configuration.value(key, fallback);
    };
    HttpLimits limits;
    limits.maxHeaderBytes =
        value(QStringLiteral("http/max_header_bytes"), limits.maxHeaderBytes).toLongLong();
    limits.maxBodyBytes =
        value(QStringLiteral("http/max_body_bytes"), limits.maxBodyBytes).toLongLong();
    limits.requestTimeoutMs =
        int(value(QStringLiteral("http/request_timeout_seconds"), limits.requestTimeoutMs / 1000.0)
                .toDouble() *
            1000);
    limits.idleTimeoutMs =
        int(value(QStringLiteral("http/idle_timeout_seconds"), limits.idleTimeoutMs / 1000.0)
                .toDouble() *
            1000);
    limits.maxConnections =
        value(QStringLiteral("http/max_connections"), limits.maxConnections).toInt();
    limits.maxConnectionsPerAddress =
        value(QStringLiteral("http/max_connections_per_address"), limits.maxConnectionsPerAddress)
            .toInt();
    limits.maxPendingBodyBytes =
        value(QStringLiteral("http/max_pending_body_bytes"), limits.maxPendingBodyBytes)
            .toLongLong();
    if (limits.maxHeaderBytes < 1024 || limits.maxBodyBytes < 0 || limits.requestTimeoutMs < 100 ||
        limits.idleTimeoutMs < 100 || limits.maxConnections < 1 ||
        limits.maxConnectionsPerAddress < 1 || limits.maxPendingBodyBytes < limits.maxBodyBytes)
        return Error::badRequest(
            QStringLiteral("[http] limits in the config file are out of range"));
    return limits;
}

Result<TrustedHeaderSettings> readTrustedHeader(const Configuration &configuration)
{
    TrustedHeaderSettings trusted;
    trusted.headerName = configuration
                             .value(QStringLiteral("auth/trusted_header"), QString(),
                                    QStringLiteral("trusted-header"))
                             .toString()
                             .toLatin1();
    const QStringList proxies = configuration.values(QStringLiteral("auth/trusted_proxies"),
                                                     QStringLiteral("trusted-proxy"));
    for (const QString &proxy : proxies) {
        const QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(proxy.trimmed());
        if (subnet.first.isNull())
            return Error::badRequest(
                QStringLiteral("--trusted-proxy takes an address or CIDR: %1").arg(proxy));
        trusted.proxies << subnet;
    }
    if (!trusted.headerName.isEmpty() && trusted.proxies.isEmpty())
        return Error::badRequest(
            QStringLiteral("--trusted-header needs at least one --trusted-proxy"));
    trusted.createUsers =
        configuration.value(QStringLiteral("auth/trusted_header_create_users"), true).toBool();
    return trusted;
}

// [metrics] allow (addresses or CIDRs; loopback when unset) and token_sha256 (64 hex digits).
Result<MetricsAccess> readMetricsAccess(const Configuration &configuration)
{
    MetricsAccess access;
    const QStringList allowed = configuration.values(QStringLiteral("metrics/allow"), {});
    if (!allowed.isEmpty()) {
        access.allowed.clear();
        for (const QString &entry : allowed) {
            const QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(entry.trimmed());
            if (subnet.first.isNull())
                return Error::badRequest(
                    QStringLiteral("[metrics] allow takes addresses or CIDRs: %1").arg(entry));
            access.allowed << subnet;
        }
    }
    const QString token =
        configuration.value(QStringLiteral("metrics/token_sha256"), QString()).toString().trimmed();
    if (!token.isEmpty()) {
        static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{64}$"));
        if (!hex.match(token).hasMatch())
            return Error::badRequest(
                QStringLiteral("[metrics] token_sha256 takes the token's SHA-256 in 64 hex digits "
                               "(printf %s \"$TOKEN\" | sha256sum)"));
        access.tokenSha256 = QByteArray::fromHex(token.toLatin1());
    }
    return access;
}

} // namespace

Result<ApiService::Settings> ApiListenerSettings::read(const Configuration &configuration)
{
    ApiService::Settings settings;
    bool ok = false;
    settings.threads =
        configuration
            .value(QStringLiteral("server/threads"),
                   std::clamp(QThread::idealThreadCount(), 1, 256), QStringLiteral("threads"))
            .toInt(&ok);
    if (!ok || settings.threads < 1 || settings.threads > 256)
        return Error::badRequest(QStringLiteral("--threads takes a number from 1 to 256"));
    Result<HttpLimits> limits = readLimits(configuration);
    if (!limits)
        return limits.error();
    settings.limits = std::move(limits).value();
    const QString certificate =
        configuration.value(QStringLiteral("http/certificate"), QString()).toString();
    const QString key = configuration.value(QStringLiteral("http/key"), QString()).toString();
    if (certificate.isEmpty() != key.isEmpty())
        return Error::badRequest(QStringLiteral("[http] certificate and key go together"));
    if (!certificate.isEmpty()) {
        Result<QSslConfiguration> tls = ServerTls::load(certificate, key);
        if (!tls)
            return tls.error();
        settings.tls = std::move(tls).value();
    }
    settings.api.nodeName =
        configuration.value(QStringLiteral("server/node_name"), QHostInfo::localHostName())
            .toString();
    settings.api.clusterId = configuration.value(QStringLiteral("server/cluster_id"), 1).toInt();
    Result<MetricsAccess> metrics = readMetricsAccess(configuration);
    if (!metrics)
        return metrics.error();
    settings.api.metrics = std::move(metrics).value();
    Result<TrustedHeaderSettings> trusted = readTrustedHeader(configuration);
    if (!trusted)
        return trusted.error();
    settings.trustedHeader = std::move(trusted).value();
    if (!settings.trustedHeader.headerName.isEmpty())
        settings.limits.credentialHeaders << settings.trustedHeader.headerName.toLower();
    return settings;
}

} // namespace Cairn
