// `cairn backup` and `cairn restore` as an administrator uses them: a backup taken while the
// server serves and a client writes, read by an independent zip reader (python3's zipfile and
// hashlib), restored into a new data directory where a second server serves the same data;
// then what must change nothing: an occupied or live data directory, a tampered archive and one
// whose manifest names a path outside the data directory.
#include "ServerFixture.h"
#include "TestBackend.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

using namespace Cairn::Test;

class BackupApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite()
    {
        startServer();
        s_backups = std::make_unique<QTemporaryDir>();
    }
    static void TearDownTestSuite()
    {
        stopServer();
        s_backups.reset();
    }

    static QString backupPath(const QString &name) { return s_backups->filePath(name); }

    static qint64 deviceCount(quint16 port, const QByteArray &token)
    {
        const HttpReply reply =
            HttpClient(port).get("/api/devices/?limit=1", HttpClient::token(token));
        EXPECT_EQ(reply.status, 200) << reply.body.constData();
        return reply.json()[QStringLiteral("count")].toInteger(-1);
    }

    // Runs python3 with the archive's path as its first argument; the script prints JSON.
    static QJsonObject python(const QString &script, const QString &archive)
    {
        QProcess process;
        process.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), script, archive});
        EXPECT_TRUE(process.waitForFinished(60000));
        EXPECT_EQ(process.exitCode(), 0) << process.readAllStandardError().constData();
        return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    }

    static inline std::unique_ptr<QTemporaryDir> s_backups;
};

