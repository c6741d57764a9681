#include "PackageArchive.h"

#include "io/ZipReader.h"
#include "io/ZipWriter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStorageInfo>
#include <limits>
#include <optional>

namespace Cairn {

namespace {

constexpr qint64 ChunkBytes = 1 << 20;
// Disk images compress well but are large: speed matters more than the last percent.
constexpr int CompressionLevel = 1;
const QString ManifestName = QStringLiteral("manifest.json");
const QString XmlName = QStringLiteral("domain.xml");
// A manifest or XML larger than this is not a package's.
constexpr qint64 MaxMetadataBytes = 4 << 20;

QString diskEntry(const QString &file)
{
    return QStringLiteral("disks/") + file;
}

Error damaged(const QString &path, const QString &why)
{
    return Error::badRequest(QStringLiteral("Package archive %1 is damaged: %2").arg(path, why));
}

Error cancelled()
{
    return Error::conflict(QStringLiteral("Cancelled."));
}

// Copies `from` to `to` (nowhere when null: only checking) in chunks, hashing what passes;
// stops when `keepGoing` says so.
// Copies until the end, or fails past `limit` bytes (a zip entry that inflates beyond the size
// its manifest declares is not read on).
Result<QByteArray> copyHashing(QIODevice &from, QIODevice *to, qint64 &done, qint64 total,
                               const CopyProgress &keepGoing,
                               qint64 limit = std::numeric_limits<qint64>::max())
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    qint64 copied = 0;
    while (true) {
        const QByteArray chunk = from.read(ChunkBytes);
        if (chunk.isEmpty())
            break;
        copied += chunk.size();
        if (copied > limit)
            return Error::invalidField(QStringLiteral("pkguuid"),
                                       QStringLiteral("A disk of the package is larger than its "
                                                      "manifest says."));
        hash.addData(chunk);
        if (to && to->write(chunk) != chunk.size())
            return Error::internal(QStringLiteral("Cannot write: %1").arg(to->errorString()));
        done += chunk.size();
        if (!keepGoing(done, total))
            return cancelled();
    }
    return hash.result().toHex();
}

Result<QByteArray> readEntry(ZipReader &zip, const QString &name, const QString &path)
{
    if (!zip.contains(name))
        return damaged(path, QStringLiteral("no %1").arg(name));
    const Result<std::unique_ptr<QIODevice>> file = zip.open(name);
    if (!file)
        return damaged(path, QStringLiteral("cannot read %1").arg(name));
    QByteArray bytes = file.value()->read(MaxMetadataBytes + 1);
    if (bytes.size() > MaxMetadataBytes)
        return damaged(path, QStringLiteral("%1 is too large").arg(name));
    return bytes;
}

} // namespace

qint64 PackageArchive::diskBytes(const QJsonObject &manifest)
{
    qint64 total = 0;
    for (const QJsonValue disk : manifest.value(QStringLiteral("disks")).toArray())
        total += disk[QStringLiteral("size")].toInteger();
    return total;
}

Result<QJsonObject> PackageArchive::write(const QString &path, QJsonObject manifest,
                                          const QString &xml, const QList<DiskSource> &disks,
                                          const CopyProgress &progress)
{
    qint64 total = 0;
    for (const DiskSource &disk : disks) {
        const QFileInfo info(disk.path);
        if (!info.isFile() || !info.isReadable())
            return Error::conflict(
                QStringLiteral("Disk %1 cannot be read on this host: packages are built from "
                               "file-backed disks Cairn can read.")
                    .arg(disk.path));
        total += info.size();
    }
    const QString partial = path + QStringLiteral(".part");
    std::optional<ZipWriter> zip(std::in_place, partial);
    if (!zip->isOpen())
        return Error::internal(QStringLiteral("Cannot create %1.").arg(partial));
    const auto abandon = [&](const Error &error) {
        zip.reset();
        QFile::remove(partial);
        return error;
    };
    QJsonArray written;
    qint64 done = 0;
    for (const DiskSource &disk : disks) {
        QFile source(disk.path);
        if (!source.open(QIODevice::ReadOnly))
            return abandon(Error::conflict(QStringLiteral("Cannot read disk %1.").arg(disk.path)));
        const Result<std::unique_ptr<QIODevice>> entry =
            zip->add(diskEntry(disk.file), CompressionLevel);
        if (!entry)
            return abandon(Error::internal(QStringLiteral("Cannot add %1.").arg(disk.file)));
        const qint64 before = done;
        const Result<QByteArray> sha1 =
            copyHashing(source, entry.value().get(), done, total, progress);
        entry.value()->close();
        if (!sha1)
            return abandon(sha1.error());
        written.append(QJsonObject{{QStringLiteral("file"), disk.file},
                                   {QStringLiteral("size"), done - before},
                                   {QStringLiteral("sha1"), QString::fromLatin1(sha1.value())}});
    }
    manifest.insert(QStringLiteral("disks"), written);
    for (const auto &[name, bytes] : {std::pair(ManifestName, QJsonDocument(manifest).toJson()),
                                      std::pair(XmlName, xml.toUtf8())}) {
        const Result<std::unique_ptr<QIODevice>> entry = zip->add(name, CompressionLevel);
        const bool added = entry && entry.value()->write(bytes) == bytes.size();
        // Ended before the archive may be abandoned: the entry needs its archive open.
        if (entry)
            entry.value()->close();
        if (!added)
            return abandon(Error::internal(QStringLiteral("Cannot add %1.").arg(name)));
    }
    if (!zip->close()) {
        QFile::remove(partial);
        return Error::internal(QStringLiteral("Cannot write %1.").arg(partial));
    }
    QFile::remove(path);
    if (!QFile::rename(partial, path)) {
        QFile::remove(partial);
        return Error::internal(QStringLiteral("Cannot move the package to %1.").arg(path));
    }
    return manifest;
}

