#include "TopologyFiles.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace Cairn {

TopologyFiles::TopologyFiles(const QString &dataDir)
    : m_folder(QDir(dataDir).filePath(QStringLiteral("spreadsheets")))
{
}

void TopologyFiles::removeLeftoverUploads() const
{
    const QDir folder(m_folder);
    for (const QString &name :
         folder.entryList({UploadPrefix + QLatin1Char('*')}, QDir::Files | QDir::Hidden))
        QFile::remove(folder.filePath(name));
}

Result<QString> TopologyFiles::exportPath(const QString &field, const QString &name) const
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
    if (!QDir().mkpath(m_folder))
        return Error::internal(QStringLiteral("The spreadsheets folder could not be made."));
    return QDir(m_folder).filePath(base + QStringLiteral(".xlsx"));
}

} // namespace Cairn