TEST_F(BackupApiTest, ABackupTakenWhileServingRestoresEverythingIntoANewDataDirectory)
{
    const QJsonObject seeded = runPython(QStringLiteral(R"(
import json, sys, requests
base, token = sys.argv[1], sys.argv[2]
s = requests.Session(); s.headers["Authorization"] = "Token " + token
r = s.post(base + "/api/sites/", json={"name": "backup-site"}); r.raise_for_status()
site = r.json()["id"]
r = s.post(base + "/api/sites/%d/devices/" % site,
           json=[{"hostname": "kept-%03d" % i} for i in range(300)]); r.raise_for_status()
r = s.post(base + "/api/plugins/toolkit/credential-sets/",
           json={"name": "kept-credentials", "username": "netops", "password": "s3cret-pass"})
r.raise_for_status()
print(json.dumps({"site": site}))
)"));
    const int site = seeded[QStringLiteral("site")].toInt();
    ASSERT_GT(site, 0);
    // A ZTP config handler is a program the server runs: it must come back runnable.
    const QString handler = s_dir->filePath(QStringLiteral("ztp/handlers/apply.sh"));
    ASSERT_TRUE(QDir().mkpath(QFileInfo(handler).absolutePath()));
    {
        QFile file(handler);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write("#!/bin/sh\nexit 0\n");
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                            QFileDevice::ExeOwner);
    }
    // Paths past minizip's 256-byte names: a configuration history's deep folders.
    const QString deep = QStringLiteral("automation/%1/%2.cfg")
                             .arg(QString(200, QLatin1Char('d')), QString(200, QLatin1Char('f')));
    ASSERT_TRUE(QDir().mkpath(QFileInfo(s_dir->filePath(deep)).absolutePath()));
    {
        QFile file(s_dir->filePath(deep));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write("hostname deep\n");
    }
    const qint64 before = deviceCount(s_server->port(), s_adminToken);

    // A client keeps writing while the backup is taken.
    QProcess writer;
    writer.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"), QStringLiteral(R"(
import sys, requests
base, token, site = sys.argv[1], sys.argv[2], sys.argv[3]
s = requests.Session(); s.headers["Authorization"] = "Token " + token
for i in range(60):
    s.post(base + "/api/sites/%s/devices/" % site,
           json=[{"hostname": "during-%02d-%02d" % (i, j)} for j in range(20)]).raise_for_status()
)"),
                  QStringLiteral("http://127.0.0.1:%1").arg(s_server->port()),
                  QString::fromLatin1(s_adminToken), QString::number(site)});
    const QString archive = backupPath(QStringLiteral("live.zip"));
    const CliResult backup = s_server->cli({QStringLiteral("backup"), archive});
    ASSERT_TRUE(writer.waitForFinished(120000));
    ASSERT_EQ(writer.exitCode(), 0) << writer.readAllStandardError().constData();
    const bool sqlite = !TestBackend::isPostgres();
    ASSERT_EQ(backup.exitCode, 0) << backup.err.constData();
    EXPECT_EQ(backup.out.contains("pg_dump"), !sqlite) << backup.out.constData();
    // It holds the server key: its owner's alone.
    EXPECT_EQ(QFile(archive).permissions() & 0x7777,
              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser |
                  QFileDevice::WriteUser);

    const QJsonObject read = python(QStringLiteral(R"(
import hashlib, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
manifest = json.loads(z.read("cairn-backup.json"))
ok = all(hashlib.sha256(z.read(e["name"])).hexdigest() == e["sha256"]
         and len(z.read(e["name"])) == e["size"] for e in manifest["entries"])
names = [e["name"] for e in manifest["entries"]]
handler = [e for e in manifest["entries"] if e["name"] == "files/ztp/handlers/apply.sh"]
print(json.dumps({"ok": ok, "names": names, "database": manifest["database"],
                  "listed": sorted(names + ["cairn-backup.json"]) == sorted(z.namelist()),
                  "handler_runs": bool(handler and handler[0].get("executable"))}))
)"),
                                    archive);
    EXPECT_TRUE(read[QStringLiteral("ok")].toBool()) << "an entry does not match its manifest";
    EXPECT_TRUE(read[QStringLiteral("listed")].toBool());
    EXPECT_TRUE(read[QStringLiteral("handler_runs")].toBool());
    const QJsonArray names = read[QStringLiteral("names")].toArray();
    EXPECT_TRUE(names.contains(QStringLiteral("files/server.key")));
    EXPECT_EQ(names.contains(QStringLiteral("database/cairn.sqlite")), sqlite);
    EXPECT_FALSE(names.contains(QStringLiteral("files/cairn.sqlite")))
        << "the live database file must come only through the snapshot";
    const qint64 after = deviceCount(s_server->port(), s_adminToken);
    EXPECT_EQ(after, before + 1200);

    // Restored into a new data directory, a second server serves the same data.
    QTemporaryDir elsewhere;
    const QString dataDir = elsewhere.filePath(QStringLiteral("restored"));
    // PostgreSQL keeps its database: the restored node uses the same one.
    ServerProcess restored(dataDir, s_server->databaseUrl());
    const CliResult restore = restored.cli({QStringLiteral("restore"), archive});
    ASSERT_EQ(restore.exitCode, 0) << restore.err.constData();
    EXPECT_TRUE(
        QFileInfo(QDir(dataDir).filePath(QStringLiteral("ztp/handlers/apply.sh"))).isExecutable());
    {
        QFile restoredDeep(QDir(dataDir).filePath(deep));
        ASSERT_TRUE(restoredDeep.open(QIODevice::ReadOnly));
        EXPECT_EQ(restoredDeep.readAll(), QByteArray("hostname deep\n"));
    }
    {
        QFile original(s_dir->filePath(QStringLiteral("server.key")));
        QFile copy(QDir(dataDir).filePath(QStringLiteral("server.key")));
        ASSERT_TRUE(original.open(QIODevice::ReadOnly) && copy.open(QIODevice::ReadOnly));
        EXPECT_EQ(original.readAll(), copy.readAll()) << "sealed secrets need the same key";
    }
    // On PostgreSQL both nodes share the database, so each needs its own name.
    const QString config = elsewhere.filePath(QStringLiteral("restored.ini"));
    {
        QFile file(config);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write("[server]\nnode_name=restored\n");
    }
    if (sqlite)
        stopServer(); // the restored node gets its own port; the first must not hold the file
    ASSERT_TRUE(restored.start({QStringLiteral("--config"), config})) << qPrintable(restored.log());
    const CliResult token =
        restored.cli({QStringLiteral("user"), QStringLiteral("token"), QStringLiteral("admin")});
    ASSERT_EQ(token.exitCode, 0) << token.err.constData();
    const QByteArray restoredToken = token.out.trimmed().split('\n').last();
    const qint64 count = deviceCount(restored.port(), restoredToken);
    // Every write the snapshot saw whole, none half: between the two counts, in whole bulks.
    EXPECT_GE(count, before);
    EXPECT_LE(count, after);
    EXPECT_EQ((count - before) % 20, 0);
    const HttpReply sets = HttpClient(restored.port())
                               .get("/api/plugins/toolkit/credential-sets/?name=kept-credentials",
                                    HttpClient::token(restoredToken));
    EXPECT_EQ(sets.status, 200);
    EXPECT_TRUE(sets.body.contains("kept-credentials")) << sets.body.constData();
    restored.stop();
    if (sqlite)
        startServer();
}

