#include "Transfers.h"

#include "CoreServices.h"
#include "MigrationCatalog.h"
#include "MigrationProject.h"
#include "TopologyExport.h"
#include "TopologyFiles.h"
#include "TopologyImport.h"
#include "auth/PassphraseKey.h"

#include <QFile>
#include <QFileInfo>
#include <memory>

namespace Cairn {

namespace {

// Each transfer holds or changes the whole database: superusers only, refused before a job; a
// read-only token only reads what there is.
Result<void> superuserOnly(const Identity &caller, const QString &what, bool writes = true)
{
    if (!caller.user.isSuperuser || (writes && caller.readOnly))
        return Error::forbidden(QStringLiteral("Only a superuser %1.").arg(what));
    return {};
}

// An upload being imported, removed with the last copy of the job's work: once the job has run,
// or was cancelled before it ran, or never started.
class UploadFile
{
public:
    explicit UploadFile(QString path)
        : m_path(std::move(path))
    {
    }
    ~UploadFile() { QFile::remove(m_path); }
    UploadFile(const UploadFile &) = delete;
    UploadFile &operator=(const UploadFile &) = delete;
    const QString &path() const { return m_path; }

private:
    QString m_path;
};

// Imports run one at a time, in the order asked: each holds the database's write lock from its
// first row to its commit, so a second one would only wait for it (unable to see a cancel).
const QString ImportLane = QStringLiteral("transfer-imports");

// What both directions of a migration check before a job (the caller, the project's name, an
// import's project being there, the types) and, all well, the job's params: {name,
// import_export_types}. Never the passphrase: only what describes the job is stored.
Result<QJsonObject> migrationParams(const QString &dataDir, const Identity &caller,
                                    const QString &what, const QString &name,
                                    const QStringList &types, bool importing)
{
    const Result<void> allowed = superuserOnly(caller, what);
    if (!allowed)
        return allowed.error();
    const MigrationProject projects(dataDir);
    const QString field = QStringLiteral("name");
    const Result<QString> folder =
        importing ? projects.existing(field, name) : projects.folder(field, name);
    if (!folder)
        return folder.error();
    const Result<QStringList> chosen =
        MigrationCatalog::chosen(types, QStringLiteral("import_export_types"));
    if (!chosen)
        return chosen.error();
    return QJsonObject{
        {field, name},
        {QStringLiteral("import_export_types"), QJsonArray::fromStringList(chosen.value())}};
}

} // namespace

Result<Job> Transfers::exportTopology(const Identity &caller, const QString &name)
{
    const Result<void> allowed = superuserOnly(caller, QStringLiteral("exports the topology"));
    if (!allowed)
        return allowed.error();
    const Result<QString> path =
        TopologyFiles(m_core.options().dataDir).exportPath(QStringLiteral("name"), name);
    if (!path)
        return path.error();
    const QString file = QFileInfo(path.value()).fileName();
    return m_core.jobs().submit(
        TopologyExportKind, {{QStringLiteral("name"), file}}, caller.user.id,
        [core = &m_core, caller, path = path.value(),
         file](JobContext &job) -> Result<QJsonObject> {
            const Result<TopologyExport::Written> written =
                TopologyExport(*core).write(caller, path, job.progress());
            if (!written)
                return written.error();
            return QJsonObject{
                {QStringLiteral("file"), QString(QStringLiteral("spreadsheets/") + file)},
                {QStringLiteral("download"),
                 QString(QStringLiteral("/api/topology/files/") + file + QLatin1Char('/'))},
                {QStringLiteral("devices"), written->devices},
                {QStringLiteral("links"), written->links}};
        });
}

Result<Job> Transfers::importTopology(const Identity &caller, const QString &upload,
                                      const QString &fileName, bool replace)
{
    const auto file = std::make_shared<const UploadFile>(upload);
    const Result<void> allowed = superuserOnly(caller, QStringLiteral("imports a topology"));
    if (!allowed)
        return allowed.error();
    return m_core.jobs().submitInLane(
        ImportLane, TopologyImportKind,
        {{QStringLiteral("file_name"), fileName}, {QStringLiteral("replace"), replace}},
        caller.user.id,
        [core = &m_core, caller, file, fileName, replace](JobContext &job) -> Result<QJsonObject> {
            const Result<TopologyImport::Report> report =
                TopologyImport(*core).run(caller, file->path(), fileName, replace, job.progress());
            if (!report)
                return report.error();
            return report->toJson();
        });
}

Result<Job> Transfers::exportMigration(const Identity &caller,
                                       const MigrationExport::Options &options)
{
    Result<QJsonObject> params = migrationParams(m_core.options().dataDir, caller,
                                                 QStringLiteral("exports a migration project"),
                                                 options.name, options.types, false);
    if (!params)
        return params.error();
    if (options.privateProperties) {
        const Result<void> acceptable =
            PassphraseKey::acceptable(options.passphrase, QStringLiteral("passphrase"));
        if (!acceptable)
            return acceptable.error();
    }
    params->insert(QStringLiteral("export_private_properties"), options.privateProperties);
    return m_core.jobs().submit(
        MigrationExportKind, params.value(), caller.user.id,
        [core = &m_core, caller, options](JobContext &job) -> Result<QJsonObject> {
            const Result<MigrationExport::Written> written =
                MigrationExport(*core).write(caller, options, job.progress());
            if (!written)
                return written.error();
            QJsonObject result = written->toJson();
            result.insert(QStringLiteral("folder"),
                          QString(QStringLiteral("migrations/") + options.name));
            return result;
        });
}

Result<Job> Transfers::importMigration(const Identity &caller,
                                       const MigrationImport::Options &options)
{
    Result<QJsonObject> params = migrationParams(m_core.options().dataDir, caller,
                                                 QStringLiteral("imports a migration project"),
                                                 options.name, options.types, true);
    if (!params)
        return params.error();
    params->insert(QStringLiteral("empty_database_before_import"), options.emptyFirst);
    return m_core.jobs().submitInLane(
        ImportLane, MigrationImportKind, params.value(), caller.user.id,
        [core = &m_core, caller, options](JobContext &job) -> Result<QJsonObject> {
            const Result<MigrationImport::Report> report =
                MigrationImport(*core).run(caller, options, job.progress());
            if (!report)
                return report.error();
            if (!report->problems.isEmpty())
                return Error::badRequest(report->alert(),
                                         {{QStringLiteral("failures"), report->failures()}});
            return QJsonObject{{QStringLiteral("counts"), report->counts}};
        });
}

Result<QJsonArray> Transfers::spreadsheets(const Identity &caller)
{
    const Result<void> allowed =
        superuserOnly(caller, QStringLiteral("lists the spreadsheets"), false);
    if (!allowed)
        return allowed.error();
    return TopologyFiles(m_core.options().dataDir).listed();
}

Result<QString> Transfers::spreadsheet(const Identity &caller, const QString &name)
{
    const Result<void> allowed =
        superuserOnly(caller, QStringLiteral("downloads a spreadsheet"), false);
    if (!allowed)
        return allowed.error();
    return TopologyFiles(m_core.options().dataDir).existing(QStringLiteral("name"), name);
}

Result<QJsonArray> Transfers::migrationProjects(const Identity &caller)
{
    const Result<void> allowed =
        superuserOnly(caller, QStringLiteral("lists the migration projects"), false);
    if (!allowed)
        return allowed.error();
    return MigrationProject(m_core.options().dataDir).listed();
}

} // namespace Cairn
