#include "ztp/ZtpNodeFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <sys/stat.h>

using namespace Cairn;

namespace {

// A node's files are written whole into its folder (made on the way), a config-handler stays
// runnable, and a file written again is replaced.
TEST(ZtpNodeFiles, FilesAreWrittenWholeAndReplaced)
{
    const QTemporaryDir root;
    const QString folder = root.filePath(QStringLiteral("nodes/SN1"));
    EXPECT_FALSE(ZtpNodeFiles::exists(folder, QStringLiteral("definition")));

    ASSERT_TRUE(
        ZtpNodeFiles::write(folder, {{QStringLiteral("definition"), "actions: []\n"},
                                     {QStringLiteral(".node"), "{\"v\": 1}"},
                                     {QStringLiteral("config-handler"), "#!/bin/sh\n", true}})
            .ok());
    EXPECT_EQ(ZtpNodeFiles::read(folder, QStringLiteral("definition")).value(), "actions: []\n");
    EXPECT_TRUE(QFileInfo(folder + QStringLiteral("/config-handler")).isExecutable());
    EXPECT_FALSE(QFileInfo(folder + QStringLiteral("/definition")).isExecutable());

    // The same content again leaves the file as it is; other content replaces it.
    const auto inode = [&folder] {
        struct stat info = {};
        return ::stat(QFile::encodeName(folder + QStringLiteral("/.node")).constData(), &info) == 0
                   ? info.st_ino
                   : ino_t(0);
    };
    const ino_t first = inode();
    ASSERT_TRUE(ZtpNodeFiles::write(folder, {{QStringLiteral(".node"), "{\"v\": 1}"}}).ok());
    EXPECT_EQ(inode(), first);
    ASSERT_TRUE(ZtpNodeFiles::write(folder, {{QStringLiteral(".node"), "{\"v\": 2}"}}).ok());
    EXPECT_NE(inode(), first);
    EXPECT_EQ(ZtpNodeFiles::read(folder, QStringLiteral(".node")).value(), "{\"v\": 2}");
    // No temporary file is left beside them.
    EXPECT_EQ(QDir(folder).entryList(QDir::Files | QDir::Hidden).size(), 3);
    EXPECT_FALSE(ZtpNodeFiles::read(folder, QStringLiteral("startup-config")).ok());
}

// A folder that cannot be made (a file is in its way) is an error, not a silent loss.
TEST(ZtpNodeFiles, AFolderThatCannotBeMadeIsAnError)
{
    const QTemporaryDir root;
    QFile blocker(root.filePath(QStringLiteral("nodes")));
    ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const Result<void> written = ZtpNodeFiles::write(root.filePath(QStringLiteral("nodes/SN1")),
                                                     {{QStringLiteral(".node"), "{}"}});
    ASSERT_FALSE(written.ok());
    // The answer names no server path.
    EXPECT_FALSE(written.error().message.contains(root.path()));
}

} // namespace
