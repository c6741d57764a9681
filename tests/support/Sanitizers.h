#pragma once

#include <gtest/gtest.h>

namespace Cairn::Test {

// Built under AddressSanitizer or ThreadSanitizer (scripts/sanitize.sh): their shadow memory and
// quarantine make a process's resident memory say nothing about Cairn's own, so tests that
// bound it check only the rest.
#ifdef CAIRN_SANITIZED
constexpr bool UnderSanitizers = true;
#else
constexpr bool UnderSanitizers = false;
#endif

#ifdef CAIRN_THREAD_SANITIZED
constexpr bool UnderThreadSanitizer = true;
#else
constexpr bool UnderThreadSanitizer = false;
#endif

} // namespace Cairn::Test

// ThreadSanitizer (clang 14 to 16) aborts in its clone() interceptor when QProcess starts a
// program: Qt clones with CLONE_VM|CLONE_VFORK, and TSan's fork bookkeeping then runs in the
// child on the parent's own memory (a CHECK in SlotAttachAndLock). A test that starts a program
// says so with this first; it runs in every other build.
#define CAIRN_SKIP_IF_PROGRAMS_CANNOT_START()                                                      \
    if (::Cairn::Test::UnderThreadSanitizer)                                                       \
    GTEST_SKIP() << "ThreadSanitizer cannot start a program (tests/support/Sanitizers.h)"
