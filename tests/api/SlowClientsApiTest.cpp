#include "Sanitizers.h"
#include "ServerFixture.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Cairn::Test;

// Many clients that take a large answer and read it a few bytes at a time (slow links, or an
// attacker holding the server's buffers) must not stop anyone else being served.
class SlowClientsApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<QTemporaryDir>();
        startServer({QStringLiteral("--config"),
                     writeConfig("[http]\nmax_connections=1000\nidle_timeout_seconds=30\n")});
    }
};

TEST_F(SlowClientsApiTest, FiveHundredSlowReadersDoNotStopOtherClients)
{
    const qint64 residentBeforeKiB = s_server->residentKiB();
    const QJsonObject seen = runPython(QStringLiteral(R"PY(
import json, socket, statistics, sys, threading, time
import requests
base, admin = sys.argv[1], sys.argv[2]
port = int(base.rsplit(":", 1)[1])
# 500 connections from four loopback addresses (the per-address cap is 256), each asking for the
# 188 KB Swagger UI stylesheet with a 4 KB receive buffer, then reading 64 bytes every half second.
slow = []
for i in range(500):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.bind(("127.0.1.%d" % (1 + i % 4), 0))
    s.connect(("127.0.0.1", port))
    s.sendall(b"GET /api/docs/assets/swagger-ui.css HTTP/1.1\r\nHost: x\r\n\r\n")
    s.setblocking(False)
    slow.append(s)
stop = threading.Event()
trickled = [0]
def trickle():
    while not stop.is_set():
        for s in slow:
            try:
                trickled[0] += len(s.recv(64))
            except BlockingIOError:
                pass
        time.sleep(0.5)
reader = threading.Thread(target=trickle)
reader.start()
time.sleep(1)
# Meanwhile an ordinary client reads and writes, as a script would.
headers = {"Authorization": "Token " + admin}
statuses, latencies = [], []
with requests.Session() as session:
    for i in range(200):
        start = time.monotonic()
        if i % 4 == 0:
            r = session.post(base + "/api/sites/", headers=headers, json={"name": "slow-%d" % i},
                             timeout=10)
        else:
            r = session.get(base + "/api/sites/", headers=headers, timeout=10)
        latencies.append(time.monotonic() - start)
        statuses.append(r.status_code)
stop.set()
reader.join()
latencies.sort()
print(json.dumps({
    "statuses": sorted(set(statuses)),
    "p50_ms": 1000 * statistics.median(latencies),
    "p99_ms": 1000 * latencies[int(len(latencies) * 0.99) - 1],
    "trickled": trickled[0],
}))
)PY"));
    const QJsonArray statuses = seen[QStringLiteral("statuses")].toArray();
    ASSERT_FALSE(statuses.isEmpty()) << seen;
    for (const auto &status : statuses)
        EXPECT_TRUE(status.toInt() == 200 || status.toInt() == 201) << seen;
    EXPECT_LT(seen[QStringLiteral("p99_ms")].toDouble(), 1000) << seen;
    EXPECT_GT(seen[QStringLiteral("trickled")].toInt(), 0) << seen;
    const qint64 grownKiB = s_server->residentKiB() - residentBeforeKiB;
    std::cout << "slow readers: " << QJsonDocument(seen).toJson(QJsonDocument::Compact).constData()
              << ", server RSS grew by " << grownKiB / 1024 << " MiB\n";
    // Each connection may hold the answer it has not read (up to the 1 MiB write backlog): here
    // 500 x 188 KB.
    if (!UnderSanitizers) {
        EXPECT_LT(grownKiB, 256 * 1024) << "server RSS grew by " << grownKiB << " KiB";
    }
}
