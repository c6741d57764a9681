#pragma once

#include "Error.h"

class QWidget;

namespace Cairn {

// A failure told to the operator: what they tried, and the core's reason with the fields it
// names, in a dialog they must acknowledge.
class ErrorMessage
{
public:
    static void show(QWidget *parent, const QString &whatFailed, const Error &error);
    // The reason and, one per line, each field the core named with its message.
    static QString describe(const Error &error);
};

} // namespace Cairn
