#pragma once

#include "Result.h"

#include <QByteArray>

namespace Cairn {

// The server's master secret. Every other key (AuthToken signing, sealing) is derived from it,
// so one file or variable is all an operator keeps safe. Several server nodes on one PostgreSQL
// database must share it.
class ServerKey
{
public:
    // CAIRN_SERVER_KEY (64 hex digits) when set; else `<dataDir>/server.key`, created with mode
    // 0600 on first use. A key file that exists but cannot be read is an error, never replaced.
    static Result<ServerKey> load(const QString &dataDir);
    static ServerKey fromBytes(const QByteArray &bytes) { return ServerKey(bytes); }

    // A 32-byte key for one purpose; `context` is exactly 8 characters.
    QByteArray derive(const char *context, quint64 subkeyId = 1) const;

private:
    // Whether anything (even a dangling link, or what cannot be looked at) is at the path.
    static bool exists(const QString &path);
    static Result<void> create(const QString &path);

    explicit ServerKey(QByteArray bytes)
        : m_bytes(std::move(bytes))
    {
    }

    QByteArray m_bytes;
};

} // namespace Cairn
