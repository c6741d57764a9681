#pragma once

#include "ServerFixture.h"
#include "SshDevice.h"

#include <QHash>

namespace Cairn::Test {

// A server whose toolkit runs commands on emulated devices (SshDevice): what the execute and
// bulk-execute suites both set up.
class ToolkitFixture : public ServerFixture
{
protected:
    void SetUp() override;

    // A credential set with the emulated devices' login, made by the holder of `apiToken`; its
    // credential token, or empty when it could not be made.
    static QByteArray credentialTokenOf(const QByteArray &apiToken, const QByteArray &name);
    // Inventory devices (hostnames) on one emulated device's port; their ids, in order.
    static QList<int> addDevices(const QStringList &hostnames, quint16 port,
                                 const QString &platform = QStringLiteral("cisco_ios"));
    // Catalogue commands from a JSON list; name -> id.
    static QHash<QString, int> addCommands(const QByteArray &json);
};

} // namespace Cairn::Test
