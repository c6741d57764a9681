#include "ZtpNodeFiles.h"

#include "ZtpDataRoot.h"

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcZtp)

namespace Cairn::ZtpNodeFiles {

namespace {

QString inFolder(const QString &folder, const QString &name)
{
    return folder + QLatin1Char('/') + name;
}

bool unchanged(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.size() == content.size() &&
           file.readAll() == content;
}

} // namespace

Result<void> write(const QString &folder, const QList<File> &files)
{
    for (const File &file : files) {
        const QString path = inFolder(folder, file.name);
        // A switch registering again mostly sends what it sent before: a replaced file costs
        // a new inode and frees the old one, which the filesystem then skips for minutes.
        const Result<void> written =
            unchanged(path, file.content) ? Result<void>() : ZtpDataRoot::write(path, file.content);
        if (!written) {
            qCWarning(lcZtp).noquote() << written.error().message;
            // The path is the server's own business, not the switch's.
            return Error::internal(QStringLiteral("The node's files could not be written."));
        }
        if (file.executable)
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    return {};
}

Result<QByteArray> read(const QString &folder, const QString &name)
{
    return ZtpDataRoot::read(inFolder(folder, name));
}

bool exists(const QString &folder, const QString &name)
{
    return QFileInfo::exists(inFolder(folder, name));
}

} // namespace Cairn::ZtpNodeFiles
