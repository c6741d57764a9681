#pragma once

namespace Cairn::Test {

// Built under AddressSanitizer or ThreadSanitizer (scripts/sanitize.sh): their shadow memory and
// quarantine make a process's resident memory say nothing about Cairn's own, so tests that
// bound it check only the rest.
#ifdef CAIRN_SANITIZED
constexpr bool UnderSanitizers = true;
#else
constexpr bool UnderSanitizers = false;
#endif

} // namespace Cairn::Test
