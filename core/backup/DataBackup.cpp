#include "DataBackup.h"

#include "BackupLayout.h"
#include "SqliteFile.h"
#include "io/ZipWriter.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Cairn {

namespace {

constexpr qint64 ChunkBytes = 1024 * 1024;
// Fast deflate: most of a data directory is text that shrinks anyway, and disk images or
// archives would cost minutes at higher levels for little.
constexpr int FileLevel = 1;

Error cannotWrite(const QString &what)
{
    return Error{
        ErrorCode::Unavailable, QStringLiteral("Cannot write the backup: %1").arg(what), {}};
}

// Copies one file into the archive; the manifest entry, or nothing if it vanished since the
// folder was listed (a ZTP file replaced while the backup ran).
Result<std::optional<QJsonObject>> addFile(ZipWriter &zip, const QString &entryName,
                                           const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (!file.exists())
            return std::optional<QJsonObject>();
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()),
                     {}};
    }
    Result<std::unique_ptr<QIODevice>> entry = zip.add(entryName, FileLevel);
    if (!entry)
        return entry.error();
    QCryptographicHash sha256(QCryptographicHash::Sha256);
    qint64 size = 0;
    QByteArray chunk;
    while (!(chunk = file.read(ChunkBytes)).isEmpty()) {
        sha256.addData(chunk);
        size += chunk.size();
        if (entry.value()->write(chunk) != chunk.size())
            return cannotWrite(entryName);
    }
    if (file.error() != QFileDevice::NoError)
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()),
                     {}};
    entry.value()->close();
    return std::optional<QJsonObject>(QJsonObject{
        {QStringLiteral("name"), entryName},
        {QStringLiteral("size"), size},
        {QStringLiteral("sha256"), QString::fromLatin1(sha256.result().toHex())},
    });
}

// VACUUM INTO writes a compact copy from one read transaction: the server keeps writing.
Result<void> snapshotSqlite(const QString &database, const QString &snapshot)
{
    Result<std::unique_ptr<SqliteFile>> source =
        SqliteFile::open(database, SqliteFile::Mode::ReadOnly);
    if (!source)
        return source.error();
    const Result<QVariantList> done =
        source.value()->column(QStringLiteral("VACUUM INTO ?"), {snapshot});
    if (!done)
        return Error{
            ErrorCode::Unavailable,
            QStringLiteral("Cannot take a snapshot of the database: %1").arg(done.error().message),
            {}};
    return {};
}

bool flushToDisk(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && ::fsync(file.handle()) == 0;
}

struct FileIdentity
{
    dev_t device = 0;
    ino_t inode = 0;
    bool operator==(const FileIdentity &other) const = default;
};

std::optional<FileIdentity> identityOf(const QString &path)
{
    struct stat status
    {
    };
    if (::lstat(QFile::encodeName(path).constData(), &status) != 0)
        return std::nullopt;
    return FileIdentity{status.st_dev, status.st_ino};
}

// Puts the finished archive at `target` unless something (even a dangling link) is there:
// never replaced, never written through a link.
Result<void> placeWithoutReplacing(const QString &partial, const QString &target)
{
    const QByteArray from = QFile::encodeName(partial);
    const QByteArray to = QFile::encodeName(target);
    if (::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(), RENAME_NOREPLACE) == 0)
        return {};
    if (errno == EEXIST)
        return Error::conflict(
            QStringLiteral("%1 already exists: a backup never replaces a file").arg(target));
    // A file system without renameat2's flags: a hard link fails as surely on anything there.
    if (::link(from.constData(), to.constData()) == 0)
        return {};
    if (errno == EEXIST)
        return Error::conflict(
            QStringLiteral("%1 already exists: a backup never replaces a file").arg(target));
    return cannotWrite(
        QStringLiteral("%1: %2").arg(target, QString::fromLocal8Bit(::strerror(errno))));
}

} // namespace

