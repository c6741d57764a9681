#pragma once

namespace Cairn {

enum ExitCode
{
    ExitOk = 0,
    ExitFailure = 1, // the operation failed (database unreachable, user exists, ...)
    ExitUsage = 2,   // the command line itself is wrong
};

} // namespace Cairn
