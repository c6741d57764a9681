#include "UserService.h"

#include "PasswordHasher.h"
#include "ServerKey.h"
#include "Sodium.h"
#include "db/Transaction.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QScopeGuard>
#include <sodium.h>

namespace Cairn {

namespace {

const QString WrongCredentials = QStringLiteral("Invalid username or password.");
constexpr int MinimumPasswordLength = 8;

QString newSecretKey()
{
    return QString::fromLatin1(Sodium::randomBytes(32).toHex());
}

bool equalInConstantTime(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() &&
           sodium_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

} // namespace

UserService::UserService(Database &database, const ServerKey &serverKey)
    : m_database(database)
    , m_users(database)
    , m_sealer(serverKey.derive("usersecr"))
{
}

Result<void> UserService::validateUsername(const QString &username)
{
    // Anchored whole: `$` alone would let a trailing newline through.
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9_.@+-]{1,150}")));
    if (!pattern.match(username).hasMatch())
        return Error::invalidField(QStringLiteral("username"),
                                   QStringLiteral("Use 1 to 150 letters, digits and @.+-_ only."));
    return {};
}

Result<void> UserService::validateEmail(const QString &email)
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[^@\\s]+@[^@\\s]+")));
    if (!email.isEmpty() && !pattern.match(email).hasMatch())
        return Error::invalidField(QStringLiteral("email"),
                                   QStringLiteral("Enter a valid email address."));
    return {};
}

Result<void> UserService::validatePassword(const QString &password)
{
    if (password.size() < MinimumPasswordLength)
        return Error::invalidField(
            QStringLiteral("password"),
            QStringLiteral("Use at least %1 characters.").arg(MinimumPasswordLength));
    return {};
}

Result<User> UserService::addUser(const NewUser &newUser)
{
    for (const Result<void> &check :
         {validateUsername(newUser.username), validateEmail(newUser.email),
          validatePassword(newUser.password)}) {
        if (!check)
            return check.error();
    }
    return insertUser(newUser, PasswordHasher::hash(newUser.password));
}

Result<User> UserService::insertUser(const NewUser &newUser, const QString &passwordHash,
                                     bool active)
{
    Transaction transaction(m_database);
    if (!transaction.begun())
        return transaction.begun().error();
    const Result<std::optional<StoredUser>> sameName = m_users.findByUsername(newUser.username);
    if (!sameName)
        return sameName.error();
    if (sameName->has_value())
        return Error{ErrorCode::Conflict,
                     QStringLiteral("A user with that username exists."),
                     {{QStringLiteral("username"), QStringLiteral("Already taken.")}}};
    if (!newUser.email.isEmpty()) {
        const Result<std::optional<StoredUser>> sameEmail = m_users.findByEmail(newUser.email);
        if (!sameEmail)
            return sameEmail.error();
        if (sameEmail->has_value())
            return Error{ErrorCode::Conflict,
                         QStringLiteral("A user with that email exists."),
                         {{QStringLiteral("email"), QStringLiteral("Already taken.")}}};
    }
    StoredUser stored;
    stored.user.username = newUser.username;
    stored.user.email = newUser.email;
    stored.user.isSuperuser = newUser.isSuperuser;
    stored.user.createdAt = QDateTime::currentMSecsSinceEpoch();
    stored.user.credentialsChangedAt = stored.user.createdAt;
    stored.user.isActive = active;
    stored.passwordHash = passwordHash;
    stored.secretKeySealed = m_sealer.seal(newSecretKey().toLatin1());
    const Result<qint64> id = m_users.insert(stored);
    if (!id)
        return id.error();
    const Result<void> committed = transaction.commit();
    if (!committed)
        return committed.error();
    stored.user.id = id.value();
    return stored.user;
}

Result<void> UserService::setPassword(const QString &username, const QString &password)
{
    Result<void> valid = validatePassword(password);
    if (!valid)
        return valid;
    Result<User> user = userByUsername(username);
    if (!user)
        return user.error();
    return m_users.updatePassword(user->id, PasswordHasher::hash(password),
                                  QDateTime::currentMSecsSinceEpoch());
}

