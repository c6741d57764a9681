#include "ServerFixture.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QTcpSocket>
#include <QThread>
#include <vector>

using namespace Cairn::Test;

// Short limits so each guard can be seen to act within a test's time.
class HostileInputTest : public ServerFixture
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<QTemporaryDir>();
        const QString config =
            writeConfig("[http]\nrequest_timeout_seconds=5\nidle_timeout_seconds=3\n"
                        "max_connections=40\n");
        startServer({QStringLiteral("--config"), config});
    }

    static int statusOfRaw(const QByteArray &bytes)
    {
        return HttpClient::parse(client().sendRaw(bytes)).status;
    }

    void TearDown() override
    {
        // Whatever a test did, the server still answers.
        EXPECT_EQ(client().get("/rest/is_alive").status, 200);
    }
};

TEST_F(HostileInputTest, OversizedHeadersGet431)
{
    const HttpReply reply =
        HttpClient::parse(client().sendRaw("GET /rest/is_alive HTTP/1.1\r\nHost: x\r\nX-Filler: " +
                                           QByteArray(64 * 1024, 'a') + "\r\n\r\n"));
    EXPECT_EQ(reply.status, 431);
    EXPECT_EQ(reply.json()[QStringLiteral("error")][QStringLiteral("code")].toInt(), 431);
    EXPECT_EQ(reply.header("Connection"), QByteArray("close"));
}

TEST_F(HostileInputTest, FiftyMegabytePostGets413AndMemoryStaysLow)
{
    const QByteArray headers =
        "POST /api/authenticate/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: 52428800\r\n\r\n";
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, s_server->port());
    ASSERT_TRUE(socket.waitForConnected(5000));
    socket.write(headers);
    const QByteArray chunk(1024 * 1024, '{');
    QByteArray received;
    for (int i = 0; i < 50 && socket.state() == QAbstractSocket::ConnectedState; ++i) {
        socket.write(chunk);
        socket.waitForBytesWritten(200);
        if (socket.waitForReadyRead(1))
            received += socket.readAll();
    }
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(3000))
        received += socket.readAll();
    received += socket.readAll();
    EXPECT_EQ(HttpClient::parse(received).status, 413) << received.left(200).constData();
    const qint64 rssKiB = s_server->residentKiB();
    EXPECT_GT(rssKiB, 0);
    EXPECT_LT(rssKiB, 100 * 1024) << "RSS " << rssKiB << " KiB";
}

TEST_F(HostileInputTest, OversizedChunkedBodyGets413)
{
    QByteArray request =
        "POST /api/authenticate/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    request += "1000000\r\n" + QByteArray(16 * 1024 * 1024, 'x') + "\r\n";
    request += "10\r\n" + QByteArray(16, 'x') + "\r\n0\r\n\r\n";
    EXPECT_EQ(statusOfRaw(request), 413);
}

TEST_F(HostileInputTest, TricklingClientIsCutOff)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, s_server->port());
    ASSERT_TRUE(socket.waitForConnected(5000));
    const QByteArray request = "GET /rest/is_alive HTTP/1.1\r\nHost: x\r\n\r\n";
    QElapsedTimer timer;
    timer.start();
    QByteArray received;
    for (char byte : request) {
        if (socket.state() != QAbstractSocket::ConnectedState)
            break;
        socket.write(&byte, 1);
        socket.waitForBytesWritten(1000);
        // A byte every 2 s, as the slowest attackers do.
        if (socket.waitForReadyRead(2000))
            received += socket.readAll();
    }
    received += socket.readAll();
    EXPECT_LT(timer.elapsed(), 10000);
    EXPECT_EQ(HttpClient::parse(received).status, 408);
    EXPECT_NE(socket.state(), QAbstractSocket::ConnectedState);
}

