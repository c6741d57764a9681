#include "ztp/ZtpDataRoot.h"

#include "ztp/BootstrapScript.h"
#include "ztp/ResourcePool.h"
#include "ztp/YamlJson.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QtConcurrent>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(content);
}

TEST(BootstrapScript, ReplacesServerAsPythonsTemplateDoes)
{
    bool found = false;
    EXPECT_EQ(BootstrapScript::withServer("url = '$SERVER/x'; b = '${SERVER}'; c = '$SERVERX'; "
                                          "d = '$$HOME'; e = '$OTHER'",
                                          QStringLiteral("http://ztp:8080"), &found),
              QByteArray("url = 'http://ztp:8080/x'; b = 'http://ztp:8080'; c = '$SERVERX'; "
                         "d = '$HOME'; e = '$OTHER'"));
    EXPECT_TRUE(found);
    EXPECT_EQ(BootstrapScript::withServer("print(1)", QStringLiteral("http://x"), &found),
              QByteArray("print(1)"));
    EXPECT_FALSE(found);
}

TEST(ZtpDataRoot, ResolvesNothingOutsideItsFolders)
{
    QTemporaryDir dir;
    const ZtpDataRoot root(dir.filePath(QStringLiteral("ztp")));
    ASSERT_TRUE(root.prepare().ok());
    writeFile(dir.filePath(QStringLiteral("outside")), "secret");
    ASSERT_TRUE(QFile::link(dir.filePath(QStringLiteral("outside")),
                            root.file(QStringLiteral("files/link"))));
    ASSERT_TRUE(QFile::link(dir.path(), root.file(QStringLiteral("files/up"))));
    for (const char *relative : {"../neighbordb", "a/../../x", "/etc/passwd", "", "a//b", "./a",
                                 "link", "up/outside", "up/ztp/neighbordb", "a\\..\\b"})
        EXPECT_FALSE(root.path(QStringLiteral("files"), QString::fromLatin1(relative))) << relative;
    EXPECT_EQ(root.path(QStringLiteral("files"), QStringLiteral("images/EOS.swi")),
              root.file(QStringLiteral("files/images/EOS.swi")));
    EXPECT_FALSE(root.nodeFolder(QStringLiteral("..")));
    EXPECT_FALSE(root.nodeFolder(QStringLiteral("a/b")));
    EXPECT_TRUE(root.nodeFolder(QStringLiteral("JPE123")));
}

TEST(ZtpDataRoot, PrepareKeepsWhatTheOperatorHas)
{
    QTemporaryDir dir;
    const ZtpDataRoot root(dir.path());
    writeFile(root.file(QStringLiteral("bootstrap/bootstrap")), "# mine\n");
    ASSERT_TRUE(root.prepare().ok());
    EXPECT_EQ(ZtpDataRoot::read(root.file(QStringLiteral("bootstrap/bootstrap"))).value(),
              QByteArray("# mine\n"));
    for (const char *shipped :
         {"bootstrap/bootstrap.conf", "neighbordb", "actions/replace_config", "actions/add_config",
          "actions/copy_file", "actions/install_image", "actions/run_cli_commands",
          "actions/run_bash_script", "actions/send_email"})
        EXPECT_TRUE(QFileInfo(root.file(QString::fromLatin1(shipped))).isFile()) << shipped;
    EXPECT_TRUE(QFileInfo(root.file(QStringLiteral("actions/replace_config"))).isExecutable());
}

TEST(ResourcePool, HandsOutEachValueOnceAndTheSameOneAgain)
{
    QTemporaryDir dir;
    const QString pool = dir.filePath(QStringLiteral("loopbacks"));
    writeFile(pool, "# two are taken\n10.0.0.1: JPE1\n10.0.0.2: null\n10.0.0.3: ~\n10.0.0.4:\n");
    EXPECT_EQ(ResourcePool::allocate(pool, QStringLiteral("JPE1")).value(),
              QStringLiteral("10.0.0.1"));
    EXPECT_EQ(ResourcePool::allocate(pool, QStringLiteral("JPE2")).value(),
              QStringLiteral("10.0.0.2"));
    EXPECT_EQ(ResourcePool::allocate(pool, QStringLiteral("JPE2")).value(),
              QStringLiteral("10.0.0.2"));
    EXPECT_EQ(ResourcePool::allocate(pool, QStringLiteral("JPE3")).value(),
              QStringLiteral("10.0.0.3"));
    EXPECT_EQ(ResourcePool::allocate(pool, QStringLiteral("JPE4")).value(),
              QStringLiteral("10.0.0.4"));
    const Result<QString> exhausted = ResourcePool::allocate(pool, QStringLiteral("JPE5"));
    ASSERT_FALSE(exhausted.ok());
    EXPECT_EQ(exhausted.error().code, ErrorCode::BadRequest);
    EXPECT_FALSE(ResourcePool::allocate(dir.filePath(QStringLiteral("none")), QStringLiteral("x")));
}

