#include "MigrationProject.h"

#include "MigrationCatalog.h"
#include "YamlListReader.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUuid>

namespace Cairn {

namespace {

// Work folders start with '.', which no project name may, so none is ever taken for one.
const QString WorkPrefix = QStringLiteral(".work-");

} // namespace

MigrationProject::MigrationProject(const QString &dataDir)
    : m_root(QDir(dataDir).filePath(QStringLiteral("migrations")))
{
}

Result<QString> MigrationProject::folder(const QString &field, const QString &name) const
{
    static const QRegularExpression allowed(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}")));
    if (!allowed.match(name).hasMatch())
        return Error::invalidField(
            field, QStringLiteral("A folder name of at most 100 letters, digits, '.', '_' or '-', "
                                  "not starting with '.' or '-'."));
    // A link planted in the folder would make an export replace, and remove, what it points at.
    const QString path = QDir(m_root).filePath(name);
    if (QFileInfo(path).isSymLink() || QFileInfo(m_root).isSymLink())
        return Error::invalidField(field, QStringLiteral("This project is a link; projects are "
                                                         "folders of their own."));
    return path;
}

Result<QString> MigrationProject::scratch(const QString &name) const
{
    const QString path = QDir(m_root).filePath(WorkPrefix + name + QLatin1Char('-') +
                                               QUuid::createUuid().toString(QUuid::Id128));
    if (!QDir().mkpath(path))
        return Error::internal(QStringLiteral("The migrations folder could not be written."));
    return path;
}

Result<void> MigrationProject::replace(const QString &written, const QString &name) const
{
    const QString target = QDir(m_root).filePath(name);
    const QString old = QDir(m_root).filePath(WorkPrefix + name + QStringLiteral("-old-") +
                                              QUuid::createUuid().toString(QUuid::Id128));
    const bool hadOne = QFileInfo::exists(target);
    if (hadOne && !QDir().rename(target, old))
        return Error::internal(QStringLiteral("The project could not be replaced."));
    if (!QDir().rename(written, target)) {
        if (hadOne)
            QDir().rename(old, target);
        return Error::internal(QStringLiteral("The project could not be replaced."));
    }
    if (hadOne)
        QDir(old).removeRecursively();
    return {};
}

void MigrationProject::removeLeftovers() const
{
    const QDir root(m_root);
    for (const QString &name : root.entryList({WorkPrefix + QLatin1Char('*')},
                                              QDir::Dirs | QDir::Hidden | QDir::NoSymLinks))
        QDir(root.filePath(name)).removeRecursively();
}

Result<QString> MigrationProject::existing(const QString &field, const QString &name) const
{
    Result<QString> found = folder(field, name);
    if (found && !QFileInfo(found.value()).isDir())
        return Error::notFound(QStringLiteral("There is no migration project named %1.").arg(name));
    return found;
}

QJsonArray MigrationProject::listed() const
{
    QJsonArray projects;
    // Work folders start with '.': hidden, so not listed.
    const QStringList names =
        QDir(m_root).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name);
    for (const QString &name : names) {
        const QString path = QDir(m_root).filePath(name + QLatin1Char('/') + Metadata);
        // What an export writes is a few hundred bytes: a larger file is not read to list it.
        const Result<QJsonObject> metadata =
            QFileInfo(path).size() <= MaxListedMetadataBytes
                ? YamlListReader::readObject(path, Metadata)
                : Result<QJsonObject>(Error::badRequest(QStringLiteral("Too large.")));
        QJsonObject project{{QStringLiteral("name"), name},
                            {QStringLiteral("readable"), bool(metadata)}};
        if (metadata) {
            for (const QString &key :
                 {QStringLiteral("export_time"), QStringLiteral("cairn_version")}) {
                const QJsonValue value = metadata->value(key);
                if (value.isString())
                    project.insert(key, value.toString().left(64));
            }
            // Only the type names this Cairn knows: the file is anybody's text.
            QJsonArray types;
            for (const QJsonValue type : metadata->value(QLatin1String("types")).toArray()) {
                if (MigrationCatalog::names().contains(type.toString()))
                    types.append(type);
            }
            project.insert(QStringLiteral("types"), types);
            project.insert(QStringLiteral("secrets"),
                           metadata->value(QLatin1String("secrets")).isObject());
        }
        projects.append(project);
    }
    return projects;
}

} // namespace Cairn
