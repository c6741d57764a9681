#pragma once

#include "Result.h"

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
    // Uploads being imported are files named so in the folder.
    static inline const QString UploadPrefix = QStringLiteral("upload-");
    // Uploads a process that died while importing left behind; at start, before any import.
    void removeLeftoverUploads() const;

private:
    QString m_folder;
};

} // namespace Cairn
