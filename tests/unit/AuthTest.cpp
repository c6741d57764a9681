#include "CoreFixture.h"
#include "CoreServices.h"
#include "db/SqlQuery.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <gtest/gtest.h>

using namespace Cairn;

class AuthTest : public Cairn::Test::CoreFixture
{
protected:
    User addUser(const QString &name, bool superuser = false)
    {
        const Result<User> user =
            core->users().addUser(NewUser{name, QStringLiteral("correct horse"),
                                          name + QStringLiteral("@example.com"), superuser});
        EXPECT_TRUE(user.ok());
        return user.ok() ? user.value() : User();
    }
};

TEST_F(AuthTest, RejectsBadUsersNamingTheField)
{
    const Result<User> badName = core->users().addUser(
        NewUser{QStringLiteral("no spaces"), QStringLiteral("long enough"), {}, false});
    ASSERT_FALSE(badName.ok());
    EXPECT_TRUE(badName.error().fields.contains(QStringLiteral("username")));
    const Result<User> shortPassword =
        core->users().addUser(NewUser{QStringLiteral("ok"), QStringLiteral("short"), {}, false});
    ASSERT_FALSE(shortPassword.ok());
    EXPECT_TRUE(shortPassword.error().fields.contains(QStringLiteral("password")));
    const Result<User> badEmail =
        core->users().addUser(NewUser{QStringLiteral("ok"), QStringLiteral("long enough"),
                                      QStringLiteral("not-an-email"), false});
    ASSERT_FALSE(badEmail.ok());
    EXPECT_TRUE(badEmail.error().fields.contains(QStringLiteral("email")));

    addUser(QStringLiteral("alice"));
    const Result<User> duplicate = core->users().addUser(
        NewUser{QStringLiteral("alice"), QStringLiteral("long enough"), {}, false});
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().code, ErrorCode::Conflict);
    EXPECT_EQ(core->users().listUsers()->size(), 1);
}

TEST_F(AuthTest, StoresPasswordsAsArgon2idAndVerifiesThem)
{
    const User alice = addUser(QStringLiteral("alice"));
    const QString stored =
        SqlQuery::scalar(core->database().connection(),
                         QStringLiteral("SELECT password_hash FROM users WHERE id = ?"), {alice.id})
            ->toString();
    EXPECT_TRUE(stored.startsWith(QLatin1String("$argon2id$")));
    EXPECT_FALSE(stored.contains(QLatin1String("correct horse")));
    EXPECT_TRUE(core->users()
                    .verifyPassword(QStringLiteral("alice"), QStringLiteral("correct horse"))
                    .ok());
    EXPECT_TRUE(core->users()
                    .verifyPassword(QStringLiteral("alice"), QStringLiteral("correct horse"))
                    .ok());
    const Result<User> wrong =
        core->users().verifyPassword(QStringLiteral("alice"), QStringLiteral("wrong horse"));
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, ErrorCode::Unauthorized);
    EXPECT_EQ(core->users()
                  .verifyPassword(QStringLiteral("nobody"), QStringLiteral("correct horse"))
                  .error()
                  .message,
              wrong.error().message);

    ASSERT_TRUE(
        core->users().setPassword(QStringLiteral("alice"), QStringLiteral("battery staple")).ok());
    EXPECT_FALSE(core->users()
                     .verifyPassword(QStringLiteral("alice"), QStringLiteral("correct horse"))
                     .ok());
    EXPECT_TRUE(core->users()
                    .verifyPassword(QStringLiteral("alice"), QStringLiteral("battery staple"))
                    .ok());
}

