// YAML as Cairn reads it: ZTP's definitions and resources (one mapping, read whole) and
// migration projects (a list of mappings, streamed from a file).
#include "FuzzInput.h"
#include "io/YamlListReader.h"
#include "ztp/YamlJson.h"

#include <QFile>
#include <QTemporaryDir>

using namespace Cairn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text = Fuzz::bytesOf(data, size);
    (void)yamlObject(text, QStringLiteral("fuzz"));

    static QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("devices.yaml"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
        return 0;
    file.close();
    (void)YamlListReader::read(path, QStringLiteral("devices"),
                               [](const QJsonObject &, int) { return Result<void>(); });
    (void)YamlListReader::readObject(path, QStringLiteral("metadata"));
    return 0;
}
