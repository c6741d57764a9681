#include "Sanitizers.h"
#include "ServerFixture.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QTcpSocket>
#include <QThread>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
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
                        "max_connections=40\nmax_connections_per_address=20\n"
                        "max_pending_body_bytes=33554432\n");
        startServer({QStringLiteral("--config"), config});
    }

    static int statusOfRaw(const QByteArray &bytes)
    {
        return HttpClient::parse(client().sendRaw(bytes)).status;
    }

    // A connection from another loopback address (127.0.0.2 …), held open by the caller.
    static std::unique_ptr<QTcpSocket> connectFrom(const QHostAddress &source)
    {
        auto socket = std::make_unique<QTcpSocket>();
        socket->bind(source);
        socket->connectToHost(QHostAddress::LocalHost, s_server->port());
        EXPECT_TRUE(socket->waitForConnected(5000));
        return socket;
    }

    static int isAliveStatusFrom(const QHostAddress &source)
    {
        const std::unique_ptr<QTcpSocket> socket = connectFrom(source);
        socket->write("GET /rest/is_alive HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QByteArray received;
        while (socket->waitForReadyRead(3000))
            received += socket->readAll();
        return HttpClient::parse(received).status;
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
    if (!UnderSanitizers) {
        EXPECT_LT(rssKiB, 100 * 1024) << "RSS " << rssKiB << " KiB";
    }
}

TEST_F(HostileInputTest, ALargeBodyWithoutCredentialsIsRefusedBeforeItIsRead)
{
    ASSERT_TRUE(s_server->resetPeakResident());
    const qint64 baselineKiB = s_server->residentKiB();
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, s_server->port());
    ASSERT_TRUE(socket.waitForConnected(5000));
    socket.write("POST /api/sites/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 "Content-Length: 15000000\r\n\r\n");
    ASSERT_TRUE(socket.waitForReadyRead(3000)) << "answered before the body is sent";
    QByteArray received = socket.readAll();
    // What the client sends meanwhile is read and thrown away, not kept.
    const QByteArray chunk(1024 * 1024, '{');
    for (int i = 0; i < 15 && socket.state() == QAbstractSocket::ConnectedState; ++i) {
        socket.write(chunk);
        socket.waitForBytesWritten(200);
    }
    while (socket.waitForReadyRead(1000))
        received += socket.readAll();
    const HttpReply reply = HttpClient::parse(received);
    EXPECT_EQ(reply.status, 401);
    EXPECT_TRUE(reply.body.contains("credentials")) << reply.body.constData();
    EXPECT_LT(s_server->peakResidentKiB() - baselineKiB, 8 * 1024) << "the body was kept";
}

TEST_F(HostileInputTest, BodiesBeingReceivedShareOneBudget)
{
    // The budget is 32 MiB: two 15 MB bodies received all but their last byte fit; a third
    // waits its turn. (A token, even a wrong one, lets a body past 64 KiB before it is read.)
    const QByteArray head = "POST /api/sites/ HTTP/1.1\r\nHost: x\r\nAuthorization: Token bogus\r\n"
                            "Content-Type: application/json\r\nContent-Length: 15000000\r\n\r\n";
    const QByteArray body(15000000, ' ');
    std::vector<std::unique_ptr<QTcpSocket>> slow(2);
    for (std::unique_ptr<QTcpSocket> &socket : slow) {
        socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, s_server->port());
        ASSERT_TRUE(socket->waitForConnected(5000));
        socket->write(head + body.left(body.size() - 1));
        while (socket->bytesToWrite() > 0)
            ASSERT_TRUE(socket->waitForBytesWritten(5000));
    }
    QThread::msleep(300);
    const HttpReply third = HttpClient::parse(client().sendRaw(head + body, 5000));
    EXPECT_EQ(third.status, 503);
    // A slow sender gone gives its share back.
    slow.clear();
    QThread::msleep(300);
    const HttpReply fourth = HttpClient::parse(client().sendRaw(head + body, 10000));
    EXPECT_EQ(fourth.status, 401) << "read whole, then refused for its token";
}

TEST_F(HostileInputTest, OversizedChunkedBodyGets413)
{
    QByteArray request = "POST /api/sites/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                         "Authorization: Token not-checked-before-the-body\r\n\r\n";
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
    // Twenty from each of two addresses: the server's 40, without either address's cap.
    std::vector<std::unique_ptr<QTcpSocket>> held;
    for (const char *source : {"127.0.0.1", "127.0.0.2"}) {
        for (int i = 0; i < 20; ++i)
            held.push_back(connectFrom(QHostAddress(QString::fromLatin1(source))));
    }
    QThread::msleep(300); // let both listener threads accept them
    EXPECT_EQ(isAliveStatusFrom(QHostAddress(QStringLiteral("127.0.0.3"))), 503);
    held.clear();
    QThread::msleep(500);
}

