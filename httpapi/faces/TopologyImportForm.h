#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace Cairn {

// The form both faces take to import a topology (multipart/form-data): `file`, the spreadsheet
// (.xlsx, .xls or .csv), and `replace`. The file is stored for the import to read by path.
struct TopologyImportForm
{
    // The stored upload (TopologyFiles::storeUpload): whoever takes the form removes it.
    QString upload;
    // The name the file was sent under.
    QString fileName;
    bool replace = false;

    static Result<TopologyImportForm> read(const QString &dataDir, const QByteArray &contentType,
                                           const QByteArray &body);
};

} // namespace Cairn
