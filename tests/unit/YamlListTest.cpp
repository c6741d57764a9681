// Migration projects' YAML: whatever text a user keeps (configurations with blanks, words YAML
// reads as booleans, control characters) comes back as the same string, and the files that
// would cost unbounded memory or mean two things are refused with the line.
#include "QtPrinters.h"
#include "io/YamlListReader.h"
#include "io/YamlListWriter.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

QString writeText(const QTemporaryDir &dir, const QByteArray &text)
{
    QString path = dir.filePath(QStringLiteral("list.yaml"));
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(text);
    return path;
}

Result<QList<QJsonObject>> readAll(const QString &path)
{
    QList<QJsonObject> objects;
    const Result<void> read =
        YamlListReader::read(path, QStringLiteral("list.yaml"), [&](const QJsonObject &o, int) {
            objects.append(o);
            return Result<void>();
        });
    if (!read)
        return read.error();
    return objects;
}

} // namespace

TEST(YamlListTest, EveryStringReadsBackAsItself)
{
    const QStringList texts{
        QString(),
        QStringLiteral("yes"),
        QStringLiteral("No"),
        QStringLiteral("~"),
        QStringLiteral("null"),
        QStringLiteral("0x1F"),
        QStringLiteral("1e3"),
        QStringLiteral("012"),
        QStringLiteral(".inf"),
        QStringLiteral("10.0.0.1"),
        QStringLiteral("- dash"),
        QStringLiteral("key: value"),
        QStringLiteral("#comment"),
        QStringLiteral("&anchor"),
        QStringLiteral("*alias"),
        QStringLiteral("!tag"),
        QStringLiteral("'quoted'"),
        QStringLiteral("\"double\""),
        QStringLiteral(" leading and trailing "),
        QStringLiteral("hostname r1\ninterface Gi0/1\n description uplink: 10G\n!\n"),
        QStringLiteral("  indented first line\nsecond\n"),
        QStringLiteral("trailing blanks \nnext\t\n"),
        QStringLiteral("no final newline\nlast"),
        QStringLiteral("several\n\n\nfinal newlines\n\n\n"),
        QStringLiteral("windows\r\nline ends\r\n"),
        QStringLiteral("bell \a and escape \x1b and nul-free"),
        QStringLiteral("ünïcödé ✓ 漢字"),
        QStringLiteral("tab\tinside"),
    };
    QList<QJsonObject> objects;
    for (const QString &text : texts)
        objects.append({{QStringLiteral("name"), text},
                        {QStringLiteral("nested"),
                         QJsonObject{{text.isEmpty() ? QStringLiteral("k") : text,
                                      QJsonArray{text, 12, 1.5, true, QJsonValue()}}}}});
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("list.yaml"));
    ASSERT_TRUE(YamlListWriter::write(path, objects, {QStringLiteral("name")}).ok());
    const Result<QList<QJsonObject>> read = readAll(path);
    ASSERT_TRUE(read.ok()) << read.error().message.toStdString();
    ASSERT_EQ(read->size(), objects.size());
    for (qsizetype i = 0; i < objects.size(); ++i)
        EXPECT_EQ(read->at(i), objects.at(i)) << "text " << i << ": " << texts.at(i).toStdString();
}

TEST(YamlListTest, NumbersReadBackAsTheSameNumbers)
{
    const QList<double> numbers{0, -3, 1.5, 1e17, -2.25e-7, 9007199254740993.0, 1e300, 0.1};
    QList<QJsonObject> objects;
    for (const double number : numbers)
        objects.append({{QStringLiteral("value"), number}});
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("list.yaml"));
    ASSERT_TRUE(YamlListWriter::write(path, objects, {}).ok());
    const Result<QList<QJsonObject>> read = readAll(path);
    ASSERT_TRUE(read.ok());
    ASSERT_EQ(read->size(), objects.size());
    for (qsizetype i = 0; i < objects.size(); ++i) {
        EXPECT_TRUE(read->at(i).value(QLatin1String("value")).isDouble()) << i;
        EXPECT_EQ(read->at(i).value(QLatin1String("value")).toDouble(), numbers.at(i)) << i;
    }
}

TEST(YamlListTest, AnEmptyListIsWrittenAndReadAsOne)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("list.yaml"));
    ASSERT_TRUE(YamlListWriter::write(path, {}, {}).ok());
    const Result<QList<QJsonObject>> read = readAll(path);
    ASSERT_TRUE(read.ok());
    EXPECT_TRUE(read->isEmpty());
    EXPECT_TRUE(readAll(writeText(dir, "")).ok());
}

TEST(YamlListTest, FilesThatCouldMeanTwoThingsOrCostUnboundedMemoryAreRefusedWithTheLine)
{
    QTemporaryDir dir;
    const auto refusal = [&](const QByteArray &text) {
        const Result<QList<QJsonObject>> read = readAll(writeText(dir, text));
        return read ? QString() : read.error().message;
    };
    EXPECT_TRUE(refusal("- a: &x [1, 2]\n- b: *x\n").contains(QLatin1String("line 1")));
    EXPECT_TRUE(refusal("- a: 1\n- b: *x\n").contains(QLatin1String("line 2")));
    EXPECT_TRUE(refusal("- name: r1\n  name: r2\n").contains(QLatin1String("name is given twice")));
    EXPECT_TRUE(refusal("name: r1\n").contains(QLatin1String("a list of objects")));
    EXPECT_TRUE(refusal("- just text\n").contains(QLatin1String("each item must be an object")));
    EXPECT_TRUE(refusal("- [1, 2]\n").contains(QLatin1String("each item must be an object")));
    EXPECT_TRUE(refusal("- ? [a]\n  : 1\n").contains(QLatin1String("a key must be a plain value")));
    EXPECT_TRUE(refusal("- a: 1\n---\n- b: 2\n").contains(QLatin1String("more than one document")));
    EXPECT_TRUE(refusal("- a: [1, 2\n").contains(QLatin1String("list.yaml, line")));
    QByteArray deep = "- a: ";
    for (int i = 0; i < 40; ++i)
        deep += '[';
    for (int i = 0; i < 40; ++i)
        deep += ']';
    EXPECT_TRUE(refusal(deep).contains(QLatin1String("nested deeper than 32")));
}
