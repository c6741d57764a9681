#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

namespace Cairn {

// Who may read GET /metrics: a client from an allowed address, or one presenting the token
// (`Authorization: Bearer <token>`) whose SHA-256 the configuration holds.
struct MetricsAccess
{
    QList<QPair<QHostAddress, int>> allowed{{QHostAddress(QHostAddress::LocalHost), 32},
                                            {QHostAddress(QHostAddress::LocalHostIPv6), 128}};
    // 32 bytes, or empty for no token.
    QByteArray tokenSha256;
};

// What the API says about this server node.
struct ApiSettings
{
    QString nodeName;
    int clusterId = 1;
    MetricsAccess metrics;
};

} // namespace Cairn
