#pragma once

#include "db/DatabaseConfig.h"

namespace Cairn {

// The PostgreSQL password: CAIRN_DB_PASSWORD when set, else the OS keychain entry
// "cairn / database:<user>@<host>:<port>/<db>" (QtKeychain; fails fast without a session bus).
// Never the command line, where every user of the machine could read it.
class DatabasePassword
{
public:
    static QString lookup(const DatabaseConfig &config);
    static QString keychainKey(const DatabaseConfig &config);
};

} // namespace Cairn
