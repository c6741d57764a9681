#pragma once

#include "CoreServices.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <memory>

namespace Cairn {

class Configuration;

// Options every subcommand shares: where the data lives and which database to use, from the
// command line first, then the config file, then the defaults.
class CommonOptions
{
public:
    static void addTo(QCommandLineParser &parser);
    // The zero-touch provisioning options, for the commands that serve it.
    static void addZtpTo(QCommandLineParser &parser);

    // Reads the shared options (loading and checking --config); on failure prints why and sets
    // `exitCode`.
    static std::optional<CoreOptions> read(const QCommandLineParser &parser, int *exitCode);
    static std::optional<CoreOptions> read(const Configuration &configuration, int *exitCode);
    // read(), then opens the core (creating and migrating the database when needed). On
    // failure prints why, sets `exitCode` and returns null.
    static std::unique_ptr<CoreServices> open(const QCommandLineParser &parser, int *exitCode);
    // Opens the core with options read before (null, as read() gave them, returns null).
    static std::unique_ptr<CoreServices> open(const std::optional<CoreOptions> &options,
                                              int *exitCode);

    // For `cairn COMMAND FILE [options]` (backup, restore): parses `arguments`, checks that one
    // FILE was given (else prints `usage`) and reads the shared options into `file` and
    // `options`. When that ends the command, its exit code; else nothing.
    static std::optional<int> readWithFile(QCommandLineParser &parser, const QStringList &arguments,
                                           const char *usage, const char *examples, QString *file,
                                           std::optional<CoreOptions> *options);

    static QString defaultDataDir();
    // Unsets CAIRN_SERVER_KEY and CAIRN_DB_PASSWORD once the core that needed them is open.
    static void forgetEnvironmentSecrets();
};

} // namespace Cairn
