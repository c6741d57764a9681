#include "ZtpNode.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <yaml-cpp/yaml.h>

namespace Cairn {

QString ZtpNode::id(ZtpIdentifier identifier) const
{
    return identifier == ZtpIdentifier::SystemMac ? normalizedMac(systemMac) : serialNumber;
}

QString ZtpNode::normalizedMac(const QString &mac)
{
    QString text = mac;
    return text.remove(QLatin1Char(':')).remove(QLatin1Char('.')).toLower();
}

namespace {

QJsonArray jsonOfNeighbors(const QList<ZtpNeighbor> &neighbors)
{
    QJsonArray list;
    for (const ZtpNeighbor &neighbor : neighbors)
        list.append(QJsonObject{{QStringLiteral("device"), neighbor.device},
                                {QStringLiteral("port"), neighbor.port}});
    return list;
}

} // namespace

QJsonObject ZtpNode::toJson() const
{
    QJsonObject neighborsJson;
    for (const ZtpInterfaceNeighbors &entry : neighbors) {
        neighborsJson.insert(entry.interface, jsonOfNeighbors(entry.neighbors));
    }
    return QJsonObject{{QStringLiteral("model"), model},
                       {QStringLiteral("serialnumber"), serialNumber},
                       {QStringLiteral("systemmac"), systemMac},
                       {QStringLiteral("version"), version},
                       {QStringLiteral("neighbors"), neighborsJson}};
}

QByteArray ZtpNode::toStoredJson() const
{
    QJsonObject facts = toJson();
    facts.remove(QStringLiteral("neighbors"));
    QByteArray text = QJsonDocument(facts).toJson(QJsonDocument::Compact);
    QByteArrayList entries;
    for (const ZtpInterfaceNeighbors &entry : neighbors) {
        const QJsonArray list = jsonOfNeighbors(entry.neighbors);
        // A one-string array is the JSON escaping of the key.
        const QByteArray key =
            QJsonDocument(QJsonArray{entry.interface}).toJson(QJsonDocument::Compact);
        entries << key.mid(1, key.size() - 2) + ':' +
                       QJsonDocument(list).toJson(QJsonDocument::Compact);
    }
    text.chop(1);
    return text + (facts.isEmpty() ? "" : ",") + "\"neighbors\":{" + entries.join(',') + "}}\n";
}

namespace {

QString text(const YAML::Node &node)
{
    return QString::fromStdString(node.Scalar());
}

Result<QString> optionalText(const YAML::Node &facts, const char *key)
{
    const YAML::Node value = facts[key];
    if (!value || value.IsNull())
        return QString();
    if (!value.IsScalar())
        return Error::invalidField(QString::fromLatin1(key), QStringLiteral("must be a string"));
    return text(value).trimmed();
}

Result<QList<ZtpNeighbor>> neighborList(const QString &interface, const YAML::Node &value)
{
    const QString field = QStringLiteral("neighbors.%1").arg(interface);
    if (!value.IsSequence())
        return Error::invalidField(field, QStringLiteral("must be a list of {device, port}"));
    QList<ZtpNeighbor> list;
    for (const YAML::Node &entry : value) {
        if (!entry.IsMap())
            return Error::invalidField(field, QStringLiteral("every neighbor is {device, port}"));
        const YAML::Node device = entry["device"];
        const YAML::Node port = entry["port"] ? entry["port"] : entry["remote_interface"];
        if (!device || !device.IsScalar() || device.Scalar().empty())
            return Error::invalidField(field, QStringLiteral("every neighbor needs a device"));
        if (!port || !port.IsScalar() || port.Scalar().empty())
            return Error::invalidField(field, QStringLiteral("every neighbor needs a port"));
        list.append({text(device), text(port)});
    }
    return list;
}

Result<ZtpNode> nodeFrom(const YAML::Node &facts, ZtpIdentifier identifier)
{
    if (!facts.IsMap())
        return Error::badRequest(QStringLiteral("The body must be an object of node facts."));
    ZtpNode node;
    const std::pair<const char *, QString *> texts[] = {
        {"model", &node.model},
        {"serialnumber", &node.serialNumber},
        {"systemmac", &node.systemMac},
        {"version", &node.version},
    };
    for (const auto &[key, target] : texts) {
        Result<QString> value = optionalText(facts, key);
        if (!value)
            return value.error();
        *target = value.value();
    }
    node.systemMac.remove(QLatin1Char(':')).remove(QLatin1Char('.'));
    if (node.id(identifier).isEmpty()) {
        const QString key = identifier == ZtpIdentifier::SystemMac ? QStringLiteral("systemmac")
                                                                   : QStringLiteral("serialnumber");
        return Error::invalidField(key, QStringLiteral("identifies the node and may not be empty"));
    }
    const YAML::Node neighbors = facts["neighbors"];
    if (neighbors && !neighbors.IsNull()) {
        if (!neighbors.IsMap())
            return Error::invalidField(QStringLiteral("neighbors"),
                                       QStringLiteral("must map interfaces to neighbor lists"));
        for (const auto &entry : neighbors) {
            const QString interface = text(entry.first);
            Result<QList<ZtpNeighbor>> list = neighborList(interface, entry.second);
            if (!list)
                return list.error();
            node.neighbors.append({interface, list.value()});
        }
    }
    const YAML::Node config = facts["config"];
    if (config && !config.IsNull()) {
        if (!config.IsScalar())
            return Error::invalidField(QStringLiteral("config"), QStringLiteral("must be text"));
        node.config = text(config);
    }
    return node;
}

} // namespace

Result<ZtpNode> ZtpNode::fromYaml(const QByteArray &text, ZtpIdentifier identifier)
{
    try {
        return nodeFrom(YAML::Load(text.toStdString()), identifier);
    } catch (const YAML::Exception &error) {
        return Error::badRequest(QStringLiteral("The node facts do not parse: %1")
                                     .arg(QString::fromStdString(error.what())));
    }
}

Result<ZtpNode> ZtpNode::fromJson(const QByteArray &body, ZtpIdentifier identifier)
{
    // Qt checks the JSON strictly; YAML (a superset) then reads it keeping the order of the
    // neighbors, which matching depends on and QJsonObject would sort away.
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return Error::badRequest(QStringLiteral("The body must be a JSON object of node facts: %1")
                                     .arg(document.isNull() ? parseError.errorString()
                                                            : QStringLiteral("not an object")));
    return fromYaml(body, identifier);
}

} // namespace Cairn
