#pragma once

#include "ApiSettings.h"
#include "Result.h"
#include "routing/Authenticator.h"
#include "routing/ResponseCache.h"
#include "routing/Router.h"
#include "server/ApiServer.h"

#include <QHostAddress>
#include <QSslConfiguration>
#include <optional>

namespace Cairn {

class CoreServices;

// The REST API of one core as a server: authentication, every face's routes, the cache of
// inventory reads and the listener threads. `cairn serve` runs one; the desktop starts one
// in-process on request.
class ApiService
{
public:
    struct Settings
    {
        ApiSettings api;
        TrustedHeaderSettings trustedHeader;
        HttpLimits limits;
        int threads = 1;
        // Every connection TLS with this configuration, when set.
        std::optional<QSslConfiguration> tls;
    };

    ApiService(CoreServices &core, const Settings &settings);
    Q_DISABLE_COPY_MOVE(ApiService)

    // Port 0 picks a free port; returns the port in use.
    Result<quint16> listen(const QHostAddress &address, quint16 port);
    // Waits for the requests being answered.
    void stop();

private:
    Authenticator m_authenticator;
    Router m_router;
    ResponseCache m_cache;
    ApiServer m_server;
};

} // namespace Cairn
