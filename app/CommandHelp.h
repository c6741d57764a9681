#pragma once

#include <QCommandLineParser>
#include <optional>

namespace Cairn {

// A subcommand's --help: its usage and options, then examples to copy, as `git help` ends.
void printHelp(const QCommandLineParser &parser, const char *examples);
// Parses a subcommand's `arguments`. When that ends the command (a usage error, said on
// standard error, or --help, printed with `examples`), its exit code; else nothing.
std::optional<int> parseArguments(QCommandLineParser &parser, const QStringList &arguments,
                                  const char *examples);

} // namespace Cairn
