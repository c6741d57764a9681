#pragma once

#include <QString>

namespace Cairn {

// Where and as whom to log in to a device, and how long each step may take.
struct SshEndpoint
{
    QString host;
    int port = 22;
    QString username;
    QString password;
    // An OpenSSH or PEM private key; tried before the password when present.
    QString privateKey;
    QString keyPassphrase;
    // For platforms with a privileged mode (`enable`).
    QString enablePassword;
    // The inventory device logged in to (0: none).
    qint64 deviceId = 0;
    int connectTimeoutMs = 10000;
    int authTimeoutMs = 10000;
    // A command's output beyond this is refused ([toolkit] max_output_bytes): a device that
    // never stops talking must not fill the server's memory.
    qsizetype maxOutputBytes = 16 * 1024 * 1024;

    // Sessions are shared only between identical logins.
    QString poolKey() const;
};

} // namespace Cairn
