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

    // A user added through the core, as who calls it; fails the test if the user cannot be added.
    Identity addUser(const QString &name, bool superuser)
    {
        const Result<User> user = core->users().addUser(NewUser{
            name, QStringLiteral("long enough"), name + QStringLiteral("@example.com"), superuser});
        EXPECT_TRUE(user.ok()) << qPrintable(user.ok() ? QString() : user.error().message);
        return user.ok() ? Identity{user.value(), false} : Identity{};
    }

    QTemporaryDir m_dir;
    std::unique_ptr<CoreServices> core;
};

} // namespace Cairn::Test
