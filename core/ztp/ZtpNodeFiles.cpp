#include "ZtpNodeFiles.h"

#include "ZtpDataRoot.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcZtp)

namespace Cairn {

namespace {

QString inFolder(const QString &folder, const QString &name)
{
    return folder + QLatin1Char('/') + name;
}

} // namespace

void ZtpNodeFiles::stage(const QString &folder, const QList<File> &files)
{
    const QMutexLocker locker(&m_lock);
    QHash<QString, QByteArray> &staged = m_staged[folder];
    for (const File &file : files)
        staged.insert(file.name, file.content);
}

void ZtpNodeFiles::write(const QString &folder, const QList<File> &files)
{
    for (const File &file : files) {
        const QString path = inFolder(folder, file.name);
        const Result<void> written = ZtpDataRoot::write(path, file.content);
        if (!written)
            qCWarning(lcZtp).noquote() << written.error().message;
        else if (file.executable)
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    const QMutexLocker locker(&m_lock);
    const auto staged = m_staged.find(folder);
    if (staged == m_staged.end())
        return;
    for (const File &file : files) {
        // Staged again meanwhile with other content: that write is still to come.
        const auto pending = staged->constFind(file.name);
        if (pending != staged->cend() && pending.value() == file.content)
            staged->erase(pending);
    }
    if (staged->isEmpty()) {
        m_staged.erase(staged);
        m_written.wakeAll();
    }
}

Result<QByteArray> ZtpNodeFiles::read(const QString &folder, const QString &name) const
{
    {
        const QMutexLocker locker(&m_lock);
        const auto staged = m_staged.constFind(folder);
        if (staged != m_staged.cend() && staged->contains(name))
            return staged->value(name);
    }
    return ZtpDataRoot::read(inFolder(folder, name));
}

bool ZtpNodeFiles::exists(const QString &folder, const QString &name) const
{
    {
        const QMutexLocker locker(&m_lock);
        const auto staged = m_staged.constFind(folder);
        if (staged != m_staged.cend() && staged->contains(name))
            return true;
    }
    return QFileInfo::exists(inFolder(folder, name));
}

bool ZtpNodeFiles::folderExists(const QString &folder) const
{
    {
        const QMutexLocker locker(&m_lock);
        if (m_staged.contains(folder))
            return true;
    }
    return QFileInfo(folder).isDir();
}

void ZtpNodeFiles::waitUntilWritten(const QString &folder)
{
    QMutexLocker locker(&m_lock);
    while (m_staged.contains(folder))
        m_written.wait(&m_lock);
}

} // namespace Cairn
