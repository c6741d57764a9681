// eNMS's topology spreadsheet as users move it (python3-requests posting the file, and
// python3-openpyxl, an independent reader, opening what was exported): export, import into an
// emptied inventory, export again, and the bad files users send.
#include "EnmsScript.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Cairn::Test;

class EnmsTopologyApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite() { startServer(); }

    static EnmsScript run(const QString &script)
    {
        // The spreadsheets folder of the server's data directory, for openpyxl to read.
        return {runPython(
            EnmsScript::Prelude +
            QStringLiteral("folder = %1\n")
                .arg(QString::fromUtf8(
                    QJsonDocument(QJsonArray{s_dir->filePath(QStringLiteral("spreadsheets"))})
                        .toJson(QJsonDocument::Compact))) +
            QStringLiteral("folder = folder[0]\n") + script)};
    }
};

TEST_F(EnmsTopologyApiTest, AnExportReimportsIntoAnEmptyInventoryAndExportsTheSameSheets)
{
    const EnmsScript seen = run(QStringLiteral(R"PY(
import openpyxl, os
nsot("POST", "/sites/1/attributes/", json={"name": "rack", "resource_name": "Device", "site_id": 1})
call("POST", "/instance/device", admin, json=[
    {"name": "topo-r1", "ip_address": "192.0.2.1", "port": 830, "vendor": "Cisco",
     "latitude": 48.85, "longitude": 2.35, "rack": "=HYPERLINK(\"http://evil\")",
     "description": "+1 uplink"},
    {"name": "topo-r2", "model": "2960", "rack": "b7"}])
# Enough rows that the sheet comes out of the archive in several reads.
call("POST", "/instance/device", admin, json=[{"name": "topo-x%03d" % i, "vendor": "Arista",
                                               "description": "row %d of many" % i}
                                              for i in range(300)])
call("POST", "/instance/link", admin, json=[{"name": "topo-l1", "source_name": "topo-r1",
                                             "destination_name": "topo-r2", "color": "#ff0000"}])
seen["export"] = call("POST", "/topology/export", admin, json={"name": "first"})

def sheets(name):
    book = openpyxl.load_workbook(os.path.join(folder, name))
    return {sheet.title: {"rows": [[[c.value, c.data_type, c.number_format] for c in row]
                                   for row in sheet.iter_rows()],
                          "frozen": sheet.freeze_panes, "filter": sheet.auto_filter.ref}
            for sheet in book}
first = sheets("first.xlsx")
seen["first"] = [200, first]
with open(os.path.join(folder, "first.xlsx"), "rb") as f:
    seen["import"] = call("POST", "/topology/import", admin, files={"file": f},
                          data={"replace": "True"})
seen["again"] = call("POST", "/topology/export", admin, json={"export_filename": "again.xlsx"})
seen["same"] = [200, sheets("again.xlsx") == first]
seen["escape"] = call("POST", "/topology/export", admin, json={"name": "../outside"})
seen["alice"] = call("POST", "/topology/import", ("alice", "alice-password"),
                     files={"file": open(os.path.join(folder, "first.xlsx"), "rb")},
                     data={"replace": "true"})
seen["after_alice"] = call("GET", "/instance/device/topo-r1", admin)
print(json.dumps(seen))
)PY"));
    ASSERT_EQ(seen.status("export"), 200) << seen.body("export");
    EXPECT_EQ(seen.body("export")[QLatin1String("devices")].toInt(), 302);
    const QJsonObject first = seen.body("first").toObject();
    const QJsonArray devices = first[QLatin1String("device")][QLatin1String("rows")].toArray();
    ASSERT_EQ(devices.size(), 303) << QJsonDocument(first).toJson().constData();
    const QJsonArray header = devices.at(0).toArray();
    // Property names in row 1, frozen, with a filter over the rows.
    EXPECT_EQ(header.at(0)[0].toString(), QStringLiteral("name"));
    EXPECT_EQ(first[QLatin1String("device")][QLatin1String("frozen")].toString(),
              QStringLiteral("A2"));
    EXPECT_TRUE(first[QLatin1String("device")][QLatin1String("filter")].toString().startsWith(
        QLatin1String("A1:")));
    const auto cellOf = [&](int row, const char *column) {
        for (qsizetype i = 0; i < header.size(); ++i) {
            if (header.at(i)[0].toString() == QLatin1String(column))
                return devices.at(row)[i].toArray();
        }
        return QJsonArray();
    };
    // Numbers are numbers, text is text, and text a spreadsheet would take for a formula stays
    // text in a cell formatted as text.
    EXPECT_EQ(cellOf(1, "port"), (QJsonArray{830, QStringLiteral("n"), QStringLiteral("General")}));
    EXPECT_EQ(cellOf(1, "latitude")[0].toDouble(), 48.85);
    EXPECT_EQ(cellOf(2, "model"),
              (QJsonArray{QStringLiteral("2960"), QStringLiteral("s"), QStringLiteral("General")}));
    EXPECT_EQ(cellOf(1, "rack"), (QJsonArray{QStringLiteral("=HYPERLINK(\"http://evil\")"),
                                             QStringLiteral("s"), QStringLiteral("@")}));
    EXPECT_EQ(cellOf(1, "description")[2].toString(), QStringLiteral("@"));
    EXPECT_EQ(first[QLatin1String("link")][QLatin1String("rows")][1][2][0].toString(),
              QStringLiteral("topo-r2"));

    ASSERT_EQ(seen.status("import"), 200) << seen.body("import");
    EXPECT_EQ(seen.body("import")[QLatin1String("devices")].toInt(), 302) << seen.body("import");
    EXPECT_EQ(seen.body("import")[QLatin1String("links")].toInt(), 1);
    EXPECT_TRUE(seen.body("import")[QLatin1String("failures")].toArray().isEmpty());
    EXPECT_EQ(seen.status("again"), 200) << seen.body("again");
    EXPECT_TRUE(seen.body("same").toBool()) << "the second export differs from the first";
    EXPECT_EQ(seen.status("escape"), 400) << seen.body("escape");

    // alice may not delete the inventory: the import is refused and nothing is gone.
    EXPECT_EQ(seen.status("alice"), 403) << seen.body("alice");
    EXPECT_EQ(seen.status("after_alice"), 200);
}

TEST_F(EnmsTopologyApiTest, RowsThatCannotBeSavedAreReportedAndBadFilesAreRefused)
{
    const EnmsScript seen =
        run(QStringLiteral(R"PY(
call("POST", "/instance/device", admin, json=[{"name": "csv-a"}, {"name": "csv-b"}])
# Semicolons, a BOM, mixed line endings, a quoted field with the separator and a line break in it.
links = ("\ufeffname;source_name;destination_name;description\r\n"
         "csv-l1;csv-a;csv-b;\"core; north\nside\"\n"
         "csv-l2;csv-a;nowhere;x\r"
         "csv-l3;csv-b;csv-a;y\r\n")
seen["links"] = call("POST", "/topology/import", admin,
                     files={"file": ("links.csv", links.encode())})
seen["l1"] = call("GET", "/instance/link/csv-l1", admin)
seen["l2"] = call("GET", "/instance/link/csv-l2", admin)
devices = "name,port\ncsv-c,22\n,23\ncsv-d,not-a-port\n"
seen["devices"] = call("POST", "/topology/import", admin,
                       files={"file": ("inventory.csv", devices.encode())})
seen["truncated"] = call("POST", "/topology/import", admin,
                         files={"file": ("t.xlsx", b"PK\x03\x04\x14\x00\x00\x00")})
seen["no_file"] = call("POST", "/topology/import", admin, data={"replace": "False"})
seen["json"] = call("POST", "/topology/import", admin, json={"replace": True})
seen["bad_replace"] = call("POST", "/topology/import", admin,
                           files={"file": ("x.csv", b"name\nz\n")}, data={"replace": "maybe"})
seen["not_utf8"] = call("POST", "/topology/import", admin,
                        files={"file": ("x.csv", b"name\n\xff\xfe\xfa\n")})
# A zip bomb: a small file whose shared strings inflate past what is read of them.
import io, zipfile
bomb = io.BytesIO()
with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="r1" '
               'Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<workbook xmlns:r="r"><sheets><sheet name="device" '
               'r:id="r1"/></sheets></workbook>')
    z.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>")
    z.writestr("xl/sharedStrings.xml", "<sst><si><t>" + "0" * (80 << 20) + "</t></si></sst>")
seen["bomb_size"] = [200, len(bomb.getvalue())]
seen["bomb"] = call("POST", "/topology/import", admin, files={"file": ("b.xlsx", bomb.getvalue())})
seen["alice_export"] = call("POST", "/topology/export", ("alice", "alice-password"),
                            json={"name": "alice"})
# An .xls on which FreeXL reads past its buffers (found by tests/fuzz): refused, and the server
# (which never runs FreeXL itself) goes on answering.
with open("@CRAFTED_XLS@", "rb") as f:
    seen["crafted_xls"] = call("POST", "/topology/import", admin, files={"file": ("c.xls", f)})
seen["after_crafted_xls"] = call("GET", "/instance/device/csv-a", admin)
print(json.dumps(seen))
)PY")
                .replace(QStringLiteral("@CRAFTED_XLS@"),
                         QStringLiteral(CAIRN_SOURCE_DIR "/tests/fuzz/regressions/"
                                                         "Sheet/freexl-stack-overread.xls")));
    ASSERT_EQ(seen.status("links"), 200) << seen.body("links");
    EXPECT_EQ(seen.body("links")[QLatin1String("links")].toInt(), 2) << seen.body("links");
    const QJsonArray failures = seen.body("links")[QLatin1String("failures")].toArray();
    ASSERT_EQ(failures.size(), 1) << seen.body("links");
    EXPECT_EQ(failures.at(0)[QLatin1String("row")].toInt(), 3);
    EXPECT_EQ(failures.at(0)[QLatin1String("name")].toString(), QStringLiteral("csv-l2"));
    EXPECT_TRUE(
        failures.at(0)[QLatin1String("error")].toString().contains(QLatin1String("nowhere")));
    EXPECT_EQ(seen.body("l1")[QLatin1String("description")].toString(),
              QStringLiteral("core; north\nside"));
    EXPECT_EQ(seen.status("l2"), 404);

    ASSERT_EQ(seen.status("devices"), 200) << seen.body("devices");
    EXPECT_EQ(seen.body("devices")[QLatin1String("devices")].toInt(), 1) << seen.body("devices");
    EXPECT_EQ(seen.body("devices")[QLatin1String("failures")].toArray().size(), 2)
        << seen.body("devices");
    EXPECT_LT(seen.body("bomb_size").toInt(), 1 << 20);
    for (const char *refused :
         {"truncated", "no_file", "json", "bad_replace", "not_utf8", "bomb", "crafted_xls"})
        EXPECT_EQ(seen.status(refused), 400) << refused << " " << seen.body(refused);
    EXPECT_TRUE(seen.body("crafted_xls")[QLatin1String("alert")].toString().contains(
        QLatin1String("damaged")))
        << seen.body("crafted_xls");
    EXPECT_EQ(seen.status("after_crafted_xls"), 200);
    // An export writes a file on the server holding every device: superusers only.
    EXPECT_EQ(seen.status("alice_export"), 403) << seen.body("alice_export");
}

