#pragma once

#include "CoreServices.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QSettings>
#include <memory>

namespace Cairn {

// Options every subcommand shares: where the data lives and which database to use, from the
// command line first, then the config file, then the defaults.
class CommonOptions
{
public:
    static void addTo(QCommandLineParser &parser);

    // Reads the shared options; on failure prints why and sets `exitCode`.
    static std::optional<CoreOptions> read(const QCommandLineParser &parser, int *exitCode);
    static std::unique_ptr<QSettings> config(const QCommandLineParser &parser);
    // read(), then opens the core (creating and migrating the database when needed). On
    // failure prints why, sets `exitCode` and returns null.
    static std::unique_ptr<CoreServices> open(const QCommandLineParser &parser, int *exitCode);

    static QString defaultDataDir();
};

} // namespace Cairn
