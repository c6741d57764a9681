#include "MigrationImport.h"

#include "CoreServices.h"
#include "MigrationCatalog.h"
#include "MigrationProject.h"
#include "YamlListReader.h"
#include "db/Transaction.h"

#include <QDir>
#include <QFileInfo>

namespace Cairn {

namespace {

QString fileOf(const QString &folder, const QString &type)
{
    return QDir(folder).filePath(type + QStringLiteral(".yaml"));
}

// The project's secrets, opened with the passphrase when it carries any.
Result<MigrationSecrets> secretsOf(const QJsonObject &metadata, const QString &passphrase)
{
    const QJsonValue parameters = metadata.value(QLatin1String("secrets"));
    if (parameters.isUndefined() || parameters.isNull())
        return MigrationSecrets();
    if (passphrase.isEmpty())
        return Error::invalidField(
            QStringLiteral("passphrase"),
            QStringLiteral("The project carries secrets: give the passphrase it was exported "
                           "with."));
    Result<PassphraseKey> key =
        PassphraseKey::open(passphrase, parameters.toObject(), QStringLiteral("passphrase"));
    if (!key)
        return key.error();
    return MigrationSecrets(std::move(key).value());
}

Result<QList<MigrationEntry>> entriesOf(const QString &path, const QString &file)
{
    QList<MigrationEntry> entries;
    const Result<void> read =
        YamlListReader::read(path, file, [&](const QJsonObject &object, int line) {
            entries.append({object, line});
            return Result<void>();
        });
    if (!read)
        return read.error();
    return entries;
}

} // namespace

QString MigrationImport::Report::alert() const
{
    return QStringLiteral("Nothing was imported: %1 object(s) were refused.").arg(problems.size());
}

QJsonArray MigrationImport::Report::failures() const
{
    QJsonArray failures;
    for (const MigrationProblem &problem : problems)
        failures.append(problem.toJson());
    return failures;
}

Result<MigrationImport::Report> MigrationImport::run(const Identity &caller, const Options &options,
                                                     const Progress &progress)
{
    if (!caller.user.isSuperuser || caller.readOnly)
        return Error::forbidden(QStringLiteral("Only a superuser imports a migration project."));
    const Result<QString> folder =
        MigrationProject(m_core.options().dataDir).existing(QStringLiteral("name"), options.name);
    if (!folder)
        return folder.error();
    const Result<QJsonObject> metadata = YamlListReader::readObject(
        QDir(folder.value()).filePath(MigrationProject::Metadata), MigrationProject::Metadata);
    if (!metadata)
        return metadata.error();
    if (metadata->value(QLatin1String("version")).toInt() > MigrationProject::FormatVersion)
        return Error::badRequest(QStringLiteral("The project was written by a later Cairn "
                                                "(format %1; this one reads up to %2).")
                                     .arg(metadata->value(QLatin1String("version")).toInt())
                                     .arg(MigrationProject::FormatVersion));
    const Result<QStringList> types =
        MigrationCatalog::chosen(options.types, QStringLiteral("import_export_types"));
    if (!types)
        return types.error();
    const Result<MigrationSecrets> secrets = secretsOf(metadata.value(), options.passphrase);
    if (!secrets)
        return secrets.error();
    // Every file read once before anything changes: one that does not parse stops the import
    // with every such file named.
    // Reading costs about a fifth of saving; saving is shared out by the objects of each type.
    const Progress reading = progress.part(0.0, 0.2);
    const Progress saving = progress.part(0.2, 1.0);
    QStringList present;
    QStringList unreadable;
    QHash<QString, qsizetype> objectsOf;
    for (qsizetype i = 0; i < types->size(); ++i) {
        const QString &type = types->at(i);
        const QString path = fileOf(folder.value(), type);
        if (!QFileInfo::exists(path))
            continue;
        qsizetype &objects = objectsOf[type];
        const Result<void> parsed = YamlListReader::read(path, type + QStringLiteral(".yaml"),
                                                         [&objects](const QJsonObject &, int) {
                                                             ++objects;
                                                             return Result<void>();
                                                         });
        if (!parsed)
            unreadable << parsed.error().message;
        present << type;
        reading.report(double(i + 1) / double(types->size()));
        if (progress.stopAsked())
            return Progress::stopped();
    }
    if (!unreadable.isEmpty())
        return Error::badRequest(unreadable.join(QLatin1Char(' ')));
    if (present.isEmpty())
        return Error::badRequest(
            QStringLiteral("The project has none of the files of the types asked for."));

    Report report;
    Transaction transaction(m_core.database());
    if (!transaction.begun())
        return transaction.begun().error();
    if (options.emptyFirst) {
        // Only the types the project holds: one it left out (credential sets without a
        // passphrase) keeps what is there.
        const Result<void> emptied = MigrationCatalog::empty(transaction.db(), present);
        if (!emptied)
            return emptied.error();
    }
    qsizetype allObjects = 0;
    for (const qsizetype objects : std::as_const(objectsOf))
        allObjects += objects;
    qsizetype objectsSaved = 0;
    for (const MigrationType &type : MigrationCatalog::types(m_core, caller)) {
        if (!present.contains(type.name))
            continue;
        if (progress.stopAsked())
            return Progress::stopped();
        const QString file = type.name + QStringLiteral(".yaml");
        const Result<QList<MigrationEntry>> entries =
            entriesOf(fileOf(folder.value(), type.name), file);
        if (!entries)
            return entries.error();
        for (int pass = 0; pass < type.passes && report.problems.isEmpty(); ++pass) {
            const Result<void> saved =
                type.save(entries.value(), pass, secrets.value(), report.problems);
            if (!saved)
                return saved.error();
        }
        if (!report.problems.isEmpty()) {
            // Nothing is imported: the transaction is rolled back as it goes.
            report.problems = report.problems.mid(0, MaxProblems);
            report.counts = {};
            return report;
        }
        report.counts.insert(type.name, entries->size());
        objectsSaved += entries->size();
        saving.report(double(objectsSaved) / double(qMax<qsizetype>(1, allObjects)));
    }
    // Past this, a stop is too late.
    if (!progress.claimFinish())
        return Progress::stopped();
    const Result<void> committed = transaction.commit();
    if (!committed)
        return committed.error();
    // The scheduler was told of the tasks while the transaction hid them: again, now.
    m_core.taskScheduler().wake();
    return report;
}

} // namespace Cairn