// A user carried in from a migration project signs in with the password they had; a hash that
// would make each sign-in cost more than this server's own, or is no hash at all, is refused,
// and so are names with a trailing newline. The server's own account names stay its own.
TEST_F(AuthTest, AdoptedUsersKeepTheirPasswordAndOnlyHashesOfThisServersCost)
{
    addUser(QStringLiteral("alice"));
    const Result<QJsonObject> secrets = core->users().exportedSecrets(QStringLiteral("alice"));
    ASSERT_TRUE(secrets.ok());
    EXPECT_EQ(secrets->keys(), QStringList{QStringLiteral("password_hash")}); // no secret key
    const QString hash = secrets->value(QLatin1String("password_hash")).toString();
    User carried;
    carried.username = QStringLiteral("alice2");
    carried.isActive = true;
    ASSERT_TRUE(core->users().adoptUser(carried, hash).ok());
    EXPECT_TRUE(core->users()
                    .verifyPassword(QStringLiteral("alice2"), QStringLiteral("correct horse"))
                    .ok());

    // The same hash with a thousand times the memory, and text that is no hash.
    QString costly = hash;
    costly.replace(QRegularExpression(QStringLiteral("m=\\d+")), QStringLiteral("m=67108864"));
    carried.username = QStringLiteral("mallory");
    for (const QString &bad :
         {costly, QStringLiteral("$argon2id$nonsense"), QStringLiteral("plain text password")}) {
        const Result<User> refused = core->users().adoptUser(carried, bad);
        ASSERT_FALSE(refused.ok()) << bad.toStdString();
        EXPECT_TRUE(refused.error().fields.contains(QLatin1String("password_hash")));
    }
    carried.username = QStringLiteral("alice\n");
    EXPECT_FALSE(core->users().adoptUser(carried, {}).ok());
    carried.username = QStringLiteral("mallory");
    carried.email = QStringLiteral("mallory@example.com\n");
    EXPECT_FALSE(core->users().adoptUser(carried, {}).ok());
    EXPECT_FALSE(core->users().userByUsername(QStringLiteral("mallory")).ok());
    // Without a hash: nobody signs in as them until a password is set.
    carried.email.clear();
    ASSERT_TRUE(core->users().adoptUser(carried, {}).ok());
    EXPECT_FALSE(core->users()
                     .verifyPassword(QStringLiteral("mallory"), QStringLiteral("correct horse"))
                     .ok());
    // A project cannot plant a password, an email or rights on the server's own accounts.
    carried.username = QStringLiteral("cairn-ztp");
    carried.email = QStringLiteral("ztp@example.com");
    carried.isSuperuser = true;
    ASSERT_TRUE(core->users().adoptUser(carried, hash).ok());
    const Result<User> service = core->users().serviceUser(QStringLiteral("cairn-ztp"));
    ASSERT_TRUE(service.ok()) << qPrintable(service.error().message);
    EXPECT_FALSE(service->isSuperuser);
    EXPECT_TRUE(service->email.isEmpty());
    EXPECT_FALSE(core->users()
                     .verifyPassword(QStringLiteral("cairn-ztp"), QStringLiteral("correct horse"))
                     .ok());
    // One that can sign in is not taken for the server's own.
    addUser(QStringLiteral("cairn-virt"));
    EXPECT_EQ(core->users().serviceUser(QStringLiteral("cairn-virt")).error().code,
              ErrorCode::Conflict);
}

TEST_F(AuthTest, KeepsOnlyTokenHashes)
{
    const User alice = addUser(QStringLiteral("alice"));
    const Result<IssuedToken> issued = core->tokens().create(alice.id, std::nullopt, false);
    ASSERT_TRUE(issued.ok());
    EXPECT_EQ(issued->key.size(), 40);
    const QString stored =
        SqlQuery::scalar(core->database().connection(),
                         QStringLiteral("SELECT key_hash FROM api_tokens WHERE id = ?"),
                         {issued->token.id})
            ->toString();
    EXPECT_NE(stored, issued->key);
    const Result<Identity> identity = core->tokens().resolve(issued->key);
    ASSERT_TRUE(identity.ok());
    EXPECT_EQ(identity->user.username, QStringLiteral("alice"));
    EXPECT_FALSE(identity->readOnly);
    EXPECT_FALSE(
        core->tokens()
            .resolve(issued->key.left(39) +
                     (issued->key.endsWith(QLatin1Char('0')) ? QLatin1Char('1') : QLatin1Char('0')))
            .ok());
    EXPECT_FALSE(core->tokens().create(alice.id, 0, false).ok());
}

