#pragma once

#include "CoreServices.h"
#include "TestBackend.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>

namespace Cairn::Test {

// A freshly opened core on its own database (SQLite or PostgreSQL) for each test.
class CoreFixture : public testing::Test
{
protected:
    void SetUp() override
    {
        Result<std::unique_ptr<CoreServices>> opened =
            CoreServices::open(TestBackend::freshOptions(m_dir.path()));
        ASSERT_TRUE(opened.ok()) << qPrintable(opened.ok() ? QString() : opened.error().message);
        core = std::move(opened).value();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<CoreServices> core;
};

} // namespace Cairn::Test
