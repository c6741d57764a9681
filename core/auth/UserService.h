#pragma once

#include "Identity.h"
#include "Result.h"
#include "Sealer.h"
#include "User.h"
#include "UserRepository.h"
#include "VerifiedPasswordCache.h"
#include "net/AddressRateLimiter.h"

#include <QSemaphore>

namespace Cairn {

class Database;
class ServerKey;

struct NewUser
{
    QString username;
    QString password;
    QString email;
    bool isSuperuser = false;
};

// The rules for users: who may exist, how they prove who they are, and their NSoT secret key.
class UserService
{
public:
    UserService(Database &database, const ServerKey &serverKey);

    Result<User> addUser(const NewUser &newUser);
    Result<void> setPassword(const QString &username, const QString &password);
    Result<QList<User>> listUsers();
    Result<User> userById(qint64 id);
    // The user, their tokens and grants go; what they created stays, no longer theirs.
    Result<void> removeUser(qint64 id);
    Result<User> userByUsername(const QString &username);

    // The user whose password this is, if they are active; one message, and one hash's cost,
    // for every failure so a caller cannot probe which usernames exist. After 10 failures a
    // minute for a user name or `address`, TooManyRequests without hashing; at most 4 hashes at
    // once (Unavailable past 1 s of waiting).
    Result<User> verifyPassword(const QString &username, const QString &password,
                                const QString &address = {});
    // Whether verifyPassword() would answer from what it verified in the last minutes, without
    // computing a hash.
    bool isPasswordRemembered(const QString &username, const QString &password);
    Result<User> verifySecretKey(const QString &email, const QString &secretKey);
    // The caller's own secret key. It buys AuthTokens with the user's full rights, so a
    // read-only identity may neither read nor rotate it.
    Result<QString> secretKey(const Identity &caller);
    Result<QString> rotateSecretKey(const Identity &caller);

    // A user the server acts as (e.g. cairn-ztp), created on first use without a password so
    // nobody can sign in as it.
    Result<User> serviceUser(const QString &username);

    // The user a trusted proxy vouches for by email, created on first sight when allowed.
    Result<User> userForTrustedEmail(const QString &email, bool createIfMissing);

    // What a migration project carries of a user in secret: the password's hash, when they
    // have one, so that another server lets them sign in with it. Never the secret key: it
    // would let whoever exports sign in as anyone without a trace; a new one is made there.
    Result<QJsonObject> exportedSecrets(const QString &username);
    // A user of a migration project, with the hash it carried (none: nobody signs in as them
    // until an administrator sets a password). A username or email already here is refused
    // (Conflict), as by addUser(); a reserved name (the server's own accounts) comes in as the
    // server would make it: no password, no email, no rights.
    Result<User> adoptUser(const User &user, const QString &passwordHash);
    // Names the server keeps for its own accounts (cairn-ztp, cairn-virt).
    static bool isReservedName(const QString &username);

    static Result<void> validateUsername(const QString &username);
    static Result<void> validateEmail(const QString &email);
    static Result<void> validatePassword(const QString &password);

private:
    static Result<void> mayHoldSecretKey(const Identity &caller);
    Result<User> activeUser(const Result<std::optional<StoredUser>> &found);
    Result<User> insertUser(const NewUser &newUser, const QString &passwordHash,
                            bool active = true);

    Database &m_database;
    UserRepository m_users;
    Sealer m_sealer;
    VerifiedPasswordCache m_verifiedPasswords;
    // A sign-in waiting for a hash holds a worker thread meanwhile.
    static constexpr int HashingWaitMs = 1000;
    AddressRateLimiter m_failedSignIns{10};
    QSemaphore m_hashing{4};
};

} // namespace Cairn
