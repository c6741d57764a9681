#pragma once

#include "Face.h"
#include "server/HttpRequest.h"
#include "server/HttpResponse.h"

namespace Cairn {

// What protects browser users: a browser sends saved HTTP Basic credentials with any request a
// page makes, so a request that changes state is refused when the browser says another site
// made it (Sec-Fetch-Site, or an Origin that is not this server). Scripts and API clients send
// neither header and are not affected. HTML answers carry a Content-Security-Policy that lets
// the documentation pages load only this server's own scripts.
class CrossSiteGuard
{
public:
    // Whether the request may change state on another site's behalf.
    static bool refuses(const HttpRequest &request, Face face);
    // Adds no-sniff to every answer, and the Content-Security-Policy to HTML ones.
    static void protect(HttpResponse &response);
};

} // namespace Cairn
