#include "DataRestore.h"

#include "BackupLayout.h"
#include "DataDirectoryLock.h"
#include "SqliteFile.h"
#include "io/ZipReader.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <unistd.h>

namespace Cairn {

namespace {

constexpr qint64 ChunkBytes = 1024 * 1024;
// Left free on the disk after a restore: the server must still be able to write.
constexpr qint64 SpareBytes = 64 * 1024 * 1024;

Error damaged(const QString &why)
{
    return Error::badRequest(QStringLiteral("The backup cannot be restored: %1").arg(why));
}

struct ManifestEntry
{
    QString name;
    qint64 size = 0;
    QByteArray sha256;
    bool executable = false;
};

struct Manifest
{
    QString created;
    QList<ManifestEntry> entries;
};

Result<Manifest> readManifest(ZipReader &zip)
{
    Result<std::unique_ptr<QIODevice>> entry =
        zip.open(BackupLayout::ManifestEntry, BackupLayout::MaxManifestBytes);
    if (!entry)
        return damaged(QStringLiteral("it has no readable %1").arg(BackupLayout::ManifestEntry));
    const QByteArray bytes = entry.value()->readAll();
    if (bytes.size() >= BackupLayout::MaxManifestBytes)
        return damaged(QStringLiteral("its manifest is too large"));
    const QJsonObject root = QJsonDocument::fromJson(bytes).object();
    if (root[QStringLiteral("format")].toInt() != BackupLayout::FormatVersion)
        return damaged(QStringLiteral("it is not a Cairn backup of format %1")
                           .arg(BackupLayout::FormatVersion));
    Manifest manifest;
    // Printed to the operator: only what reads as a time.
    const QDateTime created =
        QDateTime::fromString(root[QStringLiteral("created")].toString(), Qt::ISODateWithMs);
    manifest.created = created.isValid() ? created.toUTC().toString(Qt::ISODate)
                                         : QStringLiteral("an unknown time");
    const QJsonArray entries = root[QStringLiteral("entries")].toArray();
    if (entries.size() > BackupLayout::MaxEntries)
        return damaged(
            QStringLiteral("it lists more than %1 entries").arg(BackupLayout::MaxEntries));
    QSet<QString> seen;
    for (const QJsonValue value : entries) {
        ManifestEntry listed;
        listed.name = value[QStringLiteral("name")].toString();
        listed.size = value[QStringLiteral("size")].toInteger(-1);
        listed.sha256 = QByteArray::fromHex(value[QStringLiteral("sha256")].toString().toLatin1());
        listed.executable = value[QStringLiteral("executable")].toBool();
        const bool file =
            listed.name.startsWith(BackupLayout::FilesPrefix) &&
            BackupLayout::isSafeRelativePath(listed.name.mid(BackupLayout::FilesPrefix.size())) &&
            !BackupLayout::isLiveFile(listed.name.mid(BackupLayout::FilesPrefix.size()));
        if ((!file && listed.name != BackupLayout::DatabaseEntry) || listed.size < 0 ||
            listed.sha256.size() != 32 || seen.contains(listed.name))
            return damaged(QStringLiteral("its manifest has an entry that cannot be restored"));
        seen.insert(listed.name);
        manifest.entries << listed;
    }
    return manifest;
}

// Copies one entry out, checking what it inflates to against the manifest as it goes: an entry
// that says less than it holds stops at its listed size.
Result<void> extract(ZipReader &zip, const ManifestEntry &listed, const QString &path)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Error{ErrorCode::Unavailable, QStringLiteral("Cannot create %1").arg(path), {}};
    Result<std::unique_ptr<QIODevice>> entry = zip.open(listed.name, listed.size + 1);
    if (!entry)
        return damaged(QStringLiteral("%1 is missing or unreadable").arg(listed.name));
    QFile file(path);
    const QFileDevice::Permissions owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly) ||
        !file.setPermissions(listed.executable ? owner | QFileDevice::ExeOwner : owner))
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()),
                     {}};
    QCryptographicHash sha256(QCryptographicHash::Sha256);
    qint64 size = 0;
    while (true) {
        const QByteArray chunk = entry.value()->read(ChunkBytes);
        if (chunk.isEmpty())
            break;
        size += chunk.size();
        if (size > listed.size)
            return damaged(QStringLiteral("%1 is larger than its manifest says").arg(listed.name));
        sha256.addData(chunk);
        if (file.write(chunk) != chunk.size())
            return Error{ErrorCode::Unavailable,
                         QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()),
                         {}};
    }
    if (size != listed.size || sha256.result() != listed.sha256)
        return damaged(QStringLiteral("%1 does not match its manifest").arg(listed.name));
    // On the disk before it takes the data directory's place: a power cut after the rename
    // must not find empty files there.
    if (!file.flush() || ::fsync(file.handle()) != 0)
        return Error{ErrorCode::Unavailable, QStringLiteral("Cannot write %1").arg(path), {}};
    return {};
}

Result<void> checkDatabase(const QString &path)
{
    Result<std::unique_ptr<SqliteFile>> restored =
        SqliteFile::open(path, SqliteFile::Mode::ReadOnly);
    if (!restored)
        return damaged(QStringLiteral("its database cannot be opened"));
    const Result<QVariantList> verdict =
        restored.value()->column(QStringLiteral("PRAGMA integrity_check"));
    if (!verdict || verdict->value(0).toString() != QLatin1String("ok"))
        return damaged(QStringLiteral("its database fails SQLite's integrity check"));
    return {};
}

bool flushToDisk(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && ::fsync(file.handle()) == 0;
}

