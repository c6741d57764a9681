#pragma once

#include "Result.h"
#include "auth/Identity.h"
#include "jobs/Progress.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace Cairn {

class CoreServices;
struct SheetRow;

// A topology spreadsheet read back (.xlsx, legacy .xls or CSV): sheet `device` before sheet
// `link`, each row an object saved by name as POST /rest/instance/<type> saves it (created,
// or updated with what the row gives: an empty cell leaves a property as it is). A row that
// cannot be saved is reported with why and changes nothing; the others are kept. The whole
// import is one transaction, each row a savepoint in it. With `replace`, every device (and so
// every link) is deleted first.
class TopologyImport
{
public:
    // Rows one import reads (past them it is refused and changes nothing), and failures it
    // describes.
    static constexpr int MaxRows = 1000000;
    static constexpr int MaxFailures = 1000;
    // Rows saved together.
    static constexpr int ChunkRows = 2000;

    explicit TopologyImport(CoreServices &core)
        : m_core(core)
    {
    }

    struct Report
    {
        int devices = 0;
        int links = 0;
        // Rows not saved, and {sheet, row, name, error} for the first MaxFailures of them.
        int failed = 0;
        QJsonArray failures;
        // Sheets that are neither devices nor links.
        QStringList ignoredSheets;

        // {devices, links, failed, failures, ignored_sheets}
        QJsonObject toJson() const;
    };
    // `fileName`: the name the file was sent under, which names a CSV file's one sheet.
    // Asked to stop (through `progress`), it stops at the next chunk and changes nothing.
    Result<Report> run(const Identity &caller, const QString &path, const QString &fileName,
                       bool replace, const Progress &progress = {});

private:
    CoreServices &m_core;
};

} // namespace Cairn
