#include "CommandHelp.h"

#include "ExitCode.h"

#include <QTextStream>

namespace Cairn {

void printHelp(const QCommandLineParser &parser, const char *examples)
{
    QTextStream(stdout) << parser.helpText() << "\nExamples:\n" << examples;
}

std::optional<int> parseArguments(QCommandLineParser &parser, const QStringList &arguments,
                                  const char *examples)
{
    if (!parser.parse(arguments)) {
        QTextStream(stderr) << "cairn: " << parser.errorText() << Qt::endl;
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printHelp(parser, examples);
        return ExitOk;
    }
    return std::nullopt;
}

} // namespace Cairn
