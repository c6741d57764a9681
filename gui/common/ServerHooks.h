#pragma once

#include "Result.h"

#include <QString>
#include <functional>

namespace Cairn {

// How the window starts and stops the REST server in its own process. The program provides
// them (the GUI library knows nothing of HTTP); without them the window offers no server.
struct ServerHooks
{
    // Listens on HOST:PORT; answers the address clients use, or why not.
    std::function<Result<QString>(const QString &listen)> start;
    std::function<void()> stop;

    bool available() const { return start && stop; }
};

} // namespace Cairn
