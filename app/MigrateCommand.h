#pragma once

#include <QStringList>

namespace Cairn {

// `cairn migrate export|import NAME`: the migration project `migrations/NAME/` of the data
// directory written from the database or read back into it, as POST /rest/migrate/... does.
class MigrateCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace Cairn
