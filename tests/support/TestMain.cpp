#include "TestBackend.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <cstdio>
#include <gtest/gtest.h>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    testing::InitGoogleTest(&argc, argv);
    // Expected failures (rejected input, refused logins) are logged; keep the test output clean.
    QLoggingCategory::setFilterRules(QStringLiteral("cairn.*.info=false"));
    QString error;
    if (!Cairn::Test::TestBackend::setUp(&error)) {
        std::fprintf(stderr, "cannot start the test database: %s\n", qPrintable(error));
        return 1;
    }
    const int result = RUN_ALL_TESTS();
    Cairn::Test::TestBackend::tearDown();
    return result;
}
