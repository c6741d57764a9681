// eNMS workflows as a script builds and runs them (python3-requests): steps joined by success
// and failure edges, devices going through them over SSH on emulated devices, each run method,
// a workflow inside a workflow, and the graphs a workflow cannot have.
#include "EnmsRunsFixture.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Cairn::Test;

class EnmsWorkflowsApiTest : public EnmsRunsFixture
{
};

TEST_F(EnmsWorkflowsApiTest, DevicesGoAlongSuccessAndFailureEdgesAndReportWhereTheyFailed)
{
    const EnmsScript seen = run(QStringLiteral(R"PY(
seen["steps"] = call("POST", "/instance/service", admin, json=[
    {"name": "wf-show", "type": "command_service", "credentials": "lab",
     "commands": ["show version"], "devices": ["run-r1"]},
    {"name": "wf-extract", "type": "data_extraction_service", "variable": "version",
     "query": 'results["wf-show"].result', "match": "Version ([^,]+),"},
    {"name": "wf-render", "type": "template_service",
     "template": "{{ device.name }} runs {{ variables.version[0] }}"},
    {"name": "wf-report", "type": "template_service", "template": "{{ device.name }} is down"}])
edges = [
    {"subtype": "success", "source": "Start", "destination": "wf-show"},
    {"subtype": "success", "source": "wf-show", "destination": "wf-extract"},
    {"subtype": "success", "source": "wf-extract", "destination": "wf-render"},
    {"subtype": "success", "source": "wf-render", "destination": "End"},
    {"subtype": "failure", "source": "wf-show", "destination": "wf-report"}]
steps = ["wf-show", "wf-extract", "wf-render", "wf-report"]
seen["workflows"] = call("POST", "/instance/workflow", admin, json=[
    {"name": "wf-main", "services": steps, "edges": edges},
    {"name": "wf-by-step", "services": steps, "edges": edges,
     "run_method": "per_service_with_workflow_targets"},
    {"name": "wf-outer", "services": ["wf-main"], "edges": [
        {"subtype": "success", "source": "Start", "destination": "wf-main"},
        {"subtype": "success", "source": "wf-main", "destination": "End"}]},
    {"name": "wf-own-targets", "run_method": "per_service_with_service_targets",
     "services": ["wf-show"], "edges": [
        {"subtype": "success", "source": "Start", "destination": "wf-show"},
        {"subtype": "success", "source": "wf-show", "destination": "End"}]}])
seen["shown"] = call("GET", "/instance/workflow/wf-main", admin)
seen["bad"] = call("POST", "/instance/workflow", admin, json=[
    {"name": "wf-cycle", "services": ["wf-show", "wf-render"], "edges": [
        {"subtype": "success", "source": "Start", "destination": "wf-show"},
        {"subtype": "success", "source": "wf-show", "destination": "wf-render"},
        {"subtype": "failure", "source": "wf-render", "destination": "wf-show"},
        {"subtype": "success", "source": "wf-render", "destination": "End"}]},
    {"name": "wf-no-end", "services": ["wf-show"], "edges": [
        {"subtype": "success", "source": "Start", "destination": "wf-show"}]},
    {"name": "wf-stranger", "services": ["wf-show"], "edges": [
        {"subtype": "success", "source": "Start", "destination": "wf-show"},
        {"subtype": "success", "source": "wf-show", "destination": "wf-render"},
        {"subtype": "success", "source": "wf-render", "destination": "End"}]},
    {"name": "wf-sideways", "services": ["wf-show"], "edges": [
        {"subtype": "maybe", "source": "Start", "destination": "wf-show"}]},
    {"name": "wf-main", "services": steps + ["wf-outer"]}])
seen["delete_step"] = call("DELETE", "/instance/service/wf-show", admin)
seen["main"] = call("POST", "/run_service", admin,
                    json={"name": "wf-main", "devices": ["run-r1", "run-dead"]})
seen["by_step"] = call("POST", "/run_service", admin,
                       json={"name": "wf-by-step", "devices": ["run-r1", "run-r2", "run-dead"]})
seen["outer"] = call("POST", "/run_service", admin, json={"name": "wf-outer", "devices": ["run-r2"]})
seen["own"] = call("POST", "/run_service", admin, json={"name": "wf-own-targets"})
seen["results"] = call("POST", "/search", admin, json={
    "type": "result", "columns": ["service_name", "device_name", "workflow_name", "result"],
    "search_criteria": {"parent_runtime": seen["outer"][1]["runtime"]}})
print(json.dumps(seen))
)PY"));
    ASSERT_EQ(seen.status("steps"), 200);
    EXPECT_EQ(seen.body("steps")[QLatin1String("failure")].toArray(), QJsonArray())
        << seen.body("steps");
    EXPECT_EQ(seen.body("workflows")[QLatin1String("failure")].toArray(), QJsonArray())
        << seen.body("workflows");
    // The graph reads back by name, Start and End included.
    const QJsonValue shown = seen.body("shown");
    EXPECT_EQ(shown[QLatin1String("type")].toString(), QLatin1String("workflow"));
    EXPECT_EQ(shown[QLatin1String("services")].toArray().size(), 4) << shown;
    EXPECT_EQ(shown[QLatin1String("edges")][0],
              QJsonValue(QJsonObject{{QStringLiteral("subtype"), QStringLiteral("success")},
                                     {QStringLiteral("source"), QStringLiteral("Start")},
                                     {QStringLiteral("destination"), QStringLiteral("wf-show")}}));

    // Graphs that cannot run are refused, each naming the edge at fault.
    const QString refused =
        QString::fromUtf8(QJsonDocument(seen.body("bad")[QLatin1String("failure")].toArray())
                              .toJson(QJsonDocument::Compact));
    EXPECT_EQ(seen.body("bad")[QLatin1String("failure")].toArray().size(), 5) << refused;
    EXPECT_TRUE(refused.contains(QLatin1String("wf-render -> wf-show closes a cycle."))) << refused;
    EXPECT_TRUE(refused.contains(QLatin1String("End cannot be reached from Start."))) << refused;
    EXPECT_TRUE(refused.contains(QLatin1String("wf-show -> wf-render: both ends must be Start, "
                                               "End or steps of the workflow.")))
        << refused;
    EXPECT_TRUE(refused.contains(QLatin1String("subtype is success or failure"))) << refused;
    EXPECT_TRUE(refused.contains(
        QLatin1String("wf-outer contains wf-main: a workflow cannot contain itself.")))
        << refused;
    EXPECT_EQ(seen.status("delete_step"), 409);

    // per_device: run-r1 goes through to End with the version extracted and rendered; run-dead
    // fails at wf-show, takes the failure edge, and never reaches End.
    ASSERT_EQ(seen.status("main"), 200) << seen.body("main");
    const QJsonValue main = seen.body("main");
    EXPECT_FALSE(main[QLatin1String("success")].toBool());
    EXPECT_EQ(main[QLatin1String("summary")][QLatin1String("success")].toArray(),
              QJsonArray{QStringLiteral("run-r1")});
    const QJsonValue r1 = main[QLatin1String("devices")][QLatin1String("run-r1")];
    EXPECT_EQ(r1[QLatin1String("path")].toArray(),
              (QJsonArray{QStringLiteral("wf-show"), QStringLiteral("wf-extract"),
                          QStringLiteral("wf-render")}))
        << r1;
    EXPECT_EQ(r1[QLatin1String("result")][QLatin1String("result")].toString(),
              QLatin1String("run-r1 runs 15.5(3)S5"))
        << r1;
    const QJsonValue dead = main[QLatin1String("devices")][QLatin1String("run-dead")];
    EXPECT_EQ(dead[QLatin1String("failed_step")].toString(), QLatin1String("wf-show")) << dead;
    EXPECT_EQ(dead[QLatin1String("path")].toArray(),
              (QJsonArray{QStringLiteral("wf-show"), QStringLiteral("wf-report")}));

    // Step by step on the devices that arrived: the same outcome for each device.
    const QJsonValue byStep = seen.body("by_step");
    EXPECT_EQ(byStep[QLatin1String("summary")][QLatin1String("success")].toArray(),
              (QJsonArray{QStringLiteral("run-r1"), QStringLiteral("run-r2")}))
        << byStep;
    EXPECT_EQ(byStep[QLatin1String("summary")][QLatin1String("failure")].toArray(),
              QJsonArray{QStringLiteral("run-dead")});

    // A workflow inside a workflow: its steps' results name the inner workflow.
    EXPECT_TRUE(seen.body("outer")[QLatin1String("success")].toBool()) << seen.body("outer");
    const QJsonArray results = seen.body("results").toArray();
    ASSERT_EQ(results.size(), 3) << seen.body("results");
    for (const QJsonValue result : results)
        EXPECT_EQ(result[QLatin1String("workflow_name")].toString(), QLatin1String("wf-main"));

    // Each step on its own targets: wf-show runs on run-r1, its own device.
    const QJsonValue own = seen.body("own");
    EXPECT_TRUE(own[QLatin1String("success")].toBool()) << own;
}

TEST_F(EnmsWorkflowsApiTest, ARunCanBeFollowedAsItGoesAsServerSentEvents)
{
    const EnmsScript seen = run(QStringLiteral(R"PY(
from urllib.parse import quote
call("POST", "/instance/service", admin, json=[
    {"name": "follow-show", "type": "command_service", "credentials": "lab",
     "commands": ["show version"], "number_of_retries": 1, "time_between_retries": 1}])
call("POST", "/instance/workflow", admin, json={"name": "follow-wf", "services": ["follow-show"], "edges": [
    {"subtype": "success", "source": "Start", "destination": "follow-show"},
    {"subtype": "success", "source": "follow-show", "destination": "End"}]})
started = call("POST", "/run_service", admin,
               json={"name": "follow-wf", "devices": ["run-r1", "run-dead"], "async": True})
path = base + "/api/runs/follow-wf/" + quote(started[1]["runtime"]) + "/events/"
def follow(auth_header):
    reply = requests.get(path, headers={"Authorization": auth_header}, stream=True, timeout=60)
    if reply.status_code != 200:
        return [reply.status_code, reply.headers.get("Content-Type"), []]
    events, kind = [], None
    for line in reply.iter_lines(decode_unicode=True):
        if line.startswith("event: "):
            kind = line[7:]
        elif line.startswith("data: "):
            events.append([kind, json.loads(line[6:])])
    return [reply.status_code, reply.headers.get("Content-Type"), events]
seen["live"] = follow("Token " + admin)
seen["again"] = follow("Token " + admin)
seen["alice"] = follow("Basic YWxpY2U6YWxpY2UtcGFzc3dvcmQ=")
print(json.dumps(seen))
)PY"));
    const QJsonArray live = seen.noted[QLatin1String("live")].toArray();
    ASSERT_EQ(live[0].toInt(), 200) << seen.noted;
    EXPECT_TRUE(live[1].toString().startsWith(QLatin1String("text/event-stream")));
    const QJsonArray events = live[2].toArray();
    ASSERT_FALSE(events.isEmpty());
    // A result for each device's step, progress, and the end last.
    QStringList results;
    for (const QJsonValue event : events) {
        if (event[0].toString() == u"result")
            results << event[1][QLatin1String("device")].toString() + u':' +
                           (event[1][QLatin1String("success")].toBool() ? u'+' : u'-');
    }
    results.sort();
    EXPECT_EQ(results, (QStringList{QStringLiteral("run-dead:-"), QStringLiteral("run-r1:+")}))
        << seen.noted;
    const QJsonValue end = events.last();
    EXPECT_EQ(end[0].toString(), QLatin1String("end"));
    EXPECT_EQ(end[1][QLatin1String("status")].toString(), QLatin1String("Completed"));
    EXPECT_FALSE(end[1][QLatin1String("success")].toBool());
    // Following it again after the end gives its events again, the end last.
    const QJsonArray again = seen.noted[QLatin1String("again")][2].toArray();
    ASSERT_FALSE(again.isEmpty());
    EXPECT_EQ(again.last()[0].toString(), QLatin1String("end"));
    // Someone who may not read the run may not follow it.
    EXPECT_EQ(seen.noted[QLatin1String("alice")][0].toInt(), 403) << seen.noted;
}
