#include "CommandFailure.h"

#include "ExitCode.h"

#include <QTextStream>

namespace Cairn {

int reportFailure(const Error &error)
{
    QTextStream err(stderr);
    err << "cairn: " << error.message;
    for (auto it = error.fields.begin(); it != error.fields.end(); ++it)
        err << " (" << it.key() << ": " << it.value().toString() << ")";
    err << Qt::endl;
    return ExitFailure;
}

} // namespace Cairn
