// Topology spreadsheets users import: .xlsx (a zip), legacy .xls (OLE2) or CSV, told apart by
// their first bytes as an upload is. Every sheet is read to its end.
#include "FuzzInput.h"
#include "io/SheetReader.h"

#include <QFile>
#include <QTemporaryDir>

using namespace Cairn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("topology"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(reinterpret_cast<const char *>(data), qint64(size)) != qint64(size))
        return 0;
    file.close();
    Result<std::unique_ptr<SheetReader>> opened =
        SheetReader::open(path, QStringLiteral("device"), QStringLiteral("file"));
    if (!opened)
        return 0;
    SheetReader &reader = *opened.value();
    for (const QString &sheet : reader.sheets())
        (void)reader.read(sheet, [](const SheetRow &) { return true; });
    return 0;
}
