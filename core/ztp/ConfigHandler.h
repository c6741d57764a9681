#pragma once

#include <QString>

namespace Cairn {

// A node's config-handler (nodes/<id>/config-handler), run after its startup-config arrives.
// Run directly, never through a shell, so nothing the node sent reaches a command line; in
// the node's folder, with ZTP_NODE_ID and ZTP_STARTUP_CONFIG set; stopped after `timeoutMs`.
class ConfigHandler
{
public:
    // Why it failed; empty when it succeeded.
    static QString run(const QString &handler, const QString &folder, const QString &nodeId,
                       int timeoutMs);
};

} // namespace Cairn
