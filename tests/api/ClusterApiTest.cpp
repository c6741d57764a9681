#include "ServerFixture.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <iostream>

using namespace Cairn::Test;

// Three `cairn serve` nodes on one PostgreSQL database, as behind a load balancer, driven by a
// python3-requests script: runs submitted to every node, tasks firing every second, and one node
// killed (SIGKILL) midway; after it, runs submitted to one node, which the others claim from the
// queue as they have free workers.
class ClusterApiTest : public ServerFixture
{
protected:
    static QString nodeConfig(int number)
    {
        QString path = s_dir->filePath(QStringLiteral("node-%1.ini").arg(number));
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        // A node is dead after 6 s of silence: three nodes, PostgreSQL and the client share two
        // cores here, and a live node must never look dead.
        file.write(QStringLiteral("[server]\nnode_name = node-%1\n[cluster]\nheartbeat_seconds = "
                                  "1\ndead_after_seconds = 6\n")
                       .arg(number)
                       .toUtf8());
        return path;
    }

    static QStringList withConfig(int number)
    {
        return {QStringLiteral("--config"), nodeConfig(number)};
    }
};

TEST_F(ClusterApiTest, EachJobAndFiringRunsOnceAcrossThreeNodesWithOneKilledMidway)
{
    if (!TestBackend::isPostgres())
        GTEST_SKIP() << "a cluster shares one PostgreSQL database";
    s_dir = std::make_unique<QTemporaryDir>();
    startServer(withConfig(1));
    // Each node its own data directory, all with the server key that seals the shared secrets.
    QTemporaryDir secondDir;
    QTemporaryDir thirdDir;
    for (const QTemporaryDir *dir : {&secondDir, &thirdDir})
        ASSERT_TRUE(QFile::copy(s_dir->filePath(QStringLiteral("server.key")),
                                dir->filePath(QStringLiteral("server.key"))));
    ServerProcess second(secondDir.path(), s_server->databaseUrl());
    ServerProcess third(thirdDir.path(), s_server->databaseUrl());
    ASSERT_TRUE(second.start(withConfig(2))) << qPrintable(second.log());
    ASSERT_TRUE(third.start(withConfig(3))) << qPrintable(third.log());

    const QString script = QStringLiteral(R"(
import concurrent.futures, datetime, http.server, json, math, os, signal, sys, threading, time
import requests
bases, admin, victim = sys.argv[1].split(","), sys.argv[2], int(sys.argv[3])
hits, lock = {}, threading.Lock()

class Counter(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with lock:
            hits[self.path] = hits.get(self.path, 0) + 1
        if self.path.startswith("/hit/"):
            time.sleep(0.05)  # slow enough that runs queue up on every node
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")
    def log_message(self, *args):
        pass

counter = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counter)
threading.Thread(target=counter.serve_forever, daemon=True).start()
target = "http://127.0.0.1:%d" % counter.server_address[1]
local = threading.local()

def call(base, method, path, **kwargs):
    if not hasattr(local, "session"):
        local.session = requests.Session()
    reply = local.session.request(method, base + path, timeout=60,
                                  headers={"Authorization": "Token " + admin}, **kwargs)
    return reply.status_code, reply.json() if reply.content else None

seen = {"status_before": call(bases[0], "POST", "/rest/get_cluster_status")}
call(bases[0], "POST", "/rest/instance/rest_call_service",
     json={"name": "hit", "rest_url": target + "/hit/{{ payload.n }}", "run_method": "once"})
for i in range(10):
    call(bases[0], "POST", "/rest/instance/rest_call_service",
         json={"name": "tick-%d" % i, "rest_url": target + "/tick/%d" % i, "run_method": "once"})
start = datetime.datetime.now().replace(microsecond=0) + datetime.timedelta(seconds=2)
seen["tasks"] = call(bases[0], "POST", "/rest/instance/task", json=[
    {"name": "tick-%d" % i, "service": "tick-%d" % i, "is_active": True, "frequency": 1,
     "frequency_unit": "seconds", "start_date": start.strftime("%d/%m/%Y %H:%M:%S")}
    for i in range(10)])

submitted, refused = {}, []
def submit(n, base):
    status, body = call(base, "POST", "/rest/run_service",
                        json={"name": "hit", "async": True, "payload": {"n": n}})
    if status == 200:
        with lock:
            submitted[body["runtime"] + "|" + str(n)] = n
    else:
        refused.append([n, status, body])

with concurrent.futures.ThreadPoolExecutor(16) as pool:
    list(pool.map(lambda n: submit(n, bases[n % 3]), range(900)))
os.kill(victim, signal.SIGKILL)
seen["killed_at"] = time.time()
# The rest all to the first node: the second runs its share only by claiming them.
with concurrent.futures.ThreadPoolExecutor(16) as pool:
    list(pool.map(lambda n: submit(n, bases[0]), range(900, 2000)))

def all_jobs():
    jobs, offset = [], 0
    while True:
        status, page = call(bases[0], "GET", "/api/jobs/", params={"limit": 1000, "offset": offset})
        jobs += page["results"]
        offset += 1000
        if not page["next"]:
            return jobs

# Until every run of "hit" has ended and at least 100 firings happened.
deadline = time.time() + 150
while True:
    jobs = all_jobs()
    hit_jobs = [j for j in jobs if j["params"].get("service") == "hit"]
    tick_jobs = [j for j in jobs if j["params"].get("service", "").startswith("tick-")]
    open_jobs = [j for j in hit_jobs if j["state"] in ("queued", "running")]
    if (len(hit_jobs) >= 2000 and not open_jobs and len(tick_jobs) >= 100) or time.time() > deadline:
        break
    time.sleep(0.5)
for i in range(10):
    call(bases[0], "PUT", "/rest/instance/task", json={"name": "tick-%d" % i, "is_active": False})
time.sleep(1.5)
jobs = all_jobs()
while any(j["state"] in ("queued", "running") for j in jobs) and time.time() < deadline + 30:
    time.sleep(0.5)
    jobs = all_jobs()

status = call(bases[0], "POST", "/rest/get_cluster_status")[1]
ids = {node["name"]: node["id"] for node in status}
seen["status_after"] = status
seen["refused"] = refused
seen["submitted"] = len(submitted)
runtimes = {key.split("|")[0]: n for key, n in submitted.items()}
hit_jobs = [j for j in jobs if j["params"].get("service") == "hit"]
seen["hit_jobs"] = len(hit_jobs)
seen["states"] = {}
seen["twice"] = [path for path, count in hits.items() if count > 1 and path.startswith("/hit/")]
seen["succeeded_without_hit"] = []
seen["unknown_runtime"] = 0
for job in hit_jobs:
    node = [name for name, id in ids.items() if id == job["node_id"]]
    key = (node[0] if node else "none") + ":" + job["state"]
    seen["states"][key] = seen["states"].get(key, 0) + 1
    n = runtimes.get(job["params"]["runtime"])
    if n is None:
        seen["unknown_runtime"] += 1
    elif job["state"] == "succeeded" and hits.get("/hit/%d" % n) != 1:
        seen["succeeded_without_hit"].append(n)
    if job["state"] == "interrupted":
        seen["interrupted_error"] = job["error"]
    if n is not None and n >= 900:
        late = seen.setdefault("late_by_node", {})
        late[key] = late.get(key, 0) + 1
firings = {}
for job in jobs:
    service = job["params"].get("service", "")
    if service.startswith("tick-"):
        firings.setdefault(service, []).append(job["created"])
seen["firings"] = sum(len(times) for times in firings.values())
seen["open_at_end"] = len([j for j in jobs if j["state"] in ("queued", "running")])
# A task firing every second has at most one firing per second between its first and its last
# (a late one is made up once, never twice): more runs than that is a firing run twice.
def seconds(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
seen["doubled_firings"] = []
for service, times in firings.items():
    ordered = sorted(seconds(t) for t in times)
    if len(ordered) > math.ceil(ordered[-1] - ordered[0]) + 1:
        seen["doubled_firings"].append([service, len(ordered), ordered[-1] - ordered[0]])
print(json.dumps(seen))
)");
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"), script,
                  QStringLiteral("http://127.0.0.1:%1,http://127.0.0.1:%2,http://127.0.0.1:%3")
                      .arg(s_server->port())
                      .arg(second.port())
                      .arg(third.port()),
                  QString::fromLatin1(s_adminToken), QString::number(third.pid())});
    ASSERT_TRUE(python.waitForFinished(240000));
    ASSERT_EQ(python.exitCode(), 0) << python.readAllStandardError().constData();
    const QJsonObject seen = QJsonDocument::fromJson(python.readAllStandardOutput()).object();

    const QJsonArray before = seen[QLatin1String("status_before")][1].toArray();
    ASSERT_EQ(before.size(), 3) << QJsonDocument(before).toJson().constData();
    for (const auto &node : before)
        EXPECT_EQ(node[QLatin1String("status")].toString(), QStringLiteral("Up"));
    EXPECT_EQ(seen[QLatin1String("tasks")][0].toInt(), 200);

    // Every run submitted was accepted, recorded once and ended once.
    EXPECT_TRUE(seen[QLatin1String("refused")].toArray().isEmpty())
        << QJsonDocument(seen[QLatin1String("refused")].toArray()).toJson().constData();
    EXPECT_EQ(seen[QLatin1String("submitted")].toInt(), 2000);
    EXPECT_EQ(seen[QLatin1String("hit_jobs")].toInt(), 2000);
    EXPECT_EQ(seen[QLatin1String("unknown_runtime")].toInt(), 0);
    EXPECT_EQ(seen[QLatin1String("open_at_end")].toInt(), 0);
    // Executed at most once each, and exactly once when it says it succeeded.
    EXPECT_TRUE(seen[QLatin1String("twice")].toArray().isEmpty());
    EXPECT_TRUE(seen[QLatin1String("succeeded_without_hit")].toArray().isEmpty());
    // The live nodes ran all theirs; the killed node's unfinished ones were interrupted.
    const QJsonObject states = seen[QLatin1String("states")].toObject();
    std::cout << "runs by node and end: "
              << QJsonDocument(states).toJson(QJsonDocument::Compact).constData()
              << ", firings: " << seen[QLatin1String("firings")].toInt() << std::endl;
    const int interrupted = states[QLatin1String("node-3:interrupted")].toInt();
    EXPECT_GT(interrupted, 0) << QJsonDocument(states).toJson().constData();
    EXPECT_EQ(states[QLatin1String("node-1:succeeded")].toInt() +
                  states[QLatin1String("node-2:succeeded")].toInt() +
                  states[QLatin1String("node-3:succeeded")].toInt() + interrupted,
              2000)
        << QJsonDocument(states).toJson().constData();
    // Runs submitted to node-1 alone after the kill: node-2 claimed its share of them.
    const QJsonObject late = seen[QLatin1String("late_by_node")].toObject();
    EXPECT_GT(late[QLatin1String("node-2:succeeded")].toInt(), 100)
        << QJsonDocument(late).toJson().constData();
    EXPECT_GT(late[QLatin1String("node-1:succeeded")].toInt(), 100)
        << QJsonDocument(late).toJson().constData();
    // After the run's own recovery: the run is shown interrupted too.
    EXPECT_TRUE(seen[QLatin1String("interrupted_error")].toString().startsWith(
        QLatin1String("Node node-3 stopped beating before this job finished. Cleaned up after "
                      "it: Run ")))
        << qPrintable(seen[QLatin1String("interrupted_error")].toString());

    // Each firing ran once, whichever node claimed it.
    EXPECT_GE(seen[QLatin1String("firings")].toInt(), 100);
    EXPECT_TRUE(seen[QLatin1String("doubled_firings")].toArray().isEmpty())
        << QJsonDocument(seen[QLatin1String("doubled_firings")].toArray()).toJson().constData();

    const QJsonArray after = seen[QLatin1String("status_after")].toArray();
    QStringList shown;
    for (const auto &node : after)
        shown << node[QLatin1String("name")].toString() + QLatin1Char(' ') +
                     node[QLatin1String("status")].toString() + QLatin1Char(' ') +
                     node[QLatin1String("state")].toString();
    EXPECT_EQ(shown, (QStringList{QStringLiteral("node-1 Up up"), QStringLiteral("node-2 Up up"),
                                  QStringLiteral("node-3 Down dead")}));

    EXPECT_EQ(second.stop(), 0) << qPrintable(second.log().right(2000));
    stopServer();
}
