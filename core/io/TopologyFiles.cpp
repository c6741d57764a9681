#include "TopologyFiles.h"

#include "JsonTime.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryFile>

namespace Cairn {

TopologyFiles::TopologyFiles(const QString &dataDir)
    : m_folder(QDir(dataDir).filePath(QStringLiteral("spreadsheets")))
{
}

void TopologyFiles::removeLeftovers() const
{
    const QDir folder(m_folder);
    // SpreadsheetWriter writes `<name>.xlsx.<random>.part` beside the file it makes.
    for (const QString &name :
         folder.entryList({UploadPrefix + QLatin1Char('*'), QStringLiteral("*.xlsx.*.part")},
                          QDir::Files | QDir::Hidden | QDir::System))
        QFile::remove(folder.filePath(name));
}

Result<QString> TopologyFiles::pathOf(const QString &field, const QString &name) const
{
    static const QRegularExpression allowed(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}")));
    QString base = name;
    if (base.endsWith(QLatin1String(".xlsx"), Qt::CaseInsensitive))
        base.chop(5);
    if (!allowed.match(base).hasMatch())
        return Error::invalidField(
            field, QStringLiteral("A file name of at most 100 letters, digits, '.', '_' or '-', "
                                  "not starting with '.' or '-'."));
    return QDir(m_folder).filePath(base + QStringLiteral(".xlsx"));
}

Result<QString> TopologyFiles::exportPath(const QString &field, const QString &name) const
{
    Result<QString> path = pathOf(field, name);
    if (path && !QDir().mkpath(m_folder))
        return Error::internal(QStringLiteral("The spreadsheets folder could not be made."));
    return path;
}

Result<QString> TopologyFiles::existing(const QString &field, const QString &name) const
{
    Result<QString> path = pathOf(field, name);
    const QFileInfo file(path ? path.value() : QString());
    if (path && (!file.isFile() || file.isSymLink() || QFileInfo(m_folder).isSymLink()))
        return Error::notFound(QStringLiteral("There is no spreadsheet named %1.").arg(name));
    return path;
}

QJsonArray TopologyFiles::listed() const
{
    QJsonArray files;
    const QFileInfoList found = QDir(m_folder).entryInfoList(
        {QStringLiteral("*.xlsx")}, QDir::Files | QDir::NoSymLinks, QDir::Name);
    for (const QFileInfo &file : found) {
        files.append(QJsonObject{
            {QStringLiteral("name"), file.fileName()},
            {QStringLiteral("size"), file.size()},
            {QStringLiteral("modified"), isoTimestamp(file.lastModified().toMSecsSinceEpoch())}});
    }
    return files;
}

Result<QString> TopologyFiles::storeUpload(QByteArrayView data) const
{
    if (!QDir().mkpath(m_folder))
        return Error::internal(QStringLiteral("The spreadsheets folder could not be made."));
    QTemporaryFile upload(m_folder + QLatin1Char('/') + UploadPrefix + QStringLiteral("XXXXXX"));
    upload.setAutoRemove(false);
    if (!upload.open() || upload.write(data.data(), data.size()) != data.size() ||
        !upload.flush()) {
        upload.remove();
        return Error::internal(QStringLiteral("The upload could not be stored."));
    }
    return upload.fileName();
}

} // namespace Cairn
