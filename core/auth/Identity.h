#pragma once

#include "User.h"

namespace Cairn {

// Who is calling, as established by one of the authentication methods.
struct Identity
{
    User user;
    // A read-only API token may only view, whatever the user could do otherwise.
    bool readOnly = false;
};

} // namespace Cairn