Result<QList<User>> UserService::listUsers()
{
    return m_users.list();
}

Result<User> UserService::userById(qint64 id)
{
    const Result<std::optional<StoredUser>> found = m_users.findById(id);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(QStringLiteral("No user with id %1.").arg(id));
    return found.value()->user;
}

Result<void> UserService::removeUser(qint64 id)
{
    return m_users.remove(id);
}

Result<User> UserService::userByUsername(const QString &username)
{
    const Result<std::optional<StoredUser>> found = m_users.findByUsername(username);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(QStringLiteral("No user named '%1'.").arg(username));
    return found.value()->user;
}

Result<User> UserService::activeUser(const Result<std::optional<StoredUser>> &found)
{
    if (!found)
        return found.error();
    if (!found->has_value() || !found.value()->user.isActive)
        return Error::unauthorized(WrongCredentials);
    return found.value()->user;
}

Result<User> UserService::verifyPassword(const QString &username, const QString &password,
                                         const QString &address)
{
    const Result<std::optional<StoredUser>> found = m_users.findByUsername(username);
    if (!found)
        return found.error();
    Result<User> user = activeUser(found);
    const QString userKey = QStringLiteral("user:") + username.toLower();
    if (user && m_verifiedPasswords.contains(user->id, found.value()->passwordHash, password))
        return user;
    // Guessing is slowed per address and per user name, before any hash is computed. Each
    // attempt takes its tokens first and a success gives them back, so that attempts made at
    // once cannot all pass on the same last token.
    const Error tooMany{ErrorCode::TooManyRequests,
                        QStringLiteral("Too many failed sign-ins; try again in a minute.")};
    // The address first: an address out of tokens must not make a bucket per name it tries.
    if (!address.isEmpty() && !m_failedSignIns.take(address))
        return tooMany;
    if (!m_failedSignIns.take(userKey)) {
        if (!address.isEmpty())
            m_failedSignIns.giveBack(address);
        return tooMany;
    }
    const auto refund = [&] {
        m_failedSignIns.giveBack(userKey);
        if (!address.isEmpty())
            m_failedSignIns.giveBack(address);
    };
    // A bounded number of hashes at once: each costs tens of milliseconds of CPU and memory.
    if (!m_hashing.tryAcquire(1, HashingWaitMs)) {
        refund();
        return Error::unavailable(QStringLiteral("busy"),
                                  QStringLiteral("Too many sign-ins at once; try again."));
    }
    const auto release = qScopeGuard([this] { m_hashing.release(); });
    // Unknown and inactive users cost a hash too: the time of an answer tells no user name.
    const bool matches = PasswordHasher::verify(
        user ? found.value()->passwordHash : PasswordHasher::placeholderHash(), password);
    if (!user || !matches)
        return Error::unauthorized(WrongCredentials);
    refund();
    m_verifiedPasswords.insert(user->id, found.value()->passwordHash, password);
    return user;
}

bool UserService::isPasswordRemembered(const QString &username, const QString &password)
{
    const Result<std::optional<StoredUser>> found = m_users.findByUsername(username);
    const Result<User> user = activeUser(found);
    return user && m_verifiedPasswords.contains(user->id, found.value()->passwordHash, password);
}

Result<User> UserService::verifySecretKey(const QString &email, const QString &secretKey)
{
    const Result<std::optional<StoredUser>> found = m_users.findByEmail(email);
    Result<User> user = activeUser(found);
    if (!user)
        return Error::unauthorized(QStringLiteral("Invalid email or secret key."));
    const Result<QByteArray> stored = m_sealer.open(found.value()->secretKeySealed);
    if (!stored)
        return stored.error();
    if (!equalInConstantTime(stored.value(), secretKey.toUtf8()))
        return Error::unauthorized(QStringLiteral("Invalid email or secret key."));
    return user;
}

