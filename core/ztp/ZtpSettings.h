#pragma once

#include "ZtpNode.h"

#include <QString>

namespace Cairn {

struct ZtpSettings
{
    // The ZTPServer data_root; empty: <data-dir>/ztp.
    QString dataRoot;
    // Where switches reach this server: replaces $SERVER in the bootstrap script.
    QString serverUrl = QStringLiteral("http://ztpserver:8080");
    ZtpIdentifier identifier = ZtpIdentifier::SerialNumber;
    // Skip re-checking a node against its stored pattern when it asks for its definition.
    bool disableTopologyValidation = false;
    // The inventory site new nodes are added to (created when missing).
    QString site = QStringLiteral("ztp");
    // How long a node's config-handler may run.
    int configHandlerTimeoutMs = 60 * 1000;
    // Registrations (POST /nodes) and startup-config uploads one source address may make in a
    // minute, in bursts of as many; 0 for no limit. A switch does one of each per boot: more is
    // a script or a loop.
    int registrationsPerMinute = 60;
};

} // namespace Cairn
