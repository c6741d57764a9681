#pragma once

#include "Result.h"

#include <QJsonArray>
#include <QString>

namespace Cairn {

// Where migration projects live: `migrations/<name>/` in the data directory, one YAML file per
// type and `metadata.yaml`. A name is a folder name of its own, never a path.
class MigrationProject
{
public:
    explicit MigrationProject(const QString &dataDir);

    // The folder of project `name` (it may not exist); a name with a path in it, or other
    // characters than letters, digits, '.', '_' and '-', is a 400 naming `field`.
    Result<QString> folder(const QString &field, const QString &name) const;
    // The folder of project `name`, or NotFound when there is none.
    Result<QString> existing(const QString &field, const QString &name) const;
    // Makes `written` (a folder beside the project's) the project `name`, replacing what was
    // there: a reader never sees a mix of the two.
    Result<void> replace(const QString &written, const QString &name) const;
    // A new, empty folder to write the project `name` into before replace().
    Result<QString> scratch(const QString &name) const;
    // The projects, by name: {name, export_time, cairn_version, types, secrets (whether it
    // carries any)}; a project whose metadata does not read is listed with `readable` false.
    QJsonArray listed() const;
    // Folders that a process that died while exporting left behind; at start.
    void removeLeftovers() const;

    static inline const QString Metadata = QStringLiteral("metadata.yaml");
    // A project whose metadata is larger is listed unread.
    static constexpr qint64 MaxListedMetadataBytes = 64 * 1024;
    // The layout of the files; an import refuses a project of a later one.
    static constexpr int FormatVersion = 1;

private:
    QString m_root;
};

} // namespace Cairn
