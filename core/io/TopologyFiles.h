#pragma once

#include "Result.h"

#include <QByteArrayView>
#include <QJsonArray>
#include <QString>

namespace Cairn {

// Where topology spreadsheets live: `spreadsheets/` in the data directory, each named by the
// user. A name is a file name of its own, never a path: nothing leaves the folder.
class TopologyFiles
{
public:
    explicit TopologyFiles(const QString &dataDir);

    // The .xlsx file for `name` ("site-a" or "site-a.xlsx"), the folder made when missing; a
    // name with a path in it, or other characters than letters, digits, '.', '_' and '-', is a
    // 400 naming `field`.
    Result<QString> exportPath(const QString &field, const QString &name) const;
    QString folder() const { return m_folder; }
    // The exported file `name`, or NotFound when there is none (or it is a link: a file
    // planted to point elsewhere is never served); a bad name as exportPath().
    Result<QString> existing(const QString &field, const QString &name) const;
    // The spreadsheets in the folder, by name: {name, size, modified}; links left out.
    QJsonArray listed() const;
    // `data` (an upload) stored as a file only the server reads, for an import to read by path;
    // whoever imports it removes it (or the next start does, when the process died meanwhile).
    Result<QString> storeUpload(QByteArrayView data) const;
    // Uploads being imported are files named so in the folder: hidden, and no export's name.
    static inline const QString UploadPrefix = QStringLiteral(".upload-");
    // Uploads a process that died while importing left behind, and exports it was writing; at
    // start, before any import or export.
    void removeLeftovers() const;

private:
    // The path for `name`, or a 400 naming `field`.
    Result<QString> pathOf(const QString &field, const QString &name) const;

    QString m_folder;
};

} // namespace Cairn