TEST_F(HostileInputTest, OneAddressCannotTakeEveryConnection)
{
    std::vector<std::unique_ptr<QTcpSocket>> held(20);
    for (std::unique_ptr<QTcpSocket> &socket : held)
        socket = connectFrom(QHostAddress(QStringLiteral("127.0.0.4")));
    QThread::msleep(300);
    const QByteArray refused = HttpClient::parse([&] {
                                   const std::unique_ptr<QTcpSocket> socket =
                                       connectFrom(QHostAddress(QStringLiteral("127.0.0.4")));
                                   socket->write("GET /rest/is_alive HTTP/1.1\r\nHost: x\r\n\r\n");
                                   QByteArray received;
                                   while (socket->waitForReadyRead(3000))
                                       received += socket->readAll();
                                   return received;
                               }())
                                   .body;
    EXPECT_TRUE(refused.contains("from this address")) << refused.constData();
    // Everyone else is still served.
    EXPECT_EQ(isAliveStatusFrom(QHostAddress(QStringLiteral("127.0.0.5"))), 200);
    held.clear();
    QThread::msleep(500);
}

TEST_F(HostileInputTest, AClientThatDoesNotReadGetsNoMoreAnswersAndIsClosed)
{
    // 3000 pipelined requests for the 450 KB OpenAPI document: over a gigabyte of answers if
    // the server produced them all for a client that reads none.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    const int small = 4096;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(s_server->port());
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr *>(&server), sizeof server), 0);
    ASSERT_TRUE(s_server->resetPeakResident());
    const qint64 baselineKiB = s_server->residentKiB();
    QByteArray requests;
    for (int i = 0; i < 3000; ++i)
        requests += "GET /api/schema/ HTTP/1.1\r\nHost: x\r\n\r\n";
    ASSERT_EQ(::send(fd, requests.constData(), size_t(requests.size()), MSG_NOSIGNAL),
              requests.size());
    // The idle timeout is 3 s: a connection whose answers go nowhere for that long is closed.
    QElapsedTimer timer;
    timer.start();
    while (!s_server->log().contains(QStringLiteral("answers left unread")) &&
           timer.elapsed() < 10000)
        QThread::msleep(100);
    EXPECT_TRUE(s_server->log().contains(QStringLiteral("answers left unread")));
    // Earlier tests leave the allocator holding memory; what counts is the growth.
    const qint64 grownKiB = s_server->peakResidentKiB() - baselineKiB;
    if (!UnderSanitizers) {
        EXPECT_LT(grownKiB, 64 * 1024) << "peak RSS grew by " << grownKiB << " KiB";
    }
    ::close(fd);
}

TEST_F(HostileInputTest, PipelinedRequestsAreAllAnsweredInOrderToAClientThatReads)
{
    // More answer bytes than the write backlog, and more unanswered requests than the cap on
    // them (set queries are answered off the listener thread), each in the order asked.
    QByteArray requests;
    const QByteArray token = "Authorization: Token " + s_adminToken + "\r\n";
    for (int i = 0; i < 40; ++i) {
        requests += "GET /api/schema/ HTTP/1.1\r\nHost: x\r\n\r\n";
        requests +=
            "GET /api/devices/query/?query=vendor%3Dx HTTP/1.1\r\nHost: x\r\n" + token + "\r\n";
    }
    requests += "GET /rest/is_alive HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    const QByteArray received = client().sendRaw(requests, 30000);
    // The query names an attribute nobody defined: 400, which tells it from the schema's 200.
    QList<int> statuses;
    for (qsizetype at = received.indexOf("HTTP/1.1 "); at >= 0;
         at = received.indexOf("HTTP/1.1 ", at + 1))
        statuses << received.mid(at + 9, 3).toInt();
    QList<int> expected;
    for (int i = 0; i < 40; ++i)
        expected << 200 << 400;
    expected << 200;
    QStringList guarded = s_server->log().split(QLatin1Char('\n')).filter(QStringLiteral("guard"));
    EXPECT_EQ(statuses, expected) << guarded.join(QLatin1Char('\n')).toStdString();
}
