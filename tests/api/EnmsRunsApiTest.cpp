// eNMS's run_service and result polling as a script drives them (python3-requests), with the
// services doing real work: commands over SSH on emulated devices, TCP pings, a REST call.
#include "EnmsRunsFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>

using namespace Cairn::Test;

class EnmsRunsApiTest : public EnmsRunsFixture
{
};

TEST_F(EnmsRunsApiTest, RunServiceRunsCommandsOnDevicesSynchronouslyOrAsync)
{
    const EnmsScript seen = run(QStringLiteral(R"(
from urllib.parse import quote
seen["save"] = call("POST", "/instance/command_service", admin, json=[
    {"name": "show-version", "commands": ["show version"], "credentials": "lab",
     "devices": ["run-r1", "run-r2"], "content_match": "Cisco IOS"},
    {"name": "show-bogus", "commands": "show bogus", "credentials": "lab",
     "number_of_retries": 1, "time_between_retries": 0},
    {"name": "expects-absent", "commands": ["show version"], "credentials": "lab",
     "content_match": "Juniper", "negative_logic": True},
    {"name": "no-creds", "commands": ["show version"]},
    {"name": "off", "commands": ["show version"], "credentials": "lab", "disabled": True,
     "devices": ["run-r1"]}])
seen["sync"] = call("POST", "/run_service", admin, json={"name": "show-version"})
seen["async"] = call("POST", "/run_service", admin,
                     json={"name": "show-version", "devices": ["run-r1"], "async": True,
                           "aid": "1-2-3"})
runtime = seen["async"][1]["runtime"]
for _ in range(300):
    seen["polled"] = call("GET", "/result/show-version/" + quote(runtime), admin)
    if seen["polled"][1].get("status") != "Running":
        break
    time.sleep(0.1)
search = {"type": "result", "columns": ["result", "service_name", "device_name", "workflow_name"],
          "search_criteria": {"service_name": "show-version", "parent_runtime": runtime}}
seen["results"] = call("POST", "/search", admin, json=search)
seen["alice_results"] = call("POST", "/search", ("alice", "alice-password"), json=search)
seen["bogus"] = call("POST", "/run_service", admin, json={"name": "show-bogus", "devices": ["run-r1"]})
seen["negative"] = call("POST", "/run_service", admin,
                        json={"name": "expects-absent", "devices": ["run-r2"]})
seen["unknown_targets"] = call("POST", "/run_service", admin,
                               json={"name": "show-version", "devices": ["run-r1", "nowhere"],
                                     "pools": ["nopool"]})
seen["ignored"] = call("POST", "/run_service", admin,
                       json={"name": "show-version", "devices": ["run-r1", "nowhere"],
                             "ignore_invalid_targets": True})
seen["dead"] = call("POST", "/run_service", admin, json={"name": "show-version", "devices": ["run-dead"]})
seen["no_creds"] = call("POST", "/run_service", admin, json={"name": "no-creds", "devices": ["run-r1"]})
seen["no_targets"] = call("POST", "/run_service", admin, json={"name": "no-creds"})
seen["disabled"] = call("POST", "/run_service", admin, json={"name": "off"})
seen["unknown"] = call("POST", "/run_service", admin, json={"name": "nothing"})
seen["bad_async"] = call("POST", "/run_service", admin, json={"name": "show-version", "async": "yes"})
seen["bad_devices"] = call("POST", "/run_service", admin, json={"name": "show-version", "devices": "run-r1"})
seen["alice_run"] = call("POST", "/run_service", ("alice", "alice-password"), json={"name": "show-version"})
seen["alice_result"] = call("GET", "/result/show-version/" + quote(runtime), ("alice", "alice-password"))
seen["missing_result"] = call("GET", "/result/show-version/" + quote("2020-01-01 00:00:00.000000"), admin)
print(json.dumps(seen))
)"));
    ASSERT_EQ(seen.status("save"), 200);
    EXPECT_EQ(seen.body("save")[QLatin1String("failure")].toArray().size(), 0)
        << seen.noted[QLatin1String("save")].toString().toStdString();

    // Synchronous, on the service's own targets: eNMS's report, each device's output.
    ASSERT_EQ(seen.status("sync"), 200) << seen.body("sync");
    const QJsonValue sync = seen.body("sync");
    EXPECT_TRUE(sync[QLatin1String("success")].toBool()) << sync;
    EXPECT_EQ(sync[QLatin1String("trigger")].toString(), QLatin1String("REST"));
    EXPECT_EQ(sync[QLatin1String("summary")][QLatin1String("success")].toArray(),
              (QJsonArray{QStringLiteral("run-r1"), QStringLiteral("run-r2")}))
        << sync;
    EXPECT_EQ(sync[QLatin1String("errors")].toArray(), QJsonArray());
    EXPECT_TRUE(
        QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}$"))
            .match(sync[QLatin1String("runtime")].toString())
            .hasMatch())
        << sync;
    EXPECT_TRUE(QRegularExpression(QStringLiteral("^\\d+:\\d\\d:\\d\\d$"))
                    .match(sync[QLatin1String("duration")].toString())
                    .hasMatch());
    const QJsonValue r1 = sync[QLatin1String("devices")][QLatin1String("run-r1")];
    EXPECT_TRUE(
        r1[QLatin1String("result")].toString().contains(QLatin1String("Cisco IOS Software")))
        << r1;
    EXPECT_EQ(r1[QLatin1String("match")].toString(), QLatin1String("Cisco IOS"));
    EXPECT_EQ(r1[QLatin1String("device_target")].toString(), QLatin1String("run-r1"));

    // Async: the runtime at once, then Completed with the same report shape.
    ASSERT_EQ(seen.status("async"), 200);
    EXPECT_EQ(seen.body("async")[QLatin1String("errors")].toArray(), QJsonArray());
    EXPECT_EQ(seen.status("polled"), 200);
    EXPECT_EQ(seen.body("polled")[QLatin1String("status")].toString(), QLatin1String("Completed"));
    const QJsonValue polled = seen.body("polled")[QLatin1String("result")];
    EXPECT_EQ(polled[QLatin1String("runtime")], seen.body("async")[QLatin1String("runtime")]);
    EXPECT_EQ(polled[QLatin1String("summary")][QLatin1String("success")].toArray(),
              QJsonArray{QStringLiteral("run-r1")});

    // The seed's way to read one run's results: a search of type result.
    ASSERT_EQ(seen.status("results"), 200) << seen.body("results");
    const QJsonArray results = seen.body("results").toArray();
    ASSERT_EQ(results.size(), 1) << seen.body("results");
    EXPECT_EQ(results[0][QLatin1String("device_name")].toString(), QLatin1String("run-r1"));
    EXPECT_EQ(results[0][QLatin1String("workflow_name")].toString(), QString());
    EXPECT_TRUE(results[0][QLatin1String("result")][QLatin1String("result")].toString().contains(
        QLatin1String("Cisco IOS")));
    EXPECT_EQ(results[0].toObject().size(), 4);
    // Nobody else's outputs without the rights to run the service there.
    EXPECT_EQ(seen.body("alice_results").toArray(), QJsonArray());

    // A device-side error fails the device, after the retry asked for.
    const QJsonValue bogus = seen.body("bogus")[QLatin1String("devices")][QLatin1String("run-r1")];
    EXPECT_FALSE(seen.body("bogus")[QLatin1String("success")].toBool());
    EXPECT_EQ(bogus[QLatin1String("retries")].toInt(), 1) << bogus;
    EXPECT_TRUE(bogus[QLatin1String("result")].toString().contains(QLatin1String("Invalid input")));
    // Negative logic: not finding the text is the success.
    EXPECT_TRUE(seen.body("negative")[QLatin1String("success")].toBool()) << seen.body("negative");

    // Targets that name nothing are each named; asked to, the run goes on without them.
    EXPECT_EQ(seen.status("unknown_targets"), 400);
    EXPECT_EQ(seen.body("unknown_targets")[QLatin1String("errors")].toArray(),
              (QJsonArray{QStringLiteral("No device named nowhere."),
                          QStringLiteral("No pool named nopool.")}));
    EXPECT_EQ(seen.status("ignored"), 200);
    EXPECT_EQ(seen.body("ignored")[QLatin1String("summary")][QLatin1String("success")].toArray(),
              QJsonArray{QStringLiteral("run-r1")});

    // A device that does not answer, or no credentials: that device fails, the run ends.
    EXPECT_EQ(seen.status("dead"), 200);
    EXPECT_EQ(seen.body("dead")[QLatin1String("summary")][QLatin1String("failure")].toArray(),
              QJsonArray{QStringLiteral("run-dead")});
    const QJsonValue noCreds =
        seen.body("no_creds")[QLatin1String("devices")][QLatin1String("run-r1")];
    EXPECT_FALSE(noCreds[QLatin1String("success")].toBool());
    EXPECT_TRUE(
        noCreds[QLatin1String("error")].toString().contains(QLatin1String("credential sets")))
        << noCreds;

    EXPECT_EQ(seen.status("no_targets"), 400);
    EXPECT_EQ(seen.body("no_targets")[QLatin1String("errors")].toArray().size(), 1);
    EXPECT_EQ(seen.status("disabled"), 400);
    EXPECT_EQ(seen.body("disabled")[QLatin1String("alert")].toString(),
              QLatin1String("Error 400 - Service off is disabled."));
    EXPECT_EQ(seen.status("unknown"), 404);
    EXPECT_EQ(seen.body("unknown")[QLatin1String("alert")].toString(),
              QLatin1String("Error 404 - service nothing not found."));
    EXPECT_EQ(seen.status("bad_async"), 400);
    EXPECT_EQ(seen.status("bad_devices"), 400);
    EXPECT_TRUE(seen.body("bad_devices")[QLatin1String("fields")].toObject().contains(
        QLatin1String("devices")));
    // Running needs `run` on the service; a run's outputs are its creator's to read.
    EXPECT_EQ(seen.status("alice_run"), 403);
    EXPECT_EQ(seen.status("alice_result"), 403);
    EXPECT_EQ(seen.status("missing_result"), 404);
}