bool holdsAnything(const QString &folder)
{
    return !QDir(folder).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden |
                                 QDir::System);
}

} // namespace

Result<DataRestore::Summary> DataRestore::restore(const QString &archive, const Options &options)
{
    ZipReader zip(archive);
    if (!zip.isOpen())
        return damaged(QStringLiteral("%1 is not a zip archive").arg(archive));
    const Result<Manifest> manifest = readManifest(zip);
    if (!manifest)
        return manifest.error();
    // Nothing in the archive that the manifest does not vouch for.
    const Result<QList<ZipReader::Entry>> present = zip.entries(BackupLayout::MaxEntries + 1);
    if (!present)
        return damaged(present.error().message);
    QSet<QString> listed{BackupLayout::ManifestEntry};
    for (const ManifestEntry &entry : manifest->entries)
        listed.insert(entry.name);
    for (const ZipReader::Entry &entry : present.value()) {
        if (!listed.contains(entry.name))
            return damaged(QStringLiteral("it holds an entry its manifest does not list"));
    }

    const QFileInfo target(options.dataDir);
    const QString targetPath = target.absoluteFilePath();
    const bool sqlite = options.database.driver == DatabaseConfig::Driver::Sqlite;
    // The database comes back into the data directory, where the default configuration has it.
    if (sqlite && QFileInfo(options.database.sqlitePath).absoluteFilePath() !=
                      QDir(targetPath).filePath(BackupLayout::DatabaseFile))
        return Error::badRequest(
            QStringLiteral("The database is configured at %1, outside the data directory: "
                           "restore without --database, then move %2 there")
                .arg(options.database.sqlitePath, BackupLayout::DatabaseFile));
    const bool occupied = target.exists() && holdsAnything(targetPath);
    if (occupied && !options.replace)
        return Error::conflict(QStringLiteral("%1 is not empty: restore into a new data "
                                              "directory, or replace this one (it is moved aside, "
                                              "not deleted)")
                                   .arg(targetPath));
    // Held until the end: no process may open the directory while it is swapped.
    std::unique_ptr<DataDirectoryLock> lock;
    if (occupied) {
        Result<std::unique_ptr<DataDirectoryLock>> taken =
            DataDirectoryLock::take(targetPath, DataDirectoryLock::Mode::Exclusive);
        if (!taken)
            return taken.error();
        lock = std::move(taken).value();
    }
    if (!QDir().mkpath(target.absolutePath()))
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("Cannot create %1").arg(target.absolutePath()),
                     {}};
    qint64 needed = SpareBytes;
    for (const ManifestEntry &entry : manifest->entries)
        needed += entry.size;
    const qint64 available = QStorageInfo(target.absolutePath()).bytesAvailable();
    if (available >= 0 && available < needed)
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("The backup needs %1 MiB free beside %2; there are %3 MiB")
                         .arg(needed >> 20)
                         .arg(targetPath)
                         .arg(available >> 20),
                     {}};
    // Beside the target: renamed into place once whole and checked, never copied.
    QTemporaryDir staging(target.absoluteDir().filePath(QLatin1Char('.') + target.fileName() +
                                                        QStringLiteral(".restore-XXXXXX")));
    if (!staging.isValid())
        return Error{ErrorCode::Unavailable, staging.errorString(), {}};

    Summary summary;
    summary.created = manifest->created;
    QSet<QString> folders{staging.path()};
    for (const ManifestEntry &entry : manifest->entries) {
        const bool database = entry.name == BackupLayout::DatabaseEntry;
        const QString path =
            staging.filePath(database ? BackupLayout::DatabaseFile
                                      : entry.name.mid(BackupLayout::FilesPrefix.size()));
        if (const Result<void> written = extract(zip, entry, path); !written)
            return written.error();
        folders.insert(QFileInfo(path).absolutePath());
        if (database)
            summary.databaseBytes = entry.size;
        else
            ++summary.files;
    }
    if (summary.databaseBytes >= 0) {
        if (!sqlite)
            return Error::badRequest(QStringLiteral(
                "The backup holds an SQLite database, but this server is configured for "
                "PostgreSQL: restore it without --database-url, or load the data with "
                "`cairn migrate`"));
        if (const Result<void> sound = checkDatabase(staging.filePath(BackupLayout::DatabaseFile));
            !sound)
            return sound.error();
    }

    for (const QString &folder : std::as_const(folders))
        flushToDisk(folder);

    if (occupied) {
        summary.movedAside =
            targetPath + QStringLiteral(".before-restore-") +
            QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        if (!QDir().rename(targetPath, summary.movedAside))
            return Error{
                ErrorCode::Unavailable, QStringLiteral("Cannot move %1 aside").arg(targetPath), {}};
    } else if (target.exists() && !QDir().rmdir(targetPath)) {
        return Error{
            ErrorCode::Unavailable, QStringLiteral("Cannot replace %1").arg(targetPath), {}};
    }
    if (!QDir().rename(staging.path(), targetPath)) {
        if (summary.movedAside.isEmpty() || QDir().rename(summary.movedAside, targetPath))
            return Error{ErrorCode::Unavailable,
                         QStringLiteral("Cannot put the restored data at %1; nothing changed")
                             .arg(targetPath),
                         {}};
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("Cannot put the restored data at %1, nor the data that was "
                                    "there back: it is at %2")
                         .arg(targetPath, summary.movedAside),
                     {}};
    }
    staging.setAutoRemove(false);
    QFile::setPermissions(targetPath,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    flushToDisk(target.absolutePath());
    return summary;
}

} // namespace Cairn