Result<DataBackup::Summary> DataBackup::write(const Options &options, const QString &target)
{
    const QFileInfo targetInfo(target);
    if (targetInfo.exists() || targetInfo.isSymLink())
        return Error::conflict(
            QStringLiteral("%1 already exists: a backup never replaces a file").arg(target));
    const QDir dataDir(options.dataDir);
    if (!dataDir.exists())
        return Error::notFound(
            QStringLiteral("There is no data directory at %1").arg(options.dataDir));
    const QString folder = targetInfo.absoluteDir().canonicalPath();
    if (folder.isEmpty())
        return Error::notFound(
            QStringLiteral("There is no folder %1").arg(targetInfo.absolutePath()));
    // Inside the data directory the backup would take in itself, however the paths are spelt.
    const QString data = QFileInfo(dataDir.absolutePath()).canonicalFilePath();
    if (folder == data || folder.startsWith(data + QLatin1Char('/')))
        return Error::badRequest(
            QStringLiteral("Write the backup outside the data directory %1").arg(data));
    // Beside the target, so the finished archive is renamed into place, never copied; 0700.
    QTemporaryDir work(targetInfo.absoluteDir().filePath(QStringLiteral(".cairn-backup-XXXXXX")));
    if (!work.isValid())
        return cannotWrite(work.errorString());
    const QString partial = work.filePath(QStringLiteral("backup.zip"));
    {
        QFile created(partial);
        if (!created.open(QIODevice::WriteOnly) ||
            !created.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return cannotWrite(created.errorString());
    }
    ZipWriter zip(partial);
    if (!zip.isOpen())
        return cannotWrite(partial);
    // Whatever path reaches it (a bind mount of the data directory), the archive being
    // written is never one of the files it takes in.
    const std::optional<FileIdentity> archive = identityOf(partial);

    Summary summary;
    QJsonArray entries;
    const bool sqlite = options.database.driver == DatabaseConfig::Driver::Sqlite;
    if (sqlite) {
        const QString snapshot = work.filePath(BackupLayout::DatabaseFile);
        if (const Result<void> taken = snapshotSqlite(options.database.sqlitePath, snapshot);
            !taken)
            return taken.error();
        Result<std::optional<QJsonObject>> added =
            addFile(zip, BackupLayout::DatabaseEntry, snapshot);
        if (!added)
            return added.error();
        if (!added->has_value())
            return cannotWrite(QStringLiteral("the database snapshot vanished"));
        summary.databaseBytes = added->value()[QStringLiteral("size")].toInteger();
        entries.append(added->value());
        QFile::remove(snapshot);
    }

    QDirIterator files(dataDir.absolutePath(),
                       QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QFileInfo file(files.next());
        const QString relative = dataDir.relativeFilePath(file.absoluteFilePath());
        if (BackupLayout::isLiveFile(relative) ||
            options.excludedFolders.contains(relative.section(QLatin1Char('/'), 0, 0)) ||
            (archive && identityOf(file.absoluteFilePath()) == archive))
            continue;
        if (file.isSymLink() || (!file.isDir() && !file.isFile())) {
            summary.skipped << relative;
            continue;
        }
        if (file.isDir())
            continue;
        Result<std::optional<QJsonObject>> added =
            addFile(zip, BackupLayout::FilesPrefix + relative, file.absoluteFilePath());
        if (!added)
            return added.error();
        if (!added->has_value()) {
            // Qt could not name it (not UTF-8), or it went away while the backup ran.
            summary.skipped << relative;
            continue;
        }
        ++summary.files;
        summary.fileBytes += added->value()[QStringLiteral("size")].toInteger();
        QJsonObject entry = added->value();
        // A ZTP config handler is run as a program: it must come back runnable.
        if (file.permission(QFileDevice::ExeOwner))
            entry.insert(QStringLiteral("executable"), true);
        entries.append(entry);
    }

    const QJsonObject manifest{
        {QStringLiteral("format"), BackupLayout::FormatVersion},
        {QStringLiteral("cairn_version"), QStringLiteral(CAIRN_VERSION)},
        {QStringLiteral("created"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("database"),
         sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgresql")},
        {QStringLiteral("entries"), entries},
    };
    Result<std::unique_ptr<QIODevice>> manifestEntry = zip.add(BackupLayout::ManifestEntry, 6);
    if (!manifestEntry)
        return manifestEntry.error();
    const QByteArray manifestBytes = QJsonDocument(manifest).toJson(QJsonDocument::Indented);
    if (manifestEntry.value()->write(manifestBytes) != manifestBytes.size())
        return cannotWrite(BackupLayout::ManifestEntry);
    manifestEntry.value()->close();
    if (!zip.close() || !flushToDisk(partial))
        return cannotWrite(partial);
    if (const Result<void> placed = placeWithoutReplacing(partial, targetInfo.absoluteFilePath());
        !placed)
        return placed.error();
    flushToDisk(targetInfo.absolutePath());
    return summary;
}

} // namespace Cairn
