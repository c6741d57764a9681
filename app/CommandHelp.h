#pragma once

#include <QCommandLineParser>

namespace Cairn {

// A subcommand's --help: its usage and options, then examples to copy, as `git help` ends.
void printHelp(const QCommandLineParser &parser, const char *examples);

} // namespace Cairn
