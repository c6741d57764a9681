#pragma once

#include "server/HttpRequest.h"
#include "server/HttpResponse.h"

namespace Cairn {

// NSoT's browsable API: a browser (Accept: text/html) asking an /api/ route gets the same
// JSON as an HTML page, pretty-printed, with every URL and /api/ path a link.
class BrowsableApi
{
public:
    static bool wanted(const HttpRequest &request, const HttpResponse &response);
    static HttpResponse render(const HttpRequest &request, const HttpResponse &response);
};

} // namespace Cairn
