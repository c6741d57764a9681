#include "MigrationExport.h"

#include "CoreServices.h"
#include "MigrationCatalog.h"
#include "MigrationProject.h"
#include "YamlListWriter.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>

namespace Cairn {

QJsonObject MigrationExport::Written::toJson() const
{
    return {{QStringLiteral("counts"), counts},
            {QStringLiteral("left_out"), QJsonArray::fromStringList(leftOut)}};
}

Result<MigrationExport::Written>
MigrationExport::write(const Identity &caller, const Options &options, const Progress &progress)
{
    if (!caller.user.isSuperuser || caller.readOnly)
        return Error::forbidden(QStringLiteral("Only a superuser exports a migration project."));
    const MigrationProject projects(m_core.options().dataDir);
    const Result<QString> target = projects.folder(QStringLiteral("name"), options.name);
    if (!target)
        return target.error();
    Result<QStringList> types =
        MigrationCatalog::chosen(options.types, QStringLiteral("import_export_types"));
    if (!types)
        return types.error();
    MigrationSecrets secrets;
    if (options.privateProperties) {
        Result<PassphraseKey> key =
            PassphraseKey::create(options.passphrase, QStringLiteral("passphrase"));
        if (!key)
            return key.error();
        secrets = MigrationSecrets(std::move(key).value());
    }
    Written written;
    if (!secrets.carried() && types->removeAll(QStringLiteral("credential")) > 0)
        written.leftOut << QStringLiteral("credential: its secrets go only with "
                                          "export_private_properties and a passphrase.");
    if (!secrets.carried() && types->contains(QStringLiteral("user")))
        written.leftOut << QStringLiteral("user: passwords, emails and superuser status go only "
                                          "with export_private_properties and a passphrase; "
                                          "imported without, a new user has none of them.");
    if (!secrets.carried() && types->contains(QStringLiteral("protocol")))
        written.leftOut << QStringLiteral("protocol: each auth_string goes only with "
                                          "export_private_properties and a passphrase; imported "
                                          "without, a protocol keeps the one it has.");
    const Result<QString> scratch = projects.scratch(options.name);
    if (!scratch)
        return scratch.error();
    const auto discard = [&](const Error &error) {
        QDir(scratch.value()).removeRecursively();
        return error;
    };
    // Each type an equal share: how many objects it has is known once it is read.
    qsizetype typesWritten = 0;
    for (const MigrationType &type : MigrationCatalog::types(m_core, caller)) {
        if (!types->contains(type.name))
            continue;
        if (progress.stopAsked())
            return discard(Progress::stopped());
        const Result<QList<QJsonObject>> objects = type.read(secrets);
        if (!objects)
            return discard(objects.error());
        const Result<void> saved = YamlListWriter::write(
            QDir(scratch.value()).filePath(type.name + QStringLiteral(".yaml")), objects.value(),
            type.leading);
        if (!saved)
            return discard(saved.error());
        written.counts.insert(type.name, objects->size());
        progress.report(double(++typesWritten) / double(types->size()));
    }
    QJsonObject metadata{{QStringLiteral("version"), MigrationProject::FormatVersion},
                         {QStringLiteral("cairn_version"), QStringLiteral(CAIRN_VERSION)},
                         {QStringLiteral("export_time"),
                          QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                         {QStringLiteral("types"), QJsonArray::fromStringList(types.value())}};
    if (secrets.carried())
        metadata.insert(QStringLiteral("secrets"), secrets.parameters());
    const Result<void> described = YamlListWriter::writeObject(
        QDir(scratch.value()).filePath(MigrationProject::Metadata), metadata);
    if (!described)
        return discard(described.error());
    // Past this, a stop is too late.
    if (!progress.claimFinish())
        return discard(Progress::stopped());
    const Result<void> replaced = projects.replace(scratch.value(), options.name);
    if (!replaced)
        return discard(replaced.error());
    return written;
}

} // namespace Cairn
