#pragma once

#include "HttpClient.h"
#include "QtPrinters.h"
#include "ServerProcess.h"
#include "TestBackend.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <memory>

namespace Cairn::Test {

// One real `cairn serve` for a whole suite, with a superuser (admin), an ordinary user (alice,
// with an email for AuthTokens) and their API tokens, made through the command line.
class ServerFixture : public testing::Test
{
protected:
    static void startServer(const QStringList &extraArguments = {});
    static void stopServer();
    static void TearDownTestSuite() { stopServer(); }

    static HttpClient client() { return HttpClient(s_server->port()); }
    static QString writeConfig(const QByteArray &ini);
    // A request with the superuser's token.
    static HttpReply admin(const QByteArray &method, const QByteArray &path,
                           const QByteArray &body = {});
    // error.message of an NSoT error answer (a string, or field -> message).
    static QJsonValue message(const HttpReply &reply);
    // Runs a python3 `script` (with python3-requests, as users' scripts) given the server's
    // base URL, the admin's and alice's tokens as sys.argv[1..3]; its output is one JSON object.
    static QJsonObject runPython(const QString &script);

    static inline std::unique_ptr<QTemporaryDir> s_dir;
    static inline std::unique_ptr<ServerProcess> s_server;
    static inline QByteArray s_adminToken;
    static inline QByteArray s_aliceToken;
    static inline QByteArray s_aliceReadOnlyToken;
};

} // namespace Cairn::Test
