#pragma once

#include <QProcessEnvironment>

namespace Cairn {

// The environment of programs an operator's data root brings (ZTP plugins, config-handlers):
// the server's own holds secrets (CAIRN_SERVER_KEY, CAIRN_DB_PASSWORD, PGPASSWORD), so they get
// only what a program needs to run: PATH, HOME, the user's names, the locale, TZ and TMPDIR.
class ChildEnvironment
{
public:
    static QProcessEnvironment scrubbed();
};

} // namespace Cairn
