#pragma once

#include "ApiService.h"
#include "Result.h"

namespace Cairn {

class Configuration;

// The API listener's settings as a configuration gives them: listener threads (--threads or
// [server] threads), the [http] limits and TLS certificate, the node's name and cluster, and the
// [auth] trusted header with its proxies. `cairn serve` and the desktop's built-in server read
// them alike, so both serve as the config file says.
class ApiListenerSettings
{
public:
    static Result<ApiService::Settings> read(const Configuration &configuration);
};

} // namespace Cairn
