#pragma once

#include <QString>

namespace Cairn {

// How a backup archive (`cairn backup`) is laid out: a zip holding a manifest that lists every
// other entry with its size and SHA-256, the SQLite database as one consistent snapshot, and
// the data directory's files under files/.
namespace BackupLayout {

inline constexpr int FormatVersion = 1;
inline const QString ManifestEntry = QStringLiteral("cairn-backup.json");
inline const QString DatabaseEntry = QStringLiteral("database/cairn.sqlite");
inline const QString FilesPrefix = QStringLiteral("files/");
// The SQLite files a backup takes through the snapshot, never as they lie on disk, and the
// data directory's lock (DataDirectoryLock), which belongs to the processes using it.
inline const QString DatabaseFile = QStringLiteral("cairn.sqlite");
bool isLiveFile(const QString &relativePath);
// A manifest is a list of names and hashes: 64 MiB is millions of files.
inline constexpr qint64 MaxManifestBytes = 64 * 1024 * 1024;
inline constexpr int MaxEntries = 2'000'000;

// A relative path that stays inside the folder it is joined to: no empty, "." or ".."
// component, no leading slash, no backslash, no control character (C0 or C1) and no
// bidirectional override (a name that would print as another in a terminal).
bool isSafeRelativePath(const QString &path);

} // namespace BackupLayout

} // namespace Cairn
