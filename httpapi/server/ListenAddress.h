#pragma once

#include <QHostAddress>
#include <QString>
#include <optional>

namespace Cairn {

// Where a listener listens, as HOST:PORT ("127.0.0.1:8090", "[::1]:8090", "localhost:0").
struct ListenAddress
{
    QHostAddress host;
    quint16 port = 0;

    static std::optional<ListenAddress> parse(const QString &text);
};

} // namespace Cairn