TEST_F(AuthTest, ExpiredTokensAreRefused)
{
    const User alice = addUser(QStringLiteral("alice"));
    const Result<IssuedToken> issued = core->tokens().create(alice.id, 1, true);
    ASSERT_TRUE(issued.ok());
    // Expiring in a moment: it works now, and stops even while its lookup is remembered.
    const qint64 soon = QDateTime::currentMSecsSinceEpoch() + 200;
    ASSERT_TRUE(SqlQuery::run(core->database().connection(),
                              QStringLiteral("UPDATE api_tokens SET expires_at = ? WHERE id = ?"),
                              {soon, issued->token.id})
                    .ok());
    ASSERT_TRUE(core->tokens().resolve(issued->key).ok());
    QThread::msleep(300);
    const Result<Identity> expired = core->tokens().resolve(issued->key);
    ASSERT_FALSE(expired.ok());
    EXPECT_EQ(expired.error().code, ErrorCode::Unauthorized);
}

TEST_F(AuthTest, AuthTokensFollowTheSecretKey)
{
    const User alice = addUser(QStringLiteral("alice"));
    const QString secret = core->users().secretKey(Identity{alice}).value();
    EXPECT_EQ(secret.size(), 64);
    const Result<QString> token = core->authTokens().issue(alice.email, secret);
    ASSERT_TRUE(token.ok());
    EXPECT_TRUE(core->authTokens().verify(alice.email, token.value()).ok());
    EXPECT_FALSE(core->authTokens().verify(QStringLiteral("bob@example.com"), token.value()).ok());
    EXPECT_FALSE(core->authTokens().issue(alice.email, QStringLiteral("guess")).ok());
    QString tampered = token.value();
    tampered[tampered.size() - 2] =
        tampered.at(tampered.size() - 2) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    EXPECT_FALSE(core->authTokens().verify(alice.email, tampered).ok());

    // Rotating the secret key voids tokens issued before (credentials_changed_at moves).
    QThread::msleep(2);
    ASSERT_TRUE(core->users().rotateSecretKey(Identity{alice}).ok());
    EXPECT_FALSE(core->authTokens().verify(alice.email, token.value()).ok());

    AuthTokenService shortLived(core->users(), ServerKey::load(m_dir.path()).value(), 0);
    const QString newSecret = core->users().secretKey(Identity{alice}).value();
    const Result<QString> instant = shortLived.issue(alice.email, newSecret);
    ASSERT_TRUE(instant.ok());
    EXPECT_FALSE(shortLived.verify(alice.email, instant.value()).ok());
}

// A read-only token must not lead to a full-rights AuthToken through the secret key.
TEST_F(AuthTest, ReadOnlyIdentitiesNeverHoldTheSecretKey)
{
    const User alice = addUser(QStringLiteral("alice"));
    const Identity readOnly{alice, true};
    const Result<QString> read = core->users().secretKey(readOnly);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, ErrorCode::Forbidden);
    const QString before = core->users().secretKey(Identity{alice}).value();
    const Result<QString> rotated = core->users().rotateSecretKey(readOnly);
    ASSERT_FALSE(rotated.ok());
    EXPECT_EQ(rotated.error().code, ErrorCode::Forbidden);
    EXPECT_EQ(core->users().secretKey(Identity{alice}).value(), before);
}

