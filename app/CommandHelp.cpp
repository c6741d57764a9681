#include "CommandHelp.h"

#include <QTextStream>

namespace Cairn {

void printHelp(const QCommandLineParser &parser, const char *examples)
{
    QTextStream(stdout) << parser.helpText() << "\nExamples:\n" << examples;
}

} // namespace Cairn
