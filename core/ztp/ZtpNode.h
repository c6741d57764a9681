#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Cairn {

// Which fact names a node: its serial number (the default) or its system MAC.
enum class ZtpIdentifier
{
    SerialNumber,
    SystemMac,
};

struct ZtpNeighbor
{
    QString device;
    QString port;
};

// One local interface and what LLDP saw on it, in the order the switch listed them: matching
// is order-sensitive.
struct ZtpInterfaceNeighbors
{
    QString interface;
    QList<ZtpNeighbor> neighbors;
};

// What a bootstrapping switch tells the server about itself (POST /nodes).
struct ZtpNode
{
    QString model;
    QString serialNumber;
    // Without ':' and '.', as ZTPServer stores it.
    QString systemMac;
    QString version;
    QList<ZtpInterfaceNeighbors> neighbors;
    // The startup-config a node may send with its facts.
    std::optional<QString> config;

    QString id(ZtpIdentifier identifier) const;
    // Neighbors in a JSON object, whose keys Qt sorts: for plugins and display.
    QJsonObject toJson() const;
    // The facts as stored (nodes/<id>/.node): neighbors in the order the switch sent them,
    // which matching depends on.
    QByteArray toStoredJson() const;

    // A posted body: strict JSON, every neighbor with device and port (the seed's
    // `remote_interface` is taken for port), a non-empty identifier; errors name the field.
    static Result<ZtpNode> fromJson(const QByteArray &body, ZtpIdentifier identifier);
    // The same facts written in YAML (conformance fixtures).
    static Result<ZtpNode> fromYaml(const QByteArray &text, ZtpIdentifier identifier);
    // A MAC as ids compare: no ':' or '.', lower case.
    static QString normalizedMac(const QString &mac);
};

} // namespace Cairn
