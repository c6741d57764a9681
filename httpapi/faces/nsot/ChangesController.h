#pragma once

#include <QString>

namespace Cairn {

class CoreServices;
class Router;

// /api/changes/ (newest first), /api/changes/{id}/, /api/changes/{id}/diff/, and the
// read-only /api/values/.
class ChangesController
{
public:
    static void registerRoutes(Router &router, CoreServices &core);
    // A unified line diff ("-"/"+"/" " prefixes) between two texts.
    static QString lineDiff(const QString &before, const QString &after);
};

} // namespace Cairn