TEST_F(EnmsRunsApiTest, PingAndRestCallServicesRun)
{
    const EnmsScript seen = run(QStringLiteral(R"(
seen["save_ping"] = call("POST", "/instance/ping_service", admin,
                         json={"name": "reach", "ports": "PORT,DEAD", "timeout": 2})
seen["save_rest"] = call("POST", "/instance/rest_call_service", admin,
                         json={"name": "alive", "rest_url": base + "/rest/is_alive",
                               "run_method": "once", "expected_status": 200,
                               "content_match": "cluster_id"})
seen["save_missing"] = call("POST", "/instance/rest_call_service", admin,
                            json={"name": "missing", "rest_url": base + "/rest/instance/device/run-r1",
                                  "run_method": "once", "username": "admin",
                                  "password": "wrong"})
seen["save_keyed"] = call("POST", "/instance/rest_call_service", admin,
                          json={"name": "keyed", "rest_url": base + "/rest/is_alive",
                                "username": "u", "password": "p", "headers": {"X-Key": "k"}})
seen["moved"] = call("PUT", "/instance/rest_call_service", admin,
                     json={"name": "keyed", "rest_url": "http://203.0.113.9/steal"})
seen["moved_masked"] = call("PUT", "/instance/rest_call_service", admin,
                            json={"name": "keyed", "rest_url": "http://203.0.113.9/steal",
                                  "password": "q", "headers": {"X-Key": "********"}})
seen["moved_again"] = call("PUT", "/instance/rest_call_service", admin,
                           json={"name": "keyed", "rest_url": "http://203.0.113.9/steal",
                                 "password": "q", "headers": {"X-Key": "k2"}})
seen["same_host"] = call("PUT", "/instance/rest_call_service", admin,
                         json={"name": "keyed", "rest_url": "http://203.0.113.9/other"})
seen["ping"] = call("POST", "/run_service", admin,
                    json={"name": "reach", "devices": [], "ip_addresses": ["127.0.0.1"]})
seen["rest"] = call("POST", "/run_service", admin, json={"name": "alive"})
seen["missing"] = call("POST", "/run_service", admin, json={"name": "missing"})
print(json.dumps(seen))
)"));
    // Kept secrets never follow the URL to a new host; given again, they may.
    EXPECT_EQ(seen.body("moved")[QLatin1String("failure")].toArray().size(), 1)
        << seen.body("moved");
    EXPECT_EQ(seen.body("moved_masked")[QLatin1String("failure")].toArray().size(), 1);
    EXPECT_EQ(seen.body("moved_again")[QLatin1String("success")].toArray(),
              QJsonArray{QStringLiteral("keyed")});
    EXPECT_EQ(seen.body("same_host")[QLatin1String("success")].toArray(),
              QJsonArray{QStringLiteral("keyed")});

    ASSERT_EQ(seen.status("ping"), 200) << seen.body("ping");
    // Every device at that address, each with the port that answers and the one that does not.
    const QJsonValue ping = seen.body("ping");
    EXPECT_EQ(ping[QLatin1String("summary")][QLatin1String("failure")].toArray().size(), 3) << ping;
    const QJsonValue r1 = ping[QLatin1String("devices")][QLatin1String("run-r1")];
    EXPECT_TRUE(r1[QLatin1String("result")][QString::number(s_router->port())].toBool()) << r1;
    EXPECT_FALSE(r1[QLatin1String("result")][QString::number(s_deadPort)].toBool()) << r1;

    // Once, for no device: the answer of Cairn's own is_alive, validated.
    ASSERT_EQ(seen.status("rest"), 200) << seen.body("rest");
    const QJsonValue rest = seen.body("rest");
    EXPECT_TRUE(rest[QLatin1String("success")].toBool()) << rest;
    EXPECT_EQ(rest[QLatin1String("result")][QLatin1String("status_code")].toInt(), 200);
    EXPECT_TRUE(rest[QLatin1String("result")][QLatin1String("result")].toObject().contains(
        QLatin1String("cluster_id")))
        << rest;
    // A 401 is not the 2xx expected.
    EXPECT_FALSE(seen.body("missing")[QLatin1String("success")].toBool());
    EXPECT_EQ(seen.body("missing")[QLatin1String("result")][QLatin1String("status_code")].toInt(),
              401)
        << seen.body("missing");
}

TEST_F(EnmsRunsApiTest, BackupsFillTheDeviceAndCommitToGitOncePerRun)
{
    const QString repository = s_dir->path() + QStringLiteral("/automation/configurations");
    const auto commits = [&] {
        QProcess git;
        git.start(QStringLiteral("git"), {QStringLiteral("-C"), repository, QStringLiteral("log"),
                                          QStringLiteral("--format=%s")});
        git.waitForFinished();
        return QString::fromUtf8(git.readAllStandardOutput())
            .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    };
    const EnmsScript seen = run(QStringLiteral(R"(
seen["save"] = call("POST", "/instance/backup_service", admin,
                    json={"name": "backup", "commands": ["show running-config"],
                          "credentials": "lab", "devices": ["run-r1", "run-dead"]})
seen["first"] = call("POST", "/run_service", admin, json={"name": "backup"})
seen["config"] = call("GET", "/configuration/run-r1", admin)
seen["device"] = call("GET", "/instance/device/run-r1", admin)
seen["dead"] = call("GET", "/instance/device/run-dead", admin)
seen["same"] = call("POST", "/run_service", admin, json={"name": "backup"})
call("POST", "/instance/backup_service", admin,
     json={"name": "backup", "commands": ["show running-config", "show version"]})
seen["changed"] = call("POST", "/run_service", admin, json={"name": "backup"})
print(json.dumps(seen))
)"));
    ASSERT_EQ(seen.status("first"), 200) << seen.body("first");
    EXPECT_EQ(seen.body("first")[QLatin1String("summary")][QLatin1String("failure")].toArray(),
              QJsonArray{QStringLiteral("run-dead")});
    EXPECT_TRUE(seen.body("config").toString().startsWith(QLatin1String("hostname edge")))
        << seen.body("config");
    const QJsonValue device = seen.body("device");
    EXPECT_EQ(device[QLatin1String("last_configuration_status")].toString(),
              QLatin1String("Success"));
    EXPECT_EQ(device[QLatin1String("last_configuration_update")],
              seen.body("first")[QLatin1String("runtime")]);
    EXPECT_EQ(seen.body("dead")[QLatin1String("last_configuration_status")].toString(),
              QLatin1String("Failure"));
    EXPECT_EQ(seen.body("dead")[QLatin1String("last_configuration_update")].toString(), QString());
    // The same text again is no new commit; a changed one is.
    EXPECT_FALSE(seen.body("same").toObject().contains(QLatin1String("commit")));
    EXPECT_TRUE(seen.body("changed").toObject().contains(QLatin1String("commit")));
    EXPECT_EQ(commits().size(), 2) << commits().join(QLatin1Char('\n')).toStdString();
    QProcess diff;
    diff.start(QStringLiteral("git"), {QStringLiteral("-C"), repository, QStringLiteral("diff"),
                                       QStringLiteral("HEAD~1"), QStringLiteral("HEAD")});
    diff.waitForFinished();
    const QString changes = QString::fromUtf8(diff.readAllStandardOutput());
    EXPECT_TRUE(changes.contains(QLatin1String("Default/run-r1/configuration"))) << changes;
    EXPECT_TRUE(changes.contains(QLatin1String("+Cisco IOS Software"))) << changes;

    // A server with a new database and the history copied in gets the configurations back.
    QTemporaryDir freshDir;
    QProcess copy;
    copy.start(QStringLiteral("cp"),
               {QStringLiteral("-a"), s_dir->path() + QStringLiteral("/automation"),
                freshDir.path() + QStringLiteral("/automation")});
    ASSERT_TRUE(copy.waitForFinished());
    ServerProcess fresh(freshDir.path(), TestBackend::freshDatabaseUrl());
    const QByteArray token =
        fresh.addUserWithToken(QStringLiteral("root"), QStringLiteral("root-password"), true);
    ASSERT_TRUE(fresh.start()) << qPrintable(fresh.log());
    HttpClient freshClient(fresh.port());
    ASSERT_EQ(freshClient
                  .request("POST", "/rest/instance/device",
                           R"({"name": "run-r1", "ip_address": "127.0.0.1"})",
                           HttpClient::token(token))
                  .status,
              200);
    const HttpReply restored =
        freshClient.request("POST", "/rest/get_git_content", {}, HttpClient::token(token));
    EXPECT_EQ(restored.status, 200) << restored.body.constData();
    EXPECT_EQ(restored.json()[QLatin1String("restored")].toInt(), 1) << restored.body.constData();
    const HttpReply text =
        freshClient.request("GET", "/rest/configuration/run-r1", {}, HttpClient::token(token));
    EXPECT_TRUE(text.body.startsWith("hostname edge")) << text.body.constData();
    EXPECT_TRUE(text.body.contains("Cisco IOS Software")) << text.body.constData();
    EXPECT_EQ(fresh.stop(), 0);
}

TEST_F(EnmsRunsApiTest, TasksFireOnTheirScheduleAndRunTaskRunsOneNow)
{
    const EnmsScript seen = run(QStringLiteral(R"(
import datetime
call("POST", "/instance/rest_call_service", admin,
     json={"name": "tick", "rest_url": base + "/rest/is_alive", "run_method": "once"})
start = datetime.datetime.now().replace(microsecond=0) + datetime.timedelta(seconds=2)
seen["save"] = call("POST", "/instance/task", admin, json=[
    {"name": "every-2s", "service": "tick", "is_active": True, "frequency": 2,
     "frequency_unit": "seconds", "start_date": start.strftime("%d/%m/%Y %H:%M:%S")},
    {"name": "past", "service": "tick", "is_active": True, "start_date": "13/08/2019 10:16:50"},
    {"name": "nowhere", "service": "missing-service"},
    {"name": "manual", "service": "tick"}])
seen["task"] = call("GET", "/instance/task/every-2s", admin)
seen["expected_next"] = [0, start.strftime("%Y-%m-%d %H:%M:%S")]
# It fires at start, start + 2 s and start + 4 s; stopped before start + 6 s.
while datetime.datetime.now() < start + datetime.timedelta(seconds=5):
    time.sleep(0.1)
seen["stop"] = call("PUT", "/instance/task", admin, json={"name": "every-2s", "is_active": False})
time.sleep(1.5)
runs = nsot("GET", "/runs/", params={"service_name": "tick", "trigger": "Scheduler"})[1]
seen["runs"] = [0, runs["results"] if isinstance(runs, dict) else runs]
manual = call("GET", "/instance/task/manual", admin)[1]["id"]
seen["run_task"] = call("POST", "/run_task/%d" % manual, admin)
seen["run_task_missing"] = call("POST", "/run_task/999999", admin)
seen["after"] = call("GET", "/instance/task/every-2s", admin)
seen["alice_save"] = call("POST", "/instance/task", ("alice", "alice-password"),
                          json={"name": "alice-task", "service": "tick"})
print(json.dumps(seen))
)"));
    ASSERT_EQ(seen.status("save"), 200);
    EXPECT_EQ(seen.body("save")[QLatin1String("success")].toArray(),
              (QJsonArray{QStringLiteral("every-2s"), QStringLiteral("manual")}));
    const QJsonArray failure = seen.body("save")[QLatin1String("failure")].toArray();
    ASSERT_EQ(failure.size(), 2);
    EXPECT_EQ(failure[0][1].toString(), QLatin1String("start_date: Cannot schedule in the past."));
    EXPECT_EQ(failure[1][1].toString(),
              QLatin1String("service: No service named missing-service."));
    EXPECT_EQ(seen.body("task")[QLatin1String("next_run_time")], seen.body("expected_next"));
    EXPECT_EQ(seen.body("task")[QLatin1String("creator")].toString(), QLatin1String("admin"));

    // Three firings two seconds apart, each its own run.
    const QJsonArray runs = seen.body("runs").toArray();
    ASSERT_EQ(runs.size(), 3) << seen.body("runs");
    for (const QJsonValue run : runs)
        EXPECT_EQ(run[QLatin1String("status")].toString(), QLatin1String("Completed")) << run;
    const auto startOf = [&](int index) {
        return QDateTime::fromString(runs[index][QLatin1String("started_at")].toString(),
                                     Qt::ISODateWithMs);
    };
    EXPECT_NEAR(startOf(0).msecsTo(startOf(2)), 4000, 600);

    EXPECT_EQ(seen.status("run_task"), 200) << seen.body("run_task");
    EXPECT_FALSE(seen.body("run_task")[QLatin1String("runtime")].toString().isEmpty());
    EXPECT_EQ(seen.status("run_task_missing"), 404);
    EXPECT_FALSE(seen.body("after")[QLatin1String("is_active")].toBool());
    EXPECT_TRUE(seen.body("after")[QLatin1String("next_run_time")].isNull());
    EXPECT_EQ(seen.body("alice_save")[QLatin1String("failure")].toArray().size(), 1);
}

TEST_F(EnmsRunsApiTest, TemplatedFieldsRenderPerDeviceAndMissingKeysFailTheDevice)
{
    const EnmsScript seen = run(QStringLiteral(R"PY(
fsm = "Value INTERFACE (\\S+)\nValue ADDRESS (\\S+)\n\nStart\n  ^interface ${INTERFACE}\n  ^ ip address ${ADDRESS} -> Record\n"
seen["save"] = call("POST", "/instance/service", admin, json=[
    {"name": "tpl-show", "type": "command_service", "credentials": "lab",
     "commands": ['show {{ payload["rest_data"]["what"] }}'],
     "content_match": "{{ payload.rest_data.expect | default('Cisco') }}"},
    {"name": "tpl-render", "type": "template_service",
     "initial_payload": {"vlans": [10, 20]},
     "template": "hostname {{ device.name | upper }}\n{% for v in payload.vlans %}vlan {{ v }}\n{% endfor %}"},
    {"name": "tpl-backup", "type": "backup_service", "credentials": "lab",
     "commands": ["show running-config"], "commit_to_git": False},
    {"name": "tpl-hostname", "type": "data_extraction_service", "variable": "hostname",
     "query": "device.configuration", "match": "^hostname (\\S+)"},
    {"name": "tpl-addresses", "type": "data_extraction_service", "variable": "addresses",
     "query": "device.configuration", "match_type": "textfsm_dict", "match": fsm},
    {"name": "tpl-own", "type": "rest_call_service",
     "rest_url": base + "/rest/instance/device/{{ device.name }}",
     "username": "admin", "password": "admin-password", "expected_status": 200},
    {"name": "tpl-elsewhere", "type": "rest_call_service",
     "rest_url": "{{ payload.rest_data.url }}/rest/is_alive",
     "username": "admin", "password": "admin-password"}])
seen["bad_saves"] = call("POST", "/instance/service", admin, json=[
    {"name": "bad-template", "type": "template_service", "template": "a\n{% if x %}"},
    {"name": "bad-filter", "type": "command_service", "commands": ["show {{ x | uper }}"]},
    {"name": "bad-regex", "type": "data_extraction_service", "variable": "v",
     "query": "device.name", "match": "(unclosed"},
    {"name": "bad-fsm", "type": "data_extraction_service", "variable": "v",
     "query": "device.name", "match_type": "textfsm", "match": "Start\n  ^x -> Nowhere\n"},
    {"name": "bad-query", "type": "data_extraction_service", "variable": "v",
     "query": "1 }}{{ 2", "match": "x"}])
seen["show"] = call("POST", "/run_service", admin,
                    json={"name": "tpl-show", "devices": ["run-r1"], "what": "version"})
seen["missing"] = call("POST", "/run_service", admin, json={"name": "tpl-show", "devices": ["run-r1"]})
seen["render"] = call("POST", "/run_service", admin,
                      json={"name": "tpl-render", "devices": ["run-r1", "run-r2"]})
seen["backup"] = call("POST", "/run_service", admin, json={"name": "tpl-backup", "devices": ["run-r2"]})
seen["hostname"] = call("POST", "/run_service", admin, json={"name": "tpl-hostname", "devices": ["run-r2"]})
seen["addresses"] = call("POST", "/run_service", admin, json={"name": "tpl-addresses", "devices": ["run-r2"]})
seen["own"] = call("POST", "/run_service", admin, json={"name": "tpl-own", "devices": ["run-r1"]})
seen["moved_by_template"] = call("PUT", "/instance/rest_call_service", admin,
                                json={"name": "tpl-own",
                                      "rest_url": "http://{{ payload.h }}@127.0.0.1:1/x"})
seen["elsewhere"] = call("POST", "/run_service", admin,
                         json={"name": "tpl-elsewhere", "devices": ["run-r1"], "url": "http://203.0.113.9"})
print(json.dumps(seen))
)PY"));
    ASSERT_EQ(seen.status("save"), 200);
    EXPECT_EQ(seen.body("save")[QLatin1String("failure")].toArray().size(), 0) << seen.body("save");
    // Templates are checked when saved: each refusal names the field (and the line).
    const QJsonArray refused = seen.body("bad_saves")[QLatin1String("failure")].toArray();
    ASSERT_EQ(refused.size(), 5) << seen.body("bad_saves");
    const QString reasons = QString::fromUtf8(QJsonDocument(refused).toJson());
    EXPECT_TRUE(reasons.contains(QLatin1String("template: line 2: Unexpected end of template")))
        << reasons;
    EXPECT_TRUE(reasons.contains(QLatin1String("commands: line 1: No filter named 'uper'.")))
        << reasons;
    EXPECT_TRUE(reasons.contains(QLatin1String("match: Not a valid regular expression.")))
        << reasons;
    EXPECT_TRUE(reasons.contains(QLatin1String("query: ")));

    // rest_data feeds the command; the validation's text is a template too.
    const QJsonValue show = seen.body("show")[QLatin1String("devices")][QLatin1String("run-r1")];
    EXPECT_TRUE(show[QLatin1String("success")].toBool()) << show;
    EXPECT_EQ(show[QLatin1String("commands")].toArray(),
              QJsonArray{QStringLiteral("show version")});
    EXPECT_EQ(show[QLatin1String("match")].toString(), QLatin1String("Cisco"));
    // A key the run does not give fails the device with the key named, and no command is sent.
    const QJsonValue missing =
        seen.body("missing")[QLatin1String("devices")][QLatin1String("run-r1")];
    EXPECT_FALSE(missing[QLatin1String("success")].toBool());
    EXPECT_EQ(missing[QLatin1String("error")].toString(),
              QLatin1String("commands: line 1: 'payload[\"rest_data\"][\"what\"]' is undefined"))
        << missing;
    EXPECT_FALSE(missing.toObject().contains(QLatin1String("commands")));

    const QJsonValue render = seen.body("render")[QLatin1String("devices")];
    EXPECT_EQ(render[QLatin1String("run-r2")][QLatin1String("result")].toString(),
              QLatin1String("hostname RUN-R2\nvlan 10\nvlan 20\n"));

    // Data extraction over the backed-up configuration: a regex and a TextFSM template.
    EXPECT_TRUE(seen.body("backup")[QLatin1String("success")].toBool()) << seen.body("backup");
    EXPECT_EQ(
        seen.body(
            "hostname")[QLatin1String("devices")][QLatin1String("run-r2")][QLatin1String("result")],
        QJsonValue(QJsonObject{{QStringLiteral("hostname"), QJsonArray{QStringLiteral("edge")}}}))
        << seen.body("hostname");
    const QJsonArray addresses =
        seen.body("addresses")[QLatin1String("devices")][QLatin1String("run-r2")]
                              [QLatin1String("result")][QLatin1String("addresses")]
                                  .toArray();
    EXPECT_EQ(addresses, (QJsonArray{QJsonObject{
                             {QStringLiteral("INTERFACE"), QStringLiteral("GigabitEthernet0/0/0")},
                             {QStringLiteral("ADDRESS"), QStringLiteral("192.0.2.1")}}}))
        << seen.body("addresses");

    // The device's name in the URL: Cairn's own API answers with that device.
    const QJsonValue own = seen.body("own")[QLatin1String("devices")][QLatin1String("run-r1")];
    EXPECT_TRUE(own[QLatin1String("success")].toBool()) << own;
    EXPECT_EQ(own[QLatin1String("result")][QLatin1String("name")].toString(),
              QLatin1String("run-r1"));
    // A kept password does not follow a templated host either: the host's text changed.
    EXPECT_EQ(seen.body("moved_by_template")[QLatin1String("failure")].toArray().size(), 1)
        << seen.body("moved_by_template");
    // The password never goes to a host the caller named in the run's payload.
    const QJsonValue elsewhere =
        seen.body("elsewhere")[QLatin1String("devices")][QLatin1String("run-r1")];
    EXPECT_FALSE(elsewhere[QLatin1String("success")].toBool());
    EXPECT_TRUE(elsewhere[QLatin1String("error")].toString().contains(
        QLatin1String("not one from the run's payload")))
        << elsewhere;
}
