#include "ztp/ZtpNodeFiles.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

QByteArray onDisk(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// What a registration answered with is read back before it is on disk; once written, from disk;
// and a file staged again meanwhile stays as staged until its own write.
TEST(ZtpNodeFiles, StagedFilesAreReadUntilWrittenAndTheLatestWins)
{
    const QTemporaryDir root;
    const QString folder = root.filePath(QStringLiteral("nodes/SN1"));
    ZtpNodeFiles files;
    EXPECT_FALSE(files.folderExists(folder));
    EXPECT_FALSE(files.exists(folder, QStringLiteral("definition")));

    const QList<ZtpNodeFiles::File> first{{QStringLiteral("definition"), "actions: []\n"},
                                          {QStringLiteral(".node"), "{\"v\": 1}"},
                                          {QStringLiteral("config-handler"), "#!/bin/sh\n", true}};
    files.stage(folder, first);
    EXPECT_TRUE(files.folderExists(folder));
    EXPECT_TRUE(files.exists(folder, QStringLiteral("definition")));
    EXPECT_EQ(files.read(folder, QStringLiteral(".node")).value(), "{\"v\": 1}");
    EXPECT_FALSE(QFileInfo::exists(folder));

    // The switch registers again before the first write: its newer facts wait for their own.
    const QList<ZtpNodeFiles::File> second{{QStringLiteral(".node"), "{\"v\": 2}"}};
    files.stage(folder, second);
    files.write(folder, first);
    EXPECT_EQ(onDisk(folder + QStringLiteral("/definition")), "actions: []\n");
    EXPECT_TRUE(QFileInfo(folder + QStringLiteral("/config-handler")).isExecutable());
    EXPECT_EQ(files.read(folder, QStringLiteral(".node")).value(), "{\"v\": 2}");
    files.write(folder, second);
    EXPECT_EQ(onDisk(folder + QStringLiteral("/.node")), "{\"v\": 2}");
    EXPECT_EQ(files.read(folder, QStringLiteral(".node")).value(), "{\"v\": 2}");
    // Nothing waits: an upload writes at once.
    files.waitUntilWritten(folder);
    EXPECT_FALSE(files.read(folder, QStringLiteral("startup-config")).ok());
}

} // namespace
