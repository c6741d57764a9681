#pragma once

#include <QByteArray>

namespace Cairn::Sodium {

// libsodium must be initialised once per process before any other call; cheap after the first.
void ensureInitialized();

QByteArray randomBytes(int size);

} // namespace Cairn::Sodium
