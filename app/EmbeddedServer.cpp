#include "EmbeddedServer.h"

#include "ApiService.h"
#include "CoreServices.h"
#include "server/ListenAddress.h"

namespace Cairn {

EmbeddedServer::EmbeddedServer(CoreServices &core, SettingsReader settings)
    : m_core(core)
    , m_settings(std::move(settings))
{
}

EmbeddedServer::~EmbeddedServer()
{
    if (!m_service)
        return;
    // The program is ending: as `cairn serve` does, jobs stop first, so that requests waiting
    // on one (an execution asked to wait) end rather than hold the shutdown.
    m_core.jobs().stopAll();
    stop();
}

ServerHooks EmbeddedServer::hooks()
{
    return {[this](const QString &listen) { return start(listen); },
            [this] {
                stop();
            }};
}

Result<QString> EmbeddedServer::start(const QString &listen)
{
    const std::optional<ListenAddress> address = ListenAddress::parse(listen);
    if (!address)
        return Error::invalidField(QStringLiteral("listen"),
                                   QStringLiteral("Give HOST:PORT, such as 127.0.0.1:8090."));
    const Result<ApiService::Settings> settings = m_settings();
    if (!settings)
        return settings.error();
    auto service = std::make_unique<ApiService>(m_core, settings.value());
    const Result<quint16> port = service->listen(address->host, address->port);
    if (!port)
        return port.error();
    m_service = std::move(service);
    const QString host = address->host.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + address->host.toString() + QLatin1Char(']')
                             : address->host.toString();
    return QStringLiteral("%1://%2:%3")
        .arg(settings->tls ? QStringLiteral("https") : QStringLiteral("http"), host)
        .arg(port.value());
}

void EmbeddedServer::stop()
{
    if (m_service) {
        m_service->stop();
        m_service.reset();
    }
}

} // namespace Cairn
