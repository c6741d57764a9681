#pragma once

#include "db/DatabaseConfig.h"

namespace Cairn {

// The PostgreSQL password: CAIRN_DB_PASSWORD when set, else the OS keychain entry
// "cairn / database:<user>@<host>:<port>/<db>" (QtKeychain; fails fast without a session bus).
// Never the command line, where every user of the machine could read it, nor the settings.
class DatabasePassword
{
public:
    static QString lookup(const DatabaseConfig &config);
    // What the keychain alone holds for `config`'s server (empty for nothing).
    static QString stored(const DatabaseConfig &config);
    // Keeps `password` in the keychain for `config`'s server; false when there is no keychain.
    static bool store(const DatabaseConfig &config, const QString &password);
    // Removes the keychain's entry for `config`'s server, if any.
    static void forget(const DatabaseConfig &config);
    static QString keychainKey(const DatabaseConfig &config);
};

} // namespace Cairn