TEST_F(HostileInputTest, AmbiguousOrMalformedRequestsGet400)
{
    EXPECT_EQ(statusOfRaw("POST /api/authenticate/ HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                          "Content-Length: 30\r\n\r\n{}"),
              400);
    EXPECT_EQ(statusOfRaw("POST /api/authenticate/ HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
              400);
    EXPECT_EQ(statusOfRaw("GET /rest/is_alive\r\n\r\n"), 400);
    // The start of a TLS ClientHello, as when a client speaks HTTPS to the plain port.
    EXPECT_EQ(statusOfRaw(QByteArray::fromHex("1603010200010001fc0303") + "\r\n\r\n"), 400);
    EXPECT_EQ(statusOfRaw("GET /rest/is_alive HTTP/1.1\r\n\r\n"), 400);
    EXPECT_EQ(statusOfRaw("BREW /rest/is_alive HTTP/1.1\r\nHost: x\r\n\r\n"), 501);
}

TEST_F(HostileInputTest, BadJsonNamesTheProblem)
{
    const HttpReply reply = client().request("POST", "/api/authenticate/", "{\"email\": ");
    EXPECT_EQ(reply.status, 400);
    EXPECT_TRUE(
        reply.json()[QStringLiteral("error")][QStringLiteral("message")].toString().contains(
            QLatin1String("JSON")));
}

TEST_F(HostileInputTest, HeadAnswersWithoutBody)
{
    const QByteArray raw =
        client().sendRaw("HEAD /rest/is_alive HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const qsizetype end = raw.indexOf("\r\n\r\n");
    ASSERT_GT(end, 0);
    EXPECT_TRUE(raw.startsWith("HTTP/1.1 200"));
    EXPECT_TRUE(raw.contains("Content-Length: "));
    EXPECT_EQ(raw.size(), end + 4) << "HEAD must carry no body";
}

TEST_F(HostileInputTest, ConnectionCloseIsHonouredAndKeepAlivePipelines)
{
    QElapsedTimer timer;
    timer.start();
    const QByteArray closed = client().sendRaw(
        "GET /rest/is_alive HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 10000);
    EXPECT_LT(timer.elapsed(), 2000) << "the server kept the connection open";
    EXPECT_EQ(HttpClient::parse(closed).status, 200);

    const QByteArray both =
        client().sendRaw("GET /rest/is_alive HTTP/1.1\r\nHost: x\r\n\r\n"
                         "GET /api/users/0/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(both.count("HTTP/1.1 200 OK"), 1);
    EXPECT_EQ(both.count("HTTP/1.1 401 Unauthorized"), 1);
    EXPECT_LT(both.indexOf("200 OK"), both.indexOf("401 Unauthorized"));
}

TEST_F(HostileInputTest, ExpectContinueIsAnswered)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, s_server->port());
    ASSERT_TRUE(socket.waitForConnected(5000));
    const QByteArray body = R"({"email": "alice@example.com", "secret_key": "x"})";
    socket.write("POST /api/authenticate/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 "Expect: 100-continue\r\nConnection: close\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n");
    ASSERT_TRUE(socket.waitForReadyRead(3000));
    EXPECT_TRUE(socket.readAll().startsWith("HTTP/1.1 100 Continue"));
    socket.write(body);
    QByteArray received;
    while (socket.waitForReadyRead(3000))
        received += socket.readAll();
    EXPECT_EQ(HttpClient::parse(received).status, 401);
}

TEST_F(HostileInputTest, IdleConnectionsAreClosed)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, s_server->port());
    ASSERT_TRUE(socket.waitForConnected(5000));
    QElapsedTimer timer;
    timer.start();
    EXPECT_TRUE(socket.waitForDisconnected(10000));
    EXPECT_GE(timer.elapsed(), 2500);
}

TEST_F(HostileInputTest, ConnectionsBeyondTheCapAreRefused)
{
    std::vector<std::unique_ptr<QTcpSocket>> held;
    for (int i = 0; i < 40; ++i) {
        held.push_back(std::make_unique<QTcpSocket>());
        held.back()->connectToHost(QHostAddress::LocalHost, s_server->port());
        ASSERT_TRUE(held.back()->waitForConnected(5000));
    }
    QThread::msleep(300); // let both listener threads accept them
    const HttpReply refused = client().get("/rest/is_alive");
    EXPECT_EQ(refused.status, 503);
    held.clear();
    QThread::msleep(500);
}
