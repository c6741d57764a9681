// Topology spreadsheets and migration projects through the native API, as jobs: a python3-requests
// script (what administrators' scripts use) starts each, follows its progress at /api/jobs/{id}/
// and downloads what it wrote, which python3-openpyxl reads back. A cancelled import changes
// nothing; what a job cannot do is refused before one starts.
#include "EnmsScript.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Cairn::Test;

class TransferJobsApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite() { startServer(); }

    static EnmsScript run(const QString &script)
    {
        return {runPython(EnmsScript::Prelude + QStringLiteral(R"PY(
import csv, io, openpyxl
def native(method, path, auth=admin, **kwargs):
    reply = requests.request(method, base + path, timeout=60,
                             headers={"Authorization": "Token " + auth}, **kwargs)
    return reply
def follow(answer):
    """Polls the job an answer started until it ends; notes every progress figure seen."""
    url, figures = answer.json()["url"], []
    while True:
        job = native("GET", url).json()
        figures.append(job["progress"])
        if job["state"] not in ("queued", "running"):
            return job, figures
        time.sleep(0.01)
def devices_csv(prefix, count):
    text = io.StringIO()
    rows = csv.writer(text)
    rows.writerow(["name", "ip_address", "vendor"])
    for i in range(count):
        rows.writerow([f"{prefix}-{i:06d}", f"10.{i // 65536}.{i // 256 % 256}.{i % 256}", "Arista"])
    return text.getvalue().encode()
def device_count():
    return native("GET", "/api/devices/?limit=1").json()["count"]
)PY") + script)};
    }
};

TEST_F(TransferJobsApiTest, ASpreadsheetImportAndExportRunAsJobsWithProgressAndADownload)
{
    const EnmsScript script = run(QStringLiteral(R"PY(
answer = native("POST", "/api/topology/import/",
                files={"file": ("devices.csv", devices_csv("job", 20000), "text/csv")})
seen["started"] = [answer.status_code, {"location": answer.headers.get("Location"),
                                        "kind": answer.json()["kind"]}]
job, figures = follow(answer)
seen["imported"] = [job["state"], {"devices": job["result"]["devices"],
                                   "failed": job["result"]["failed"], "params": job["params"],
                                   "between": [f for f in figures if 0 < f < 100]}]
seen["count"] = [device_count(), None]

job, figures = follow(native("POST", "/api/topology/export/", json={"name": "jobs"}))
seen["exported"] = [job["state"], job["result"]]
listed = native("GET", "/api/topology/files/").json()
seen["listed"] = [200, [f["name"] for f in listed]]
download = native("GET", job["result"]["download"])
book = openpyxl.load_workbook(io.BytesIO(download.content), read_only=True)
names = [row[0] for row in book["device"].iter_rows(min_row=2, values_only=True)]
seen["download"] = [download.status_code, {
    "disposition": download.headers.get("Content-Disposition"),
    "rows": len(names), "first": names[0], "last": names[-1]}]
print(json.dumps(seen))
)PY"));
    EXPECT_EQ(script.status("started"), 202) << script.noted;
    EXPECT_EQ(script.body("started")[QLatin1String("kind")], QStringLiteral("topology_import"));
    EXPECT_TRUE(script.body("started")[QLatin1String("location")].toString().startsWith(
        QStringLiteral("/api/jobs/")));
    EXPECT_EQ(script.noted[QLatin1String("imported")][0], QStringLiteral("succeeded"))
        << script.noted;
    const QJsonValue imported = script.body("imported");
    EXPECT_EQ(imported[QLatin1String("devices")].toInt(), 20000);
    EXPECT_EQ(imported[QLatin1String("failed")].toInt(), 0);
    EXPECT_EQ(imported[QLatin1String("params")][QLatin1String("file_name")],
              QStringLiteral("devices.csv"));
    // The job was seen part-way: a figure between 0 and 100.
    EXPECT_FALSE(imported[QLatin1String("between")].toArray().isEmpty()) << script.noted;
    EXPECT_EQ(script.status("count"), 20000);
    EXPECT_EQ(script.noted[QLatin1String("exported")][0], QStringLiteral("succeeded"))
        << script.noted;
    EXPECT_EQ(script.body("exported")[QLatin1String("devices")].toInt(), 20000);
    EXPECT_EQ(script.body("listed").toArray(), QJsonArray{QStringLiteral("jobs.xlsx")});
    EXPECT_EQ(script.status("download"), 200);
    const QJsonValue download = script.body("download");
    EXPECT_EQ(download[QLatin1String("disposition")],
              QStringLiteral("attachment; filename=\"jobs.xlsx\""));
    EXPECT_EQ(download[QLatin1String("rows")].toInt(), 20000);
    EXPECT_EQ(download[QLatin1String("first")], QStringLiteral("job-000000"));
    EXPECT_EQ(download[QLatin1String("last")], QStringLiteral("job-019999"));
    // The uploads are gone once their jobs ended.
    EXPECT_TRUE(QDir(s_dir->filePath(QStringLiteral("spreadsheets")))
                    .entryList({QStringLiteral(".upload-*")}, QDir::Files | QDir::Hidden)
                    .isEmpty());
}

TEST_F(TransferJobsApiTest, ACancelledImportChangesNothing)
{
    const EnmsScript script = run(QStringLiteral(R"PY(
before = device_count()
answer = native("POST", "/api/topology/import/", data={"replace": "true"},
                files={"file": ("devices.csv", devices_csv("gone", 60000), "text/csv")})
url = answer.json()["url"]
while native("GET", url).json()["progress"] == 0:
    time.sleep(0.005)
cancel = native("POST", url + "cancel/")
job, _ = follow(answer)
seen["cancelled"] = [cancel.status_code, {"state": job["state"], "error": job["error"]}]
seen["count"] = [device_count(), before]
seen["gone"] = [native("GET", "/api/devices/?hostname=gone-000001").status_code, None]
print(json.dumps(seen))
)PY"));
    EXPECT_EQ(script.status("cancelled"), 202) << script.noted;
    EXPECT_EQ(script.body("cancelled")[QLatin1String("state")], QStringLiteral("cancelled"))
        << script.noted;
    // Replace deleted nothing, and no row was kept.
    EXPECT_EQ(script.status("count"), script.body("count").toInt());
    EXPECT_TRUE(QDir(s_dir->filePath(QStringLiteral("spreadsheets")))
                    .entryList({QStringLiteral(".upload-*")}, QDir::Files | QDir::Hidden)
                    .isEmpty());
}

TEST_F(TransferJobsApiTest, MigrationProjectsExportAndImportAsJobsWithoutStoringThePassphrase)
{
    const EnmsScript script = run(QStringLiteral(R"PY(
call("POST", "/instance/device", admin, json=[{"name": "mj-r1", "ip_address": "192.0.2.10"}])
job, _ = follow(native("POST", "/api/migrations/export/",
                       json={"name": "mj", "export_private_properties": True,
                             "passphrase": "a long passphrase 1"}))
seen["exported"] = [job["state"], {"result": job["result"], "params": job["params"]}]
seen["listed"] = [200, native("GET", "/api/migrations/").json()]
job, _ = follow(native("POST", "/api/migrations/import/",
                       json={"name": "mj", "import_export_types": ["device"],
                             "passphrase": "a long passphrase 1"}))
seen["imported"] = [job["state"], job["result"]]
job, _ = follow(native("POST", "/api/migrations/import/",
                       json={"name": "mj", "passphrase": "the wrong passphrase"}))
seen["wrong"] = [job["state"], {"error": job["error"], "fields": job["result"]["error_fields"]}]
missing = native("POST", "/api/migrations/import/", json={"name": "nothing-here"})
seen["missing"] = [missing.status_code, missing.json()]
types = native("POST", "/api/migrations/export/", json={"name": "x", "import_export_types": ["y"]})
seen["types"] = [types.status_code, types.json()]
print(json.dumps(seen))
)PY"));
    EXPECT_EQ(script.noted[QLatin1String("exported")][0], QStringLiteral("succeeded"))
        << script.noted;
    const QJsonValue exported = script.body("exported");
    EXPECT_EQ(exported[QLatin1String("result")][QLatin1String("folder")],
              QStringLiteral("migrations/mj"));
    EXPECT_GE(
        exported[QLatin1String("result")][QLatin1String("counts")][QLatin1String("device")].toInt(),
        1);
    EXPECT_FALSE(
        exported[QLatin1String("params")].toObject().contains(QLatin1String("passphrase")));
    EXPECT_FALSE(QJsonDocument(script.noted).toJson().contains("a long passphrase"));
    const QJsonArray listed = script.body("listed").toArray();
    ASSERT_EQ(listed.size(), 1) << script.noted;
    EXPECT_EQ(listed[0][QLatin1String("name")], QStringLiteral("mj"));
    EXPECT_EQ(listed[0][QLatin1String("secrets")], true);
    EXPECT_EQ(script.noted[QLatin1String("imported")][0], QStringLiteral("succeeded"))
        << script.noted;
    EXPECT_EQ(script.noted[QLatin1String("wrong")][0], QStringLiteral("failed")) << script.noted;
    EXPECT_TRUE(script.body("wrong")[QLatin1String("fields")].toObject().contains(
        QLatin1String("passphrase")))
        << script.noted;
    EXPECT_EQ(script.status("missing"), 404);
    EXPECT_EQ(script.status("types"), 400);
    EXPECT_TRUE(
        script.body("types")[QLatin1String("error")][QLatin1String("message")].toObject().contains(
            QLatin1String("import_export_types")))
        << script.noted;
}

TEST_F(TransferJobsApiTest, OnlyASuperuserMovesTheWholeNetworkAndNoNameLeavesTheFolder)
{
    // A link planted in the folder is neither listed nor served.
    const QString secret = s_dir->filePath(QStringLiteral("outside.txt"));
    QFile outside(secret);
    ASSERT_TRUE(outside.open(QIODevice::WriteOnly) && outside.write("not for download") > 0);
    outside.close();
    QDir().mkpath(s_dir->filePath(QStringLiteral("spreadsheets")));
    ASSERT_TRUE(QFile::link(secret, s_dir->filePath(QStringLiteral("spreadsheets/planted.xlsx"))));
    const EnmsScript script = run(QStringLiteral(R"PY(
for key, method, path, kwargs in [
        ("export", "POST", "/api/topology/export/", {"json": {"name": "a"}}),
        ("import", "POST", "/api/topology/import/", {"files": {"file": ("a.csv", b"name\nx\n")}}),
        ("files", "GET", "/api/topology/files/", {}),
        ("projects", "GET", "/api/migrations/", {}),
        ("migrate", "POST", "/api/migrations/export/", {"json": {"name": "a"}})]:
    seen[key] = [native(method, path, auth=alice, **kwargs).status_code, None]
seen["anonymous"] = [requests.get(base + "/api/topology/files/").status_code, None]
seen["escape"] = [native("GET", "/api/topology/files/..%2F..%2Fcairn.db/").status_code, None]
seen["absent"] = [native("GET", "/api/topology/files/absent.xlsx/").status_code, None]
seen["noname"] = [native("POST", "/api/topology/export/", json={"name": "../x"}).status_code, None]
seen["jobs"] = [len(native("GET", "/api/jobs/", auth=alice).json()), None]
planted = native("GET", "/api/topology/files/planted.xlsx/")
seen["planted"] = [planted.status_code, planted.text]
seen["listing"] = [200, [f["name"] for f in native("GET", "/api/topology/files/").json()]]
short = native("POST", "/api/migrations/export/",
               json={"name": "x", "export_private_properties": True, "passphrase": "short"})
seen["short"] = [short.status_code, short.json()]
print(json.dumps(seen))
)PY"));
    for (const char *key : {"export", "import", "files", "projects", "migrate"})
        EXPECT_EQ(script.status(key), 403) << key;
    EXPECT_EQ(script.status("anonymous"), 401);
    EXPECT_EQ(script.status("escape"), 400);
    EXPECT_EQ(script.status("absent"), 404);
    EXPECT_EQ(script.status("noname"), 400);
    // Nothing was started for alice.
    EXPECT_EQ(script.status("jobs"), 0);
    EXPECT_EQ(script.status("planted"), 404);
    EXPECT_FALSE(script.body("planted").toString().contains(QStringLiteral("not for download")));
    EXPECT_FALSE(script.body("listing").toArray().contains(QStringLiteral("planted.xlsx")));
    // A passphrase too short is refused at once, not by a job that fails later.
    EXPECT_EQ(script.status("short"), 400);
    EXPECT_TRUE(
        script.body("short")[QLatin1String("error")][QLatin1String("message")].toObject().contains(
            QLatin1String("passphrase")))
        << script.noted;
    // Her upload did not stay behind either.
    EXPECT_TRUE(QDir(s_dir->filePath(QStringLiteral("spreadsheets")))
                    .entryList({QStringLiteral(".upload-*")}, QDir::Files | QDir::Hidden)
                    .isEmpty());
}
