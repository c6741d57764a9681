#pragma once

#include "ApiService.h"
#include "common/ServerHooks.h"

#include <memory>

namespace Cairn {

class CoreServices;

// The REST server the desktop starts in its own process, on the window's core, as the config
// file says `cairn serve` would serve ([http] limits and TLS, [server] threads and node name,
// [auth] trusted header). Outlives the window; it stops the server.
class EmbeddedServer
{
public:
    // `settings` may be why the config file's listener settings are wrong: Start says so.
    EmbeddedServer(CoreServices &core, Result<ApiService::Settings> settings);
    ~EmbeddedServer();
    Q_DISABLE_COPY_MOVE(EmbeddedServer)

    // For the window; valid while this object lives.
    ServerHooks hooks();

private:
    Result<QString> start(const QString &listen);
    void stop();

    CoreServices &m_core;
    Result<ApiService::Settings> m_settings;
    std::unique_ptr<ApiService> m_service;
};

} // namespace Cairn