TEST_F(BackupApiTest, ARestoreThatCannotBeWholeChangesNothing)
{
    const QString archive = backupPath(QStringLiteral("refusals.zip"));
    ASSERT_EQ(s_server->cli({QStringLiteral("backup"), archive}).exitCode, 0);
    // A backup never replaces a file, not even through a dangling link, and never goes inside
    // the data directory (it would take itself in), however the path is spelt.
    EXPECT_NE(s_server->cli({QStringLiteral("backup"), archive}).exitCode, 0);
    const QString dangling = backupPath(QStringLiteral("dangling.zip"));
    ASSERT_TRUE(QFile::link(backupPath(QStringLiteral("nowhere/at-all.zip")), dangling));
    EXPECT_NE(s_server->cli({QStringLiteral("backup"), dangling}).exitCode, 0);
    EXPECT_FALSE(QFileInfo::exists(backupPath(QStringLiteral("nowhere"))));
    const QString alias = backupPath(QStringLiteral("alias"));
    ASSERT_TRUE(QFile::link(s_dir->path(), alias));
    const CliResult inside =
        s_server->cli({QStringLiteral("backup"), alias + QStringLiteral("/inside.zip")});
    EXPECT_NE(inside.exitCode, 0);
    EXPECT_TRUE(inside.err.contains("outside the data directory")) << inside.err.constData();
    EXPECT_FALSE(QFileInfo::exists(s_dir->filePath(QStringLiteral("inside.zip"))));

    // The live data directory: not without --replace, and not while its server beats.
    const QStringList before =
        QDir(s_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    const CliResult occupied = s_server->cli({QStringLiteral("restore"), archive});
    EXPECT_NE(occupied.exitCode, 0);
    EXPECT_TRUE(occupied.err.contains("not empty")) << occupied.err.constData();
    // The server holds the directory's lock: not even --replace moves it.
    const CliResult live =
        s_server->cli({QStringLiteral("restore"), archive, QStringLiteral("--replace")});
    EXPECT_NE(live.exitCode, 0);
    EXPECT_TRUE(live.err.contains("is using the data directory")) << live.err.constData();
    EXPECT_EQ(QDir(s_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), before);
    EXPECT_TRUE(QDir(s_dir->path() + QStringLiteral(".before-restore-*")).entryList().isEmpty());

    // Tampered with, or naming a path outside the data directory: refused before anything is
    // put in place.
    const QJsonObject made = python(QStringLiteral(R"(
import hashlib, json, os, sys, zipfile
source = zipfile.ZipFile(sys.argv[1])
manifest = json.loads(source.read("cairn-backup.json"))
folder = os.path.dirname(sys.argv[1])
def write(name, entries, extra):
    with zipfile.ZipFile(os.path.join(folder, name), "w") as z:
        for e in entries:
            z.writestr(e["name"], extra[e["name"]] if e["name"] in extra else source.read(e["name"]))
        m = dict(manifest); m["entries"] = entries
        z.writestr("cairn-backup.json", json.dumps(m))
entries = manifest["entries"]
write("tampered.zip", entries, {"files/server.key": b"not the key"})
evil = b"escaped\n"
write("escape.zip", entries + [{"name": "files/../../escaped", "size": len(evil),
                                "sha256": hashlib.sha256(evil).hexdigest()}],
      {"files/../../escaped": evil})
with zipfile.ZipFile(os.path.join(folder, "unlisted.zip"), "w") as z:
    for e in entries:
        z.writestr(e["name"], source.read(e["name"]))
    z.writestr("cairn-backup.json", json.dumps(manifest))
    z.writestr("files/.ssh/authorized_keys", b"ssh-ed25519 AAAA intruder")
print(json.dumps({"folder": folder}))
)"),
                                    archive);
    ASSERT_FALSE(made.isEmpty());
    QTemporaryDir target;
    for (const char *name : {"tampered.zip", "escape.zip", "unlisted.zip"}) {
        const QString dataDir = target.filePath(QString::fromLatin1(name) + QStringLiteral(".d"));
        ServerProcess restored(dataDir, s_server->databaseUrl());
        const CliResult refused =
            restored.cli({QStringLiteral("restore"), backupPath(QString::fromLatin1(name))});
        EXPECT_EQ(refused.exitCode, 1) << name << ": " << refused.out.constData();
        EXPECT_TRUE(refused.err.contains("cannot be restored")) << refused.err.constData();
        EXPECT_FALSE(QFileInfo::exists(dataDir)) << name << " left a data directory behind";
    }
    EXPECT_TRUE(QDir(target.path())
                    .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)
                    .isEmpty())
        << "a refused restore left its staging folder";
    EXPECT_FALSE(QFileInfo::exists(target.filePath(QStringLiteral("escaped"))));
    EXPECT_FALSE(QFileInfo::exists(s_backups->filePath(QStringLiteral("escaped"))));
}
