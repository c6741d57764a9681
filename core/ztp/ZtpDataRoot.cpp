#include "ZtpDataRoot.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>
#include <cstdio>

namespace Cairn {

ZtpDataRoot::ZtpDataRoot(const QString &root)
    : m_root(QDir::cleanPath(root))
{
}

Result<void> ZtpDataRoot::prepare() const
{
    for (const char *folder : {"bootstrap", "definitions", "nodes", "actions", "files", "resources",
                               "config-handlers", "plugins"})
        if (!QDir().mkpath(file(QString::fromLatin1(folder))))
            return Error::internal(
                QStringLiteral("Cannot create %1.").arg(file(QString::fromLatin1(folder))));
    const QString shipped = QStringLiteral(":/cairn/ztp");
    QDirIterator defaults(shipped, QDir::Files, QDirIterator::Subdirectories);
    while (defaults.hasNext()) {
        const QString source = defaults.next();
        const QString target = file(source.mid(shipped.size() + 1));
        if (QFileInfo::exists(target))
            continue;
        Result<QByteArray> content = read(source);
        if (!content)
            return content.error();
        Result<void> written = write(target, content.value());
        if (!written)
            return written;
        // Scripts stay runnable, as ZTPServer ships them.
        QFile::setPermissions(target, QFile::permissions(target) | QFile::ExeOwner |
                                          QFile::ExeGroup | QFile::ExeOther);
    }
    return {};
}

std::optional<QString> ZtpDataRoot::path(const QString &folder, const QString &relative) const
{
    if (relative.isEmpty() || relative.startsWith(QLatin1Char('/')) ||
        relative.contains(QLatin1Char('\\')) || relative.contains(QChar(0)))
        return std::nullopt;
    for (const QString &segment : relative.split(QLatin1Char('/')))
        if (segment.isEmpty() || segment == u"." || segment == u"..")
            return std::nullopt;
    const QString base = file(folder);
    const QString candidate = base + QLatin1Char('/') + relative;
    // A link inside may not lead out: the deepest part that exists must resolve inside.
    QString existing = candidate;
    while (existing.size() > base.size() && !QFileInfo::exists(existing))
        existing = QFileInfo(existing).path();
    const QString real = QFileInfo(existing).canonicalFilePath();
    const QString realBase = QFileInfo(base).canonicalFilePath();
    if (realBase.isEmpty() || (real != realBase && !real.startsWith(realBase + QLatin1Char('/'))))
        return std::nullopt;
    return candidate;
}

std::optional<QString> ZtpDataRoot::nodeFolder(const QString &nodeId) const
{
    // No switch's serial number or MAC is longer; a file name may not be.
    if (nodeId.size() > 128 || nodeId.contains(QLatin1Char('/')) ||
        nodeId.startsWith(QLatin1Char('.')))
        return std::nullopt;
    return path(QStringLiteral("nodes"), nodeId);
}

Result<QByteArray> ZtpDataRoot::read(const QString &path)
{
    QFile source(path);
    if (!source.open(QIODevice::ReadOnly))
        return Error::notFound(
            QStringLiteral("Cannot read %1: %2").arg(path, source.errorString()));
    return source.readAll();
}

Result<void> ZtpDataRoot::write(const QString &path, const QByteArray &content)
{
    const QFileInfo info(path);
    if (!info.dir().exists() && !QDir().mkpath(info.absolutePath()))
        return Error::internal(QStringLiteral("Cannot create the folder of %1.").arg(path));
    // A new file renamed over the old one: whole or absent if the process dies. Not synced
    // to disk (a registration storm would wait on the disk, not the CPU); the kernel has it.
    QTemporaryFile target(path + QStringLiteral(".XXXXXX"));
    if (!target.open() || target.write(content) != content.size() || !target.flush())
        return Error::internal(
            QStringLiteral("Cannot write %1: %2").arg(path, target.errorString()));
    // QTemporaryFile makes its file owner-only; a data root's files are read by other tools.
    target.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                          QFile::ReadOther);
    if (std::rename(QFile::encodeName(target.fileName()).constData(),
                    QFile::encodeName(path).constData()) != 0)
        return Error::internal(QStringLiteral("Cannot replace %1.").arg(path));
    target.setAutoRemove(false);
    return {};
}

} // namespace Cairn
