// `cairn serve` as an operator starts it, beside a server already running.
#include "ServerFixture.h"
#include "TestBackend.h"

using namespace Cairn::Test;

class ServeApiTest : public ServerFixture
{
protected:
    static void SetUpTestSuite() { startServer(); }
};

// A second server on the port of a running one stops at once instead of joining it: the kernel
// would otherwise hand it half the connections, answered from another database.
TEST_F(ServeApiTest, ASecondServerOnAPortInUseStopsAndTheFirstKeepsEveryRequest)
{
    QTemporaryDir otherData;
    ServerProcess other(otherData.path(), TestBackend::freshDatabaseUrl());
    const QString taken = QStringLiteral("127.0.0.1:%1").arg(s_server->port());
    EXPECT_FALSE(other.start({QStringLiteral("--listen"), taken}, 10000));
    EXPECT_EQ(other.stop(), 1);
    EXPECT_TRUE(other.log().contains(QStringLiteral("address already in use")))
        << qPrintable(other.log());
    for (int call = 0; call < 20; ++call)
        EXPECT_EQ(admin("GET", "/api/users/0/").status, 200) << "call " << call;
}
