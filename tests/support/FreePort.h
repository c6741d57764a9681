#pragma once

#include <QtGlobal>

namespace Cairn::Test {

// A TCP port on 127.0.0.1 that was free a moment ago (for servers that cannot take port 0).
quint16 freePort();

} // namespace Cairn::Test
