#include "TestBackend.h"

#include "PostgresCluster.h"

#include <QLoggingCategory>
#include <cstdio>
#include <gtest/gtest.h>
#include <memory>

namespace Cairn::Test {

namespace {
std::unique_ptr<PostgresCluster> s_cluster;
}

bool TestBackend::isPostgres()
{
    return qgetenv("CAIRN_TEST_DATABASE") == "postgresql";
}

bool TestBackend::setUp(QString *error)
{
    if (!isPostgres())
        return true;
    s_cluster = std::make_unique<PostgresCluster>();
    return s_cluster->start(error);
}

void TestBackend::tearDown()
{
    s_cluster.reset();
}

QString TestBackend::freshDatabaseUrl()
{
    if (!s_cluster)
        return {};
    return s_cluster->urlFor(s_cluster->createDatabase());
}

CoreOptions TestBackend::freshOptions(const QString &dataDir)
{
    CoreOptions options;
    options.dataDir = dataDir;
    options.database = DatabaseConfig::fromUrl(freshDatabaseUrl(), dataDir).value();
    options.jobWorkers = 2;
    // Simulated hypervisors (test:///<file>.xml) and disk images are made in the test's own
    // folder.
    options.virt.testFixturesDir = dataDir;
    options.virt.imageDirs = {dataDir};
    return options;
}

int TestBackend::runAll()
{
    // Expected failures (rejected input, refused logins) are logged; keep the test output clean.
    QLoggingCategory::setFilterRules(QStringLiteral("cairn.*.info=false"));
    QString error;
    if (!setUp(&error)) {
        std::fprintf(stderr, "cannot start the test database: %s\n", qPrintable(error));
        return 1;
    }
    const int result = RUN_ALL_TESTS();
    tearDown();
    return result;
}

} // namespace Cairn::Test