TEST(ResourcePool, ConcurrentNodesNeverShareAValue)
{
    QTemporaryDir dir;
    const QString pool = dir.filePath(QStringLiteral("pool"));
    QByteArray values;
    for (int i = 1; i <= 40; ++i)
        values += "10.1.0." + QByteArray::number(i) + ": null\n";
    writeFile(pool, values);
    QList<int> nodes(60);
    std::iota(nodes.begin(), nodes.end(), 0);
    QThreadPool threads;
    threads.setMaxThreadCount(8);
    const QList<QString> results = QtConcurrent::blockingMapped(&threads, nodes, [&pool](int node) {
        const Result<QString> value =
            ResourcePool::allocate(pool, QStringLiteral("node%1").arg(node));
        return value ? value.value() : QString();
    });
    QSet<QString> given;
    int refused = 0;
    for (const QString &value : results) {
        if (value.isEmpty())
            ++refused;
        else
            given.insert(value);
    }
    EXPECT_EQ(given.size(), 40);
    EXPECT_EQ(refused, 20);
    EXPECT_FALSE(ZtpDataRoot::read(pool).value().contains("null"));
}

TEST(YamlJson, TypesPlainScalarsAndKeepsQuotedOnesText)
{
    const Result<QJsonObject> object =
        yamlObject("flag: true\nquoted: 'true'\ncount: 12\nratio: 1.5\nnothing: ~\n"
                   "name: leaf\nlist: [1, two]\n",
                   QStringLiteral("test"));
    ASSERT_TRUE(object.ok());
    EXPECT_EQ(object->value(QStringLiteral("flag")), QJsonValue(true));
    EXPECT_EQ(object->value(QStringLiteral("quoted")), QJsonValue(QStringLiteral("true")));
    EXPECT_EQ(object->value(QStringLiteral("count")), QJsonValue(12));
    EXPECT_EQ(object->value(QStringLiteral("ratio")), QJsonValue(1.5));
    EXPECT_TRUE(object->value(QStringLiteral("nothing")).isNull());
    EXPECT_EQ(object->value(QStringLiteral("list")).toArray().at(1),
              QJsonValue(QStringLiteral("two")));
    EXPECT_FALSE(yamlObject("a: [", QStringLiteral("test")).ok());
    EXPECT_FALSE(yamlObject("- a", QStringLiteral("test")).ok());
}

TEST(YamlJson, RefusesADefinitionThatExpandsWithoutBound)
{
    // Nine levels of ten aliases each: a few hundred bytes that name a billion values.
    QByteArray laughs = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int level = 1; level <= 9; ++level) {
        const QByteArray previous = "*l" + QByteArray::number(level - 1);
        laughs += "l" + QByteArray::number(level) + ": &l" + QByteArray::number(level) + " [" +
                  QByteArrayList(10, previous).join(", ") + "]\n";
    }
    const Result<QJsonObject> expanded = yamlObject(laughs, QStringLiteral("Definition d"));
    ASSERT_FALSE(expanded.ok());
    EXPECT_TRUE(expanded.error().message.contains(QStringLiteral("expands past")));
    // Nesting deep enough to exhaust a stack is refused as well.
    const QByteArray deep = QByteArray(1000, '[') + QByteArray(1000, ']');
    EXPECT_FALSE(yamlObject("a: " + deep, QStringLiteral("Definition d")).ok());
    // What a definition really holds still reads, aliases included.
    EXPECT_TRUE(yamlObject("base: &b {vlan: 10}\nuse: *b\n", QStringLiteral("Definition d")).ok());
}

} // namespace
