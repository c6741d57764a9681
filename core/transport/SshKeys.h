#pragma once

#include <QString>

namespace Cairn {

// Private keys as libssh reads them (OpenSSH and PEM formats), checked when they are saved
// rather than at the first login.
class SshKeys
{
public:
    static bool canRead(const QString &privateKey, const QString &passphrase);
};

} // namespace Cairn