TEST_F(EnmsTopologyApiTest, SpreadsheetsLibreOfficeSavedFromCsvImport)
{
    const EnmsScript seen = run(QStringLiteral(R"PY(
import os, subprocess, tempfile
work = tempfile.mkdtemp()
csv = os.path.join(work, "lo-devices.csv")
with open(csv, "w") as f:
    f.write("name,vendor,port,model,latitude\nlo-r1,Cisco,22,2960,48.5\nlo-r2,Arista,830,7050,\n")
for kind in ("xlsx", "xls"):
    # LibreOffice types the numbers as numbers, a model such as 2960 too.
    subprocess.run(["libreoffice", "-env:UserInstallation=file://" + work + "/profile", "--headless",
                    "--infilter=CSV:44,34,76,1", "--convert-to", kind, "--outdir", work, csv],
                   check=True, capture_output=True, timeout=120)
    with open(os.path.join(work, "lo-devices." + kind), "rb") as f:
        seen[kind] = call("POST", "/topology/import", admin, files={"file": ("lo." + kind, f)})
    seen[kind + "_r1"] = call("GET", "/instance/device/lo-r1", admin)
    seen[kind + "_r2"] = call("GET", "/instance/device/lo-r2", admin)
    call("DELETE", "/instance/device/lo-r1", admin)
    call("DELETE", "/instance/device/lo-r2", admin)
print(json.dumps(seen))
)PY"));
    for (const char *kind : {"xlsx", "xls"}) {
        const QByteArray key(kind);
        ASSERT_EQ(seen.status(kind), 200) << kind << " " << seen.body(kind);
        EXPECT_EQ(seen.body(kind)[QLatin1String("devices")].toInt(), 2) << seen.body(kind);
        const QJsonValue r1 = seen.body(QByteArray(key + "_r1").constData());
        EXPECT_EQ(r1[QLatin1String("vendor")].toString(), QStringLiteral("Cisco")) << kind;
        EXPECT_EQ(r1[QLatin1String("port")].toInt(), 22) << kind;
        EXPECT_EQ(r1[QLatin1String("model")].toString(), QStringLiteral("2960")) << kind;
        EXPECT_EQ(r1[QLatin1String("latitude")].toDouble(), 48.5) << kind;
        EXPECT_EQ(seen.body(QByteArray(key + "_r2").constData())[QLatin1String("port")].toInt(),
                  830)
            << kind;
    }
}
