#pragma once

#include "CoreServices.h"

namespace Cairn {

// cairn user tokens NAME: the user's API tokens, by prefix (the keys themselves are not kept).
int listUserTokens(CoreServices &core, const QString &username);
// cairn user revoke-token NAME ID: one of them stops working at once.
int revokeUserToken(CoreServices &core, const QString &username, const QString &idText);

} // namespace Cairn
