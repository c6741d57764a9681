#include "ServerFixture.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

namespace Cairn::Test {

void ServerFixture::startServer(const QStringList &extraArguments)
{
    if (!s_dir)
        s_dir = std::make_unique<QTemporaryDir>();
    s_server = std::make_unique<ServerProcess>(s_dir->path(), TestBackend::freshDatabaseUrl());
    s_adminToken =
        s_server->addUserWithToken(QStringLiteral("admin"), QStringLiteral("admin-password"), true);
    s_aliceToken =
        s_server->addUserWithToken(QStringLiteral("alice"), QStringLiteral("alice-password"), false,
                                   QStringLiteral("alice@example.com"));
    const CliResult readOnly = s_server->cli(
        {QStringLiteral("user"), QStringLiteral("token"), QStringLiteral("alice"),
         QStringLiteral("--read-only"), QStringLiteral("--expires-days"), QStringLiteral("1")});
    s_aliceReadOnlyToken = readOnly.out.trimmed().split('\n').last();
    ASSERT_FALSE(s_adminToken.isEmpty());
    ASSERT_FALSE(s_aliceToken.isEmpty());
    ASSERT_EQ(readOnly.exitCode, 0);
    ASSERT_TRUE(s_server->start(extraArguments)) << qPrintable(s_server->log());
}

void ServerFixture::stopServer()
{
    if (s_server) {
        EXPECT_EQ(s_server->stop(), 0) << "the server did not stop cleanly on SIGTERM:\n"
                                       << qPrintable(s_server->log().right(3000));
    }
    s_server.reset();
    s_dir.reset();
}

HttpReply ServerFixture::admin(const QByteArray &method, const QByteArray &path,
                               const QByteArray &body)
{
    return client().request(method, path, body, HttpClient::token(s_adminToken));
}

QJsonValue ServerFixture::message(const HttpReply &reply)
{
    return reply.json()[QStringLiteral("error")][QStringLiteral("message")];
}

QString ServerFixture::writeConfig(const QByteArray &ini)
{
    QString path = s_dir->filePath(QStringLiteral("cairn.ini"));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(ini);
    return path;
}

QJsonObject ServerFixture::runPython(const QString &script)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"), script,
                  QStringLiteral("http://127.0.0.1:%1").arg(s_server->port()),
                  QString::fromLatin1(s_adminToken), QString::fromLatin1(s_aliceToken)});
    // Generous: the suites also run under AddressSanitizer, several times slower.
    EXPECT_TRUE(python.waitForFinished(180000));
    EXPECT_EQ(python.exitCode(), 0) << python.readAllStandardError().constData();
    return QJsonDocument::fromJson(python.readAllStandardOutput()).object();
}

} // namespace Cairn::Test
