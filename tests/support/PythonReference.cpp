#include "PythonReference.h"

#include <QJsonDocument>
#include <QProcess>
#include <gtest/gtest.h>

namespace Cairn::Test {

QHash<QString, QJsonObject> pythonReference(const QString &script, const QJsonArray &cases,
                                            const QString &package)
{
    // Debian's interpreter, which has the packages (an interpreter earlier on PATH may not).
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), {script});
    python.write(QJsonDocument(cases).toJson(QJsonDocument::Compact));
    python.closeWriteChannel();
    python.waitForFinished(60000);
    const QByteArray output = python.readAllStandardOutput();
    EXPECT_EQ(python.exitCode(), 0) << python.readAllStandardError().toStdString() << " (is "
                                    << package.toStdString() << " installed? scripts/setup.sh)";
    QHash<QString, QJsonObject> results;
    for (const QJsonValue result : QJsonDocument::fromJson(output).array())
        results.insert(result[QStringLiteral("id")].toString(), result.toObject());
    return results;
}

} // namespace Cairn::Test
