#pragma once

#include <QStringList>

namespace Cairn {

// `cairn serve`: the headless server (API listener; ZTP listener when asked for).
class ServeCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace Cairn
