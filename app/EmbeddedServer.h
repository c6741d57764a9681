#pragma once

#include "common/ServerHooks.h"

#include <memory>

namespace Cairn {

class ApiService;
class CoreServices;

// The REST server the desktop starts in its own process, on the window's core, with the
// defaults of `cairn serve` (no config file: plain HTTP and the default limits; a server others
// reach over a network is `cairn serve` with TLS). Outlives the window; it stops the server.
class EmbeddedServer
{
public:
    explicit EmbeddedServer(CoreServices &core);
    ~EmbeddedServer();
    Q_DISABLE_COPY_MOVE(EmbeddedServer)

    // For the window; valid while this object lives.
    ServerHooks hooks();

private:
    Result<QString> start(const QString &listen);
    void stop();

    CoreServices &m_core;
    std::unique_ptr<ApiService> m_service;
};

} // namespace Cairn
