#pragma once

#include "CoreServices.h"

#include <QString>

namespace Cairn::Test {

// The database the suites run against, chosen by CAIRN_TEST_DATABASE (sqlite, the default, or
// postgresql, for which a cluster is started once per test program and stopped at its end).
class TestBackend
{
public:
    static bool isPostgres();
    // Starts the PostgreSQL cluster when needed; call once from main().
    static bool setUp(QString *error);
    static void tearDown();
    // Every test of the program (after testing::InitGoogleTest), with the database started
    // and stopped around them and the core's expected complaints kept out of the output.
    static int runAll();
    // A URL for a fresh empty database ("" = SQLite in the data directory).
    static QString freshDatabaseUrl();
    // CoreOptions for a fresh database with its data in `dataDir`.
    static CoreOptions freshOptions(const QString &dataDir);
};

} // namespace Cairn::Test