TEST_F(AuthTest, PermissionsComeFromUsersGroupsAndAdmin)
{
    const User alice = addUser(QStringLiteral("alice"));
    const User root = addUser(QStringLiteral("root"), true);
    PermissionService &permissions = core->permissions();
    const Identity aliceIdentity{alice, false};
    const QString device = QStringLiteral("device");
    EXPECT_FALSE(permissions.isAllowed(aliceIdentity, device, 7, Action::View).value());
    EXPECT_TRUE(permissions.isAllowed(Identity{root, false}, device, 7, Action::Delete).value());
    EXPECT_FALSE(permissions.isAllowed(Identity{root, true}, device, 7, Action::Delete).value());

    ASSERT_TRUE(
        permissions.grant(Permission{0, alice.id, std::nullopt, device, 7, Action::View}).ok());
    EXPECT_TRUE(permissions.isAllowed(aliceIdentity, device, 7, Action::View).value());
    EXPECT_FALSE(permissions.isAllowed(aliceIdentity, device, 8, Action::View).value());
    EXPECT_FALSE(permissions.isAllowed(aliceIdentity, device, 7, Action::Change).value());

    const Group operators = core->groups().create(QStringLiteral("operators")).value();
    ASSERT_TRUE(core->groups().addMember(operators.id, alice.id).ok());
    ASSERT_TRUE(
        permissions
            .grant(Permission{0, std::nullopt, operators.id, device, std::nullopt, Action::Admin})
            .ok());
    EXPECT_TRUE(permissions.isAllowed(aliceIdentity, device, 8, Action::ExecuteConfig).value());
    EXPECT_FALSE(
        permissions.isAllowed(Identity{alice, true}, device, 8, Action::ExecuteConfig).value());
    EXPECT_EQ(permissions.require(Identity{alice, true}, device, 8, Action::Change).error().code,
              ErrorCode::Forbidden);
    EXPECT_EQ(permissions.permissionsOfUser(alice.id)->size(), 2);

    ASSERT_TRUE(core->groups().removeMember(operators.id, alice.id).ok());
    EXPECT_FALSE(permissions.isAllowed(aliceIdentity, device, 8, Action::View).value());
    EXPECT_FALSE(
        permissions.grant(Permission{0, alice.id, operators.id, device, 1, Action::View}).ok());
}

// Guessing passwords is slowed per user name and per address, before any hash is computed; an
// unknown user costs a hash like a known one, so answers do not tell which names exist.
TEST_F(AuthTest, FailedSignInsBackOffAndUnknownUsersCostAHash)
{
    addUser(QStringLiteral("alice"));
    for (int attempt = 0; attempt < 10; ++attempt) {
        const Result<User> wrong = core->users().verifyPassword(
            QStringLiteral("alice"), QStringLiteral("wrong guess"), QStringLiteral("192.0.2.1"));
        ASSERT_EQ(wrong.error().code, ErrorCode::Unauthorized) << attempt;
    }
    const Result<User> blocked = core->users().verifyPassword(
        QStringLiteral("alice"), QStringLiteral("correct horse"), QStringLiteral("192.0.2.2"));
    ASSERT_FALSE(blocked.ok());
    EXPECT_EQ(blocked.error().code, ErrorCode::TooManyRequests) << "the user name is held back";

    addUser(QStringLiteral("bob"));
    const Result<User> sameAddress = core->users().verifyPassword(
        QStringLiteral("bob"), QStringLiteral("correct horse"), QStringLiteral("192.0.2.1"));
    ASSERT_FALSE(sameAddress.ok());
    EXPECT_EQ(sameAddress.error().code, ErrorCode::TooManyRequests) << "so is the address";
    EXPECT_TRUE(core->users()
                    .verifyPassword(QStringLiteral("bob"), QStringLiteral("correct horse"),
                                    QStringLiteral("192.0.2.3"))
                    .ok());

    // Same work for a name that does not exist as for a wrong password.
    QElapsedTimer clock;
    clock.start();
    const Result<User> unknown = core->users().verifyPassword(
        QStringLiteral("nobody"), QStringLiteral("anything"), QStringLiteral("192.0.2.4"));
    const qint64 unknownNs = clock.nsecsElapsed();
    EXPECT_EQ(unknown.error().code, ErrorCode::Unauthorized);
    clock.restart();
    (void)core->users().verifyPassword(QStringLiteral("bob"), QStringLiteral("wrong"),
                                       QStringLiteral("192.0.2.5"));
    const qint64 wrongNs = clock.nsecsElapsed();
    EXPECT_GT(unknownNs, wrongNs / 4) << "an unknown user must cost a hash";
}
