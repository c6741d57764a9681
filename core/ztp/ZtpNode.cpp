#include "ZtpNode.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <nlohmann/json.hpp>
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

using Facts = nlohmann::ordered_json;

// A scalar fact as text: switches send strings, but a YAML fixture or a hand-written body may
// give a number or a boolean for a serial number or a version.
std::optional<QString> text(const Facts &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (value.is_number() || value.is_boolean())
        return QString::fromStdString(value.dump());
    return std::nullopt;
}

Result<QString> optionalText(const Facts &facts, const char *key)
{
    const auto value = facts.find(key);
    if (value == facts.end() || value->is_null())
        return QString();
    const std::optional<QString> scalar = text(*value);
    if (!scalar)
        return Error::invalidField(QString::fromLatin1(key), QStringLiteral("must be a string"));
    return scalar->trimmed();
}

std::optional<QString> nonEmptyText(const Facts &entry, const char *key)
{
    const auto value = entry.find(key);
    if (value == entry.end())
        return std::nullopt;
    std::optional<QString> scalar = text(*value);
    if (!scalar || scalar->isEmpty())
        return std::nullopt;
    return scalar;
}

Result<QList<ZtpNeighbor>> neighborList(const QString &interface, const Facts &value)
{
    const QString field = QStringLiteral("neighbors.%1").arg(interface);
    if (!value.is_array())
        return Error::invalidField(field, QStringLiteral("must be a list of {device, port}"));
    QList<ZtpNeighbor> list;
    for (const Facts &entry : value) {
        if (!entry.is_object())
            return Error::invalidField(field, QStringLiteral("every neighbor is {device, port}"));
        const std::optional<QString> device = nonEmptyText(entry, "device");
        const std::optional<QString> port = entry.contains("port")
                                                ? nonEmptyText(entry, "port")
                                                : nonEmptyText(entry, "remote_interface");
        if (!device)
            return Error::invalidField(field, QStringLiteral("every neighbor needs a device"));
        if (!port)
            return Error::invalidField(field, QStringLiteral("every neighbor needs a port"));
        list.append({*device, *port});
    }
    return list;
}

Result<ZtpNode> nodeFrom(const Facts &facts, ZtpIdentifier identifier)
{
    if (!facts.is_object())
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
    const auto neighbors = facts.find("neighbors");
    if (neighbors != facts.end() && !neighbors->is_null()) {
        if (!neighbors->is_object())
            return Error::invalidField(QStringLiteral("neighbors"),
                                       QStringLiteral("must map interfaces to neighbor lists"));
        // ordered_json keeps the order the switch listed its interfaces in.
        for (const auto &[name, list] : neighbors->items()) {
            const QString interface = QString::fromStdString(name);
            Result<QList<ZtpNeighbor>> parsed = neighborList(interface, list);
            if (!parsed)
                return parsed.error();
            node.neighbors.append({interface, parsed.value()});
        }
    }
    const auto config = facts.find("config");
    if (config != facts.end() && !config->is_null()) {
        const std::optional<QString> configText = text(*config);
        if (!configText)
            return Error::invalidField(QStringLiteral("config"), QStringLiteral("must be text"));
        node.config = *configText;
    }
    return node;
}

// YAML facts (the conformance fixtures) as the same ordered JSON a switch posts; every YAML
// scalar is text.
Facts factsOf(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Scalar:
        return node.Scalar();
    case YAML::NodeType::Sequence: {
        Facts list = Facts::array();
        for (const YAML::Node &entry : node)
            list.push_back(factsOf(entry));
        return list;
    }
    case YAML::NodeType::Map: {
        Facts map = Facts::object();
        for (const auto &entry : node)
            map[entry.first.Scalar()] = factsOf(entry.second);
        return map;
    }
    default:
        return nullptr;
    }
}

} // namespace

Result<ZtpNode> ZtpNode::fromYaml(const QByteArray &text, ZtpIdentifier identifier)
{
    try {
        return nodeFrom(factsOf(YAML::Load(text.toStdString())), identifier);
    } catch (const YAML::Exception &error) {
        return Error::badRequest(QStringLiteral("The node facts do not parse: %1")
                                     .arg(QString::fromStdString(error.what())));
    }
}

Result<ZtpNode> ZtpNode::fromJson(const QByteArray &body, ZtpIdentifier identifier)
{
    // Parsed once, strictly (no comments, valid UTF-8), into ordered JSON: matching depends on
    // the order of the neighbors, which QJsonObject would sort away. nlohmann's parser keeps
    // its own stack, so a deeply nested body costs memory in proportion to its size (which the
    // listener caps), not recursion.
    const Facts facts = Facts::parse(body.cbegin(), body.cend(), nullptr, false);
    if (facts.is_discarded() || !facts.is_object())
        return Error::badRequest(QStringLiteral("The body must be a JSON object of node facts."));
    return nodeFrom(facts, identifier);
}

} // namespace Cairn
