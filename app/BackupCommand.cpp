#include "BackupCommand.h"

#include "CommandFailure.h"
#include "CommonOptions.h"
#include "ExitCode.h"
#include "backup/DataBackup.h"

#include <QTextStream>

namespace Cairn {

namespace {

const char *const Usage =
    "usage: cairn backup FILE [--exclude FOLDER]...\n"
    "Writes the database (SQLite: a consistent snapshot, taken while the server runs) and every\n"
    "file of the data directory (the server key, ZTP files, spreadsheets, migration projects,\n"
    "configuration histories) to FILE, a zip readable by its owner only. It holds the server\n"
    "key: keep it as you keep the data directory. A PostgreSQL database is pg_dump's to copy.\n"
    "`cairn restore FILE` puts it back.";

const char *const Examples =
    "  cairn backup /backup/cairn-$(date +%F).zip\n"
    "  cairn backup nightly.zip --exclude images     (disk images are backed up elsewhere)\n";

QString mebibytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1) + QStringLiteral(" MiB");
}

} // namespace

int BackupCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromLatin1(Usage));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("backup"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The archive to write."));
    const QCommandLineOption exclude(
        QStringLiteral("exclude"),
        QStringLiteral("A top-level folder of the data directory to leave out (repeatable)."),
        QStringLiteral("FOLDER"));
    parser.addOption(exclude);
    QString file;
    std::optional<CoreOptions> options;
    if (const std::optional<int> ended =
            CommonOptions::readWithFile(parser, arguments, Usage, Examples, &file, &options))
        return *ended;
    DataBackup::Options backup;
    backup.dataDir = options->dataDir;
    backup.database = options->database;
    backup.excludedFolders = parser.values(exclude);
    const Result<DataBackup::Summary> written = DataBackup::write(backup, file);
    if (!written)
        return reportFailure(written.error());
    QTextStream out(stdout);
    for (const QString &skipped : written->skipped)
        out << "left out (a link, a special file, or a file gone or misnamed): " << skipped
            << Qt::endl;
    if (written->databaseBytes >= 0)
        out << "Backed up the database (" << mebibytes(written->databaseBytes) << ") and ";
    else
        out << "The database is on PostgreSQL: back it up with pg_dump --format=custom "
               "(docs/operations.md). Backed up ";
    out << written->files << " files (" << mebibytes(written->fileBytes) << ") of "
        << options->dataDir << " to " << file << Qt::endl;
    return ExitOk;
}

} // namespace Cairn
