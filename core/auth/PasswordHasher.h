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
    // Whether `hash` is one hash() makes, with the same cost: one carried in from elsewhere
    // (a migration project) must not make each sign-in as that user cost more.
    static bool isOwnKind(const QString &hash);
    // A hash of nothing anyone knows, with the same cost, to check passwords of unknown users
    // against.
    static const QString &placeholderHash();
};

} // namespace Cairn
