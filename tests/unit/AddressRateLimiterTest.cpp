#include "net/AddressRateLimiter.h"

#include <gtest/gtest.h>

using namespace Cairn;

TEST(AddressRateLimiter, EachAddressHasItsOwnBurst)
{
    AddressRateLimiter limiter(3);
    for (int i = 0; i < 3; ++i)
        EXPECT_TRUE(limiter.take(QStringLiteral("10.0.0.1")));
    EXPECT_FALSE(limiter.take(QStringLiteral("10.0.0.1")));
    EXPECT_TRUE(limiter.take(QStringLiteral("10.0.0.2")));
}

TEST(AddressRateLimiter, ZeroMeansNoLimit)
{
    AddressRateLimiter limiter(0);
    for (int i = 0; i < 1000; ++i)
        ASSERT_TRUE(limiter.take(QStringLiteral("10.0.0.1")));
}

TEST(AddressRateLimiter, ManyAddressesStillLimitEachOne)
{
    AddressRateLimiter limiter(1);
    for (int i = 0; i < 10000; ++i)
        ASSERT_TRUE(limiter.take(QStringLiteral("10.1.%1.%2").arg(i / 256).arg(i % 256)));
    EXPECT_FALSE(limiter.take(QStringLiteral("10.1.0.0")));
}

TEST(AddressRateLimiter, AnIpv6HostIsItsSlash64)
{
    AddressRateLimiter limiter(2);
    EXPECT_TRUE(limiter.take(QStringLiteral("2001:db8:1:2::1")));
    EXPECT_TRUE(limiter.take(QStringLiteral("2001:db8:1:2:ffff::9")));
    EXPECT_FALSE(limiter.take(QStringLiteral("2001:db8:1:2:1234:5678:9abc:def0")));
    EXPECT_TRUE(limiter.take(QStringLiteral("2001:db8:1:3::1")));
}
