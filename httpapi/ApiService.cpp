#include "ApiService.h"

#include "ApiRoutes.h"
#include "CoreServices.h"

namespace Cairn {

ApiService::ApiService(CoreServices &core, const Settings &settings)
    : m_authenticator(core.users(), core.tokens(), core.authTokens(), settings.trustedHeader)
    , m_router(&m_authenticator)
    , m_cache([&core]() -> std::optional<qint64> {
        const Result<qint64> version = core.changes().version();
        return version ? std::optional<qint64>(version.value()) : std::nullopt;
    })
    , m_server(m_router, settings.limits, settings.threads)
{
    ApiRoutes::registerAll(m_router, core, settings.api,
                           [this] { return m_server.requestTotals(); });
    ApiRoutes::cacheInventoryReads(m_router, m_cache);
    if (settings.tls)
        m_server.setTls(*settings.tls);
}

Result<quint16> ApiService::listen(const QHostAddress &address, quint16 port)
{
    return m_server.listen(address, port);
}

void ApiService::stop()
{
    m_server.stop();
}

} // namespace Cairn
