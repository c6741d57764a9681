#pragma once

#include <QStringList>

namespace Cairn {

// `cairn restore FILE`: a `cairn backup` archive made the data directory again, with the
// server stopped (DataRestore).
class RestoreCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace Cairn
