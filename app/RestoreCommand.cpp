#include "RestoreCommand.h"

#include "CommandFailure.h"
#include "CommonOptions.h"
#include "ExitCode.h"
#include "backup/DataRestore.h"

#include <QTextStream>

namespace Cairn {

namespace {

const char *const Usage =
    "usage: cairn restore FILE [--replace]\n"
    "Makes the data directory again from a `cairn backup` archive, with the server stopped.\n"
    "Every file is checked against the archive's manifest and the database against SQLite's\n"
    "integrity check before anything is put in place. A data directory that holds anything is\n"
    "left alone unless --replace, which moves it aside (<data-dir>.before-restore-<time>).";

const char *const Examples =
    "  cairn restore /backup/cairn-2026-12-01.zip --data-dir /var/lib/cairn-new\n"
    "  systemctl stop cairn && cairn restore nightly.zip --replace && systemctl start cairn\n";

} // namespace

int RestoreCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromLatin1(Usage));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("restore"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The archive to read."));
    const QCommandLineOption replace(
        QStringLiteral("replace"),
        QStringLiteral(
            "Move a data directory that holds anything aside and restore in its place."));
    parser.addOption(replace);
    QString file;
    std::optional<CoreOptions> options;
    if (const std::optional<int> ended =
            CommonOptions::readWithFile(parser, arguments, Usage, Examples, &file, &options))
        return *ended;
    DataRestore::Options restore;
    restore.dataDir = options->dataDir;
    restore.database = options->database;
    restore.replace = parser.isSet(replace);
    const Result<DataRestore::Summary> restored = DataRestore::restore(file, restore);
    if (!restored)
        return reportFailure(restored.error());
    QTextStream out(stdout);
    if (!restored->movedAside.isEmpty())
        out << "Moved the data directory that was there to " << restored->movedAside << Qt::endl;
    out << "Restored the backup of " << restored->created << " into " << options->dataDir << ": "
        << (restored->databaseBytes >= 0 ? QStringLiteral("the database and ") : QString())
        << restored->files << " files." << Qt::endl;
    if (restored->databaseBytes < 0)
        out << "The backup holds no database (the server was on PostgreSQL): restore it with "
               "pg_restore (docs/operations.md)."
            << Qt::endl;
    return ExitOk;
}

} // namespace Cairn