Result<PackageArchive::Contents> PackageArchive::read(const QString &path)
{
    ZipReader zip(path);
    if (!zip.isOpen())
        return damaged(path, QStringLiteral("not a zip archive"));
    const Result<QByteArray> manifestBytes = readEntry(zip, ManifestName, path);
    if (!manifestBytes)
        return manifestBytes.error();
    const Result<QByteArray> xml = readEntry(zip, XmlName, path);
    if (!xml)
        return xml.error();
    QJsonParseError error{};
    const QJsonDocument manifest = QJsonDocument::fromJson(manifestBytes.value(), &error);
    if (!manifest.isObject())
        return damaged(path, QStringLiteral("the manifest is not a JSON object"));
    // Names from a downloaded package are untrusted: plain file names only.
    static const QRegularExpression plainName(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9._-]*$"));
    for (const QJsonValue disk : manifest.object().value(QStringLiteral("disks")).toArray()) {
        const QString file = disk[QStringLiteral("file")].toString();
        if (!plainName.match(file).hasMatch() || file.size() > 200)
            return damaged(path,
                           QStringLiteral("disk name \"%1\" is not a plain file name").arg(file));
        if (disk[QStringLiteral("sha1")].toString().size() != 40)
            return damaged(path, QStringLiteral("disk %1 has no sha1").arg(file));
    }
    return Contents{manifest.object(), QString::fromUtf8(xml.value())};
}

Result<QStringList> PackageArchive::extractDisks(const QString &path, const QJsonObject &manifest,
                                                 const QString &directory,
                                                 const CopyProgress &progress)
{
    if (!QDir().mkpath(directory))
        return Error::internal(QStringLiteral("Cannot create %1.").arg(directory));
    return checkDisks(path, manifest, directory, progress);
}

Result<void> PackageArchive::verify(const QString &path, const QJsonObject &manifest,
                                    const CopyProgress &progress)
{
    const Result<QStringList> checked = checkDisks(path, manifest, QString(), progress);
    if (!checked)
        return checked.error();
    return {};
}

Result<QStringList> PackageArchive::checkDisks(const QString &path, const QJsonObject &manifest,
                                               const QString &directory,
                                               const CopyProgress &progress)
{
    ZipReader zip(path);
    if (!zip.isOpen())
        return damaged(path, QStringLiteral("not a zip archive"));
    const qint64 total = diskBytes(manifest);
    // Room for every disk before the first byte is written: a package cannot fill the disk.
    if (!directory.isEmpty()) {
        const QStorageInfo disk(directory);
        if (disk.isValid() && total > disk.bytesAvailable())
            return Error::unavailable(QStringLiteral("disk_space"),
                                      QStringLiteral("The package's disks need %1 bytes; %2 has "
                                                     "%3 free.")
                                          .arg(total)
                                          .arg(directory)
                                          .arg(disk.bytesAvailable()));
    }
    qint64 done = 0;
    QStringList files;
    for (const QJsonValue disk : manifest.value(QStringLiteral("disks")).toArray()) {
        const QString file = disk[QStringLiteral("file")].toString();
        if (!zip.contains(diskEntry(file)))
            return damaged(path, QStringLiteral("disk %1 is missing").arg(file));
        const Result<std::unique_ptr<QIODevice>> entry = zip.open(diskEntry(file));
        if (!entry)
            return damaged(path, QStringLiteral("cannot read disk %1").arg(file));
        std::optional<QSaveFile> output;
        if (!directory.isEmpty()) {
            output.emplace(QDir(directory).filePath(file));
            if (!output->open(QIODevice::WriteOnly))
                return Error::internal(QStringLiteral("Cannot write %1.").arg(output->fileName()));
        }
        const qint64 before = done;
        const Result<QByteArray> sha1 =
            copyHashing(*entry.value(), output ? &*output : nullptr, done, total, progress,
                        disk[QStringLiteral("size")].toInteger());
        if (!sha1)
            return sha1.error();
        if (done - before != disk[QStringLiteral("size")].toInteger() ||
            QString::fromLatin1(sha1.value()) != disk[QStringLiteral("sha1")].toString())
            return Error::invalidField(
                QStringLiteral("pkguuid"),
                QStringLiteral("Disk %1 of the package does not match its sha1 (%2): the package "
                               "is damaged or was altered.")
                    .arg(file, disk[QStringLiteral("sha1")].toString()));
        if (output) {
            if (!output->commit())
                return Error::internal(QStringLiteral("Cannot write %1.").arg(output->fileName()));
            files << output->fileName();
        }
    }
    return files;
}

Result<QString> PackageArchive::sha1Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::internal(QStringLiteral("Cannot read %1.").arg(path));
    QCryptographicHash hash(QCryptographicHash::Sha1);
    if (!hash.addData(&file))
        return Error::internal(QStringLiteral("Cannot read %1.").arg(path));
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace Cairn