Result<void> UserService::mayHoldSecretKey(const Identity &caller)
{
    if (caller.readOnly)
        return Error::forbidden(QStringLiteral("A read-only token cannot read or rotate a secret "
                                               "key."));
    return {};
}

Result<QString> UserService::secretKey(const Identity &caller)
{
    const Result<void> allowed = mayHoldSecretKey(caller);
    if (!allowed)
        return allowed.error();
    const qint64 userId = caller.user.id;
    const Result<std::optional<StoredUser>> found = m_users.findById(userId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(QStringLiteral("No user with id %1.").arg(userId));
    const Result<QByteArray> plain = m_sealer.open(found.value()->secretKeySealed);
    if (!plain)
        return plain.error();
    return QString::fromLatin1(plain.value());
}

Result<QString> UserService::rotateSecretKey(const Identity &caller)
{
    const Result<void> allowed = mayHoldSecretKey(caller);
    if (!allowed)
        return allowed.error();
    const QString secret = newSecretKey();
    const Result<void> stored = m_users.updateSecretKey(
        caller.user.id, m_sealer.seal(secret.toLatin1()), QDateTime::currentMSecsSinceEpoch());
    if (!stored)
        return stored.error();
    return secret;
}

Result<User> UserService::userForTrustedEmail(const QString &email, bool createIfMissing)
{
    if (email.isEmpty() || !validateEmail(email) || !validateUsername(email))
        return Error::badRequest(QStringLiteral("Username must contain a valid email address."));
    const Result<std::optional<StoredUser>> found = m_users.findByEmail(email);
    if (!found)
        return found.error();
    if (found->has_value()) {
        if (!found.value()->user.isActive)
            return Error::unauthorized(QStringLiteral("User inactive or deleted."));
        return found.value()->user;
    }
    if (!createIfMissing)
        return Error::unauthorized(QStringLiteral("Unknown user."));
    // No password: such a user signs in only through the proxy (or a token made for them).
    return insertUser(NewUser{email, QString(), email, false}, QString());
}

Result<QJsonObject> UserService::exportedSecrets(const QString &username)
{
    const Result<std::optional<StoredUser>> found = m_users.findByUsername(username);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(QStringLiteral("No user named %1.").arg(username));
    QJsonObject secrets;
    if (!found.value()->passwordHash.isEmpty())
        secrets.insert(QStringLiteral("password_hash"), found.value()->passwordHash);
    return secrets;
}

bool UserService::isReservedName(const QString &username)
{
    return username.startsWith(QLatin1String("cairn-"));
}

Result<User> UserService::adoptUser(const User &user, const QString &passwordHash)
{
    for (const Result<void> &check : {validateUsername(user.username), validateEmail(user.email)}) {
        if (!check)
            return check.error();
    }
    if (isReservedName(user.username))
        return insertUser(NewUser{user.username, QString(), QString(), false}, QString(), true);
    if (!passwordHash.isEmpty() && !PasswordHasher::isOwnKind(passwordHash))
        return Error::invalidField(QStringLiteral("password_hash"),
                                   QStringLiteral("Not an Argon2id hash of this server's cost."));
    return insertUser(NewUser{user.username, QString(), user.email, user.isSuperuser}, passwordHash,
                      user.isActive);
}

Result<User> UserService::serviceUser(const QString &username)
{
    const Result<std::optional<StoredUser>> found = m_users.findByUsername(username);
    if (!found)
        return found.error();
    if (found->has_value()) {
        // Nobody signs in as the server: an account of that name that can is not its own.
        if (!found.value()->passwordHash.isEmpty() || !found.value()->user.email.isEmpty())
            return Error::conflict(QStringLiteral("The user %1 is not the server's own (it has "
                                                  "a password or an email): rename it.")
                                       .arg(username));
        return found.value()->user;
    }
    return insertUser(NewUser{username, QString(), QString(), false}, QString());
}

} // namespace Cairn
