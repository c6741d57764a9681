#pragma once

#include <QString>

namespace Cairn {

// Argon2id password hashes in libsodium's self-describing string form, so the cost parameters
// can be raised later without breaking stored hashes.
class PasswordHasher
{
public:
    static QString hash(const QString &password);
    static bool verify(const QString &storedHash, const QString &password);
    // A hash of nothing anyone knows, with the same cost, to check passwords of unknown users
    // against.
    static const QString &placeholderHash();
};

} // namespace Cairn
