#pragma once

#include "CoreServices.h"

#include <QElapsedTimer>
#include <memory>

namespace Cairn::Bench {

// The core a desktop benchmark measures: a fresh SQLite database in `dataDir` with a superuser
// to act as, or null after saying why on stdout.
struct BenchCore
{
    std::unique_ptr<CoreServices> core;
    Identity admin;

    static std::optional<BenchCore> open(const QString &dataDir);
};

double milliseconds(const QElapsedTimer &timer);

} // namespace Cairn::Bench
