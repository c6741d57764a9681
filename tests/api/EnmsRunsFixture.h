#pragma once

#include "EnmsScript.h"
#include "FreePort.h"
#include "ToolkitFixture.h"

namespace Cairn::Test {

// A server with eNMS services to run and devices to run them on: run-r1 and run-r2 on one
// emulated Cisco router over SSH, run-dead where nothing listens; the `lab` credential set.
// Scripts (EnmsScript) may write PORT and DEAD for the two ports.
class EnmsRunsFixture : public ToolkitFixture
{
protected:
    static void SetUpTestSuite()
    {
        if (!SshDevice::unavailableReason().isEmpty())
            return;
        s_router = std::make_unique<SshDevice>(QStringLiteral("cisco_ios"), QStringLiteral("edge"));
        QString error;
        ASSERT_TRUE(s_router->start(&error)) << error.toStdString();
        startServer();
        // Two inventory devices on the one emulated router, and one where nothing listens.
        addDevices({QStringLiteral("run-r1"), QStringLiteral("run-r2")}, s_router->port());
        s_deadPort = freePort();
        addDevices({QStringLiteral("run-dead")}, s_deadPort);
        ASSERT_FALSE(credentialTokenOf(s_adminToken, "lab").isEmpty());
    }

    static void TearDownTestSuite()
    {
        stopServer();
        s_router.reset();
    }

    static EnmsScript run(QString script)
    {
        script.replace(QLatin1String("PORT"), QString::number(s_router->port()))
            .replace(QLatin1String("DEAD"), QString::number(s_deadPort));
        return {runPython(EnmsScript::Prelude + script)};
    }

    static inline std::unique_ptr<SshDevice> s_router;
    static inline quint16 s_deadPort = 0;
};

} // namespace Cairn::Test
