#pragma once

#include "ApiService.h"
#include "common/ServerHooks.h"

#include <functional>
#include <memory>

namespace Cairn {

class CoreServices;

// The REST server the desktop starts in its own process, on the window's core, as the config
// file says `cairn serve` would serve ([http] limits and TLS, [server] threads and node name,
// [auth] trusted header). Outlives the window; it stops the server.
class EmbeddedServer
{
public:
    // Reads the listener settings (or why they are wrong) each time the server starts: a TLS
    // key is read only when it is needed.
    using SettingsReader = std::function<Result<ApiService::Settings>()>;
    EmbeddedServer(CoreServices &core, SettingsReader settings);
    ~EmbeddedServer();
    Q_DISABLE_COPY_MOVE(EmbeddedServer)

    // For the window; valid while this object lives.
    ServerHooks hooks();

private:
    Result<QString> start(const QString &listen);
    void stop();

    CoreServices &m_core;
    SettingsReader m_settings;
    std::unique_ptr<ApiService> m_service;
};

} // namespace Cairn
