#include "BenchCore.h"

#include <QTextStream>

namespace Cairn::Bench {

std::optional<BenchCore> BenchCore::open(const QString &dataDir)
{
    CoreOptions options;
    options.dataDir = dataDir;
    options.database = DatabaseConfig::fromUrl(QString(), options.dataDir).value();
    Result<std::unique_ptr<CoreServices>> opened = CoreServices::open(options);
    if (!opened) {
        QTextStream(stdout) << "cannot open the core: " << opened.error().message << "\n";
        return std::nullopt;
    }
    const Result<User> user = opened.value()->users().addUser(
        NewUser{QStringLiteral("bench"), QStringLiteral("bench-password"), QString(), true});
    if (!user) {
        QTextStream(stdout) << "cannot add the bench user: " << user.error().message << "\n";
        return std::nullopt;
    }
    return BenchCore{std::move(opened).value(), Identity{user.value(), false}};
}

double milliseconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace Cairn::Bench
