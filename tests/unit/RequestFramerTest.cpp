#include "server/RequestFramer.h"

#include <gtest/gtest.h>

using namespace Cairn;

namespace {

HttpLimits smallLimits()
{
    HttpLimits limits;
    limits.maxHeaderBytes = 1024;
    limits.maxBodyBytes = 100;
    return limits;
}

int statusOf(const QByteArray &bytes)
{
    RequestFramer framer(smallLimits());
    const auto violation = framer.feed(bytes);
    return violation ? violation->status : 0;
}

} // namespace

TEST(RequestFramer, AcceptsWellFormedRequestsByteByByte)
{
    RequestFramer framer(smallLimits());
    const QByteArray request = "POST /api/x/ HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
                               "GET /next HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
    for (char byte : request)
        ASSERT_FALSE(framer.feed(QByteArrayView(&byte, 1)));
    EXPECT_FALSE(framer.inRequest());
    ASSERT_EQ(framer.facts().size(), 2);
    EXPECT_FALSE(framer.facts().dequeue().closeAfterResponse);
    EXPECT_TRUE(framer.facts().dequeue().closeAfterResponse);
}

TEST(RequestFramer, FollowsChunkedBodies)
{
    RequestFramer framer(smallLimits());
    EXPECT_FALSE(framer.feed("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "5\r\nhello\r\n3;ext=1\r\nabc\r\n0\r\n\r\n"));
    EXPECT_FALSE(framer.inRequest());
    // Where Qt's parser would read the body another way: refused.
    EXPECT_EQ(statusOf("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                       "5\nhello\r\n0\r\n\r\n"),
              400);
    EXPECT_EQ(statusOf("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                       "0\r\nTrailer: x\r\n\r\n"),
              400);
    EXPECT_EQ(statusOf("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
              400);
    EXPECT_EQ(statusOf("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                       "40\r\n" +
                       QByteArray(64, 'x') + "\r\n40\r\n"),
              413);
}

TEST(RequestFramer, RejectsWhatQtWouldMisread)
{
    EXPECT_EQ(statusOf("GARBAGE\r\n\r\n"), 400);
    EXPECT_EQ(statusOf("GET /a b HTTP/1.1\r\n\r\n"), 400);
    EXPECT_EQ(statusOf("GET / HTTP/2.0\r\nHost: a\r\n\r\n"), 505);
    EXPECT_EQ(statusOf("GET / HTTP/1.1\r\n\r\n"), 400); // no Host
    EXPECT_EQ(
        statusOf("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n"),
        400);
    EXPECT_EQ(statusOf("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: "
                       "chunked\r\n\r\n"),
              400);
    EXPECT_EQ(statusOf("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n"), 400);
    EXPECT_EQ(statusOf("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n"), 400);
    EXPECT_EQ(statusOf("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n"), 501);
    EXPECT_EQ(statusOf("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n"), 400);
    EXPECT_EQ(statusOf("GET / HTTP/1.1\r\nHost : a\r\n\r\n"), 400);
    EXPECT_EQ(statusOf("GET / HTTP/1.1\r\nHost: a\r\nX: a\x01z\r\n\r\n"), 400);
    EXPECT_EQ(statusOf("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), 400);
    EXPECT_EQ(statusOf("GET / HTTP/1.1\r\nHost: a\r\nExpect: magic\r\n\r\n"), 417);
    EXPECT_EQ(statusOf("GET / HTTP/1.0\r\n\r\n"), 0); // HTTP/1.0 needs no Host
}

TEST(RequestFramer, EnforcesSizeCaps)
{
    EXPECT_EQ(statusOf("GET /" + QByteArray(2000, 'a') + " HTTP/1.1\r\n"), 414);
    EXPECT_EQ(statusOf("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + QByteArray(2000, 'a') + "\r\n\r\n"),
              431);
    EXPECT_EQ(statusOf("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 101\r\n\r\n"), 413);
    EXPECT_EQ(statusOf("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n"), 0);
}

TEST(RequestFramer, ReportsExpectContinueAndHttp10Close)
{
    RequestFramer framer(smallLimits());
    EXPECT_FALSE(framer.feed(
        "PUT / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"));
    ASSERT_EQ(framer.facts().size(), 1);
    EXPECT_TRUE(framer.facts().head().expectsContinue);
    EXPECT_TRUE(framer.inRequest());

    RequestFramer old(smallLimits());
    EXPECT_FALSE(old.feed("GET / HTTP/1.0\r\n\r\n"));
    EXPECT_TRUE(old.facts().head().closeAfterResponse);
    RequestFramer keepAlive(smallLimits());
    EXPECT_FALSE(keepAlive.feed("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    EXPECT_FALSE(keepAlive.facts().head().closeAfterResponse);
}

// ZTP takes startup-configs larger than anything else it takes: one route, its own limit.
TEST(RequestFramer, ARouteMayHaveABodyLimitOfItsOwn)
{
    HttpLimits limits = smallLimits();
    limits.bodyLimits = {
        {"PUT", QRegularExpression(QStringLiteral("^/nodes/[^/]+/startup-config$")), 1000}};
    const auto status = [&limits](const QByteArray &requestLine, int length) {
        RequestFramer framer(limits);
        const QByteArray head = requestLine +
                                "\r\nHost: a\r\nContent-Length: " + QByteArray::number(length) +
                                "\r\n\r\n";
        const auto violation = framer.feed(head);
        return violation ? violation->status : 0;
    };
    EXPECT_EQ(status("PUT /nodes/JPE1/startup-config HTTP/1.1", 1000), 0);
    EXPECT_EQ(status("PUT /nodes/JPE1/startup-config?x=1 HTTP/1.1", 1000), 0);
    EXPECT_EQ(status("PUT /nodes/JPE1/startup-config HTTP/1.1", 1001), 413);
    EXPECT_EQ(status("POST /nodes/JPE1/startup-config HTTP/1.1", 101), 413);
    EXPECT_EQ(status("PUT /nodes/a/b/startup-config HTTP/1.1", 101), 413);
    EXPECT_EQ(status("POST /nodes HTTP/1.1", 100), 0);
    EXPECT_EQ(status("POST /nodes HTTP/1.1", 101), 413);
}

TEST(RequestFramer, ALargeBodyNeedsCredentials)
{
    HttpLimits limits = smallLimits();
    limits.maxBodyBytesWithoutCredentials = 10;
    const auto statusWith = [&limits](const QByteArray &bytes) {
        RequestFramer framer(limits);
        const auto violation = framer.feed(bytes);
        return violation ? violation->status : 0;
    };
    const QByteArray post = "POST /api/sites/ HTTP/1.1\r\nHost: a\r\nContent-Length: 50\r\n";
    EXPECT_EQ(statusWith(post + "\r\n"), 401);
    EXPECT_EQ(statusWith(post + "Authorization: Token t\r\n\r\n"), 0);
    EXPECT_EQ(statusWith(post + "authorization: Basic eDp5\r\n\r\n"), 0);
    // Small bodies (signing in) need none; chunked bodies are counted as they come.
    EXPECT_EQ(statusWith("POST /api/authenticate/ HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n"
                         "\r\n0123456789"),
              0);
    EXPECT_EQ(statusWith("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                         "8\r\n01234567\r\n8\r\n"),
              401);
    // The next request on the connection needs its own.
    EXPECT_EQ(
        statusWith("GET / HTTP/1.1\r\nHost: a\r\nAuthorization: Token t\r\n\r\n" + post + "\r\n"),
        401);
}

TEST(RequestFramer, BodiesShareTheServersBudgetUntilAnswered)
{
    HttpLimits limits = smallLimits();
    auto budget = std::make_shared<BodyBudget>(120);
    const QByteArray head =
        "POST /api/sites/ HTTP/1.1\r\nHost: a\r\nAuthorization: Token t\r\nContent-Length: 60\r\n"
        "\r\n";
    const QByteArray whole = head + QByteArray(60, 'x');
    // Announcing a body costs nothing; receiving it does.
    auto first = std::make_unique<RequestFramer>(limits, budget);
    RequestFramer second(limits, budget);
    RequestFramer third(limits, budget);
    EXPECT_FALSE(third.feed(head));
    EXPECT_FALSE(first->feed(whole));
    EXPECT_FALSE(second.feed(whole));
    const auto refused = third.feed(QByteArray(1, 'x'));
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 503);
    // Answered, a body no longer counts; a connection gone gives back what it held.
    ASSERT_TRUE(second.takeFacts());
    second.answered();
    RequestFramer fourth(limits, budget);
    EXPECT_FALSE(fourth.feed(whole));
    first.reset();
    RequestFramer fifth(limits, budget);
    EXPECT_FALSE(fifth.feed(whole));
}

// Where Qt's parser gives up, the framer must refuse first: past 100 header fields, Qt would
// see a request without headers and read its body as the next request.
TEST(RequestFramer, RefusesWhatQtsParserWouldReadAsAnotherRequest)
{
    QByteArray many = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n";
    for (int i = 0; i < 99; ++i)
        many += "a: b\r\n";
    EXPECT_EQ(statusOf(many + "\r\n"), 431);
    EXPECT_EQ(
        statusOf("GET / HTTP/1.1\r\nHost: a\r\nX-Long: " + QByteArray(8100, 'x') + "\r\n\r\n"),
        431);
    EXPECT_EQ(statusOf("\r\n\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
    EXPECT_EQ(statusOf("\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"), 0);
    // A body within its limit, in chunks whose framing makes the request too large to keep.
    HttpLimits limits = smallLimits();
    limits.maxHeaderBytes = 1024;
    RequestFramer framer(limits);
    QByteArray chunked = "POST / HTTP/1.1\r\nHost: a\r\nAuthorization: Token t\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 90; ++i)
        chunked += "1;" + QByteArray(400, 'e') + "\r\nx\r\n";
    const auto violation = framer.feed(chunked);
    ASSERT_TRUE(violation);
    EXPECT_EQ(violation->status, 413);
}
