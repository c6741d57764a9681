// The server key unseals every stored secret: it is made once, privately, and never replaced.
#include "auth/ServerKey.h"

#include "CoreServices.h"
#include "TestBackend.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <thread>

using namespace Cairn;

namespace {

QFileDevice::Permissions ownerOnly(bool directory)
{
    return directory ? QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                     : QFileDevice::ReadOwner | QFileDevice::WriteOwner;
}

QFileDevice::Permissions permissionsOf(const QString &path)
{
    // Qt adds the "user" bits as it sees them: compare the owner's and others' only.
    return QFile::permissions(path) &
           ~(QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser);
}

} // namespace

TEST(ServerKey, IsMadeOncePrivatelyAndKept)
{
    QTemporaryDir dir;
    const Result<ServerKey> first = ServerKey::load(dir.path());
    ASSERT_TRUE(first.ok());
    const QString path = dir.filePath(QStringLiteral("server.key"));
    EXPECT_EQ(permissionsOf(path), ownerOnly(false));
    const Result<ServerKey> again = ServerKey::load(dir.path());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->derive("testtest"), first->derive("testtest"));
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1)
        << "no temporary file left behind";
}

TEST(ServerKey, ProcessesStartingTogetherShareOneKey)
{
    QTemporaryDir dir;
    std::vector<QByteArray> derived(8);
    std::vector<std::thread> starts;
    for (size_t i = 0; i < derived.size(); ++i)
        starts.emplace_back([&derived, &dir, i] {
            const Result<ServerKey> key = ServerKey::load(dir.path());
            derived[i] = key.ok() ? key->derive("testtest") : QByteArray();
        });
    for (std::thread &start : starts)
        start.join();
    for (const QByteArray &key : derived) {
        EXPECT_FALSE(key.isEmpty());
        EXPECT_EQ(key, derived.front());
    }
}

TEST(ServerKey, AKeyThatCannotBeReadIsNeverReplaced)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("server.key"));
    // Something is there that cannot be read as a key: a dangling link (a backup not mounted
    // yet), and a folder in its place.
    ASSERT_TRUE(QFile::link(dir.filePath(QStringLiteral("elsewhere/server.key")), path));
    const Result<ServerKey> dangling = ServerKey::load(dir.path());
    ASSERT_FALSE(dangling.ok());
    EXPECT_TRUE(dangling.error().message.contains(QStringLiteral("will not make a new key")))
        << qPrintable(dangling.error().message);
    EXPECT_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("elsewhere"))));
    EXPECT_TRUE(QFileInfo(path).isSymLink());
    ASSERT_TRUE(QFile::remove(path));
    ASSERT_TRUE(QDir(dir.path()).mkdir(QStringLiteral("server.key")));
    EXPECT_FALSE(ServerKey::load(dir.path()).ok());
    EXPECT_TRUE(QFileInfo(path).isDir());
}

TEST(DataDirectory, IsPrivateToItsOwner)
{
    QTemporaryDir parent;
    const QString fresh = parent.filePath(QStringLiteral("fresh"));
    Result<std::unique_ptr<CoreServices>> opened =
        CoreServices::open(Cairn::Test::TestBackend::freshOptions(fresh));
    ASSERT_TRUE(opened.ok());
    EXPECT_EQ(permissionsOf(fresh), ownerOnly(true));
    // One an earlier version left open to everyone is narrowed.
    const QString old = parent.filePath(QStringLiteral("old"));
    ASSERT_TRUE(QDir().mkpath(old));
    ASSERT_TRUE(QFile::setPermissions(old, ownerOnly(true) | QFileDevice::ReadOther |
                                               QFileDevice::ExeOther | QFileDevice::ReadGroup |
                                               QFileDevice::ExeGroup));
    opened = CoreServices::open(Cairn::Test::TestBackend::freshOptions(old));
    ASSERT_TRUE(opened.ok());
    EXPECT_EQ(permissionsOf(old), ownerOnly(true));
}
