#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>

namespace Cairn {

// Bytes copied so far of all there are; returning false stops the copy (a cancelled job).
using CopyProgress = std::function<bool(qint64 done, qint64 total)>;

// A package's one archive file (zip, zip64 for large disks): manifest.json, domain.xml and
// disks/<file> for each disk the manifest lists with its size and sha1.
class PackageArchive
{
public:
    struct DiskSource
    {
        // The name in the package (manifest and disks/).
        QString file;
        // Where it is read from.
        QString path;
    };

    struct Contents
    {
        QJsonObject manifest;
        QString xml;
    };

    // Writes the archive (to `path`.part, renamed once whole) and returns the manifest with
    // each disk's size and sha1. Stopped by `progress`: Conflict, and nothing is left behind.
    static Result<QJsonObject> write(const QString &path, QJsonObject manifest, const QString &xml,
                                     const QList<DiskSource> &disks, const CopyProgress &progress);
    // The manifest and XML, checked: disk names are plain file names. BadRequest when damaged.
    static Result<Contents> read(const QString &path);
    // Copies each disk to `directory`/<file>, checking its size and sha1 against the manifest:
    // BadRequest naming the disk when one differs. Returns the files written, in manifest order.
    static Result<QStringList> extractDisks(const QString &path, const QJsonObject &manifest,
                                            const QString &directory, const CopyProgress &progress);
    // The same checks, without writing anything: a downloaded package before it is accepted.
    static Result<void> verify(const QString &path, const QJsonObject &manifest,
                               const CopyProgress &progress);
    static Result<QString> sha1Of(const QString &path);
    // What the manifest's disks add up to.
    static qint64 diskBytes(const QJsonObject &manifest);

private:
    // Each disk read and checked; written to `directory` unless it is empty.
    static Result<QStringList> checkDisks(const QString &path, const QJsonObject &manifest,
                                          const QString &directory, const CopyProgress &progress);
};

} // namespace Cairn
