#include "PatternReader.h"

#include "InterfaceRange.h"

#include <yaml-cpp/yaml.h>

namespace Cairn {

namespace {

const QStringList PatternKeys = {
    QStringLiteral("name"),
    QStringLiteral("definition"),
    QStringLiteral("node"),
    QStringLiteral("model"),
    QStringLiteral("interfaces"),
    QStringLiteral("variables"),
    // ZTPServer's docs spell it with a hyphen, its validator with an underscore: both are taken.
    QStringLiteral("config-handler"),
    QStringLiteral("config_handler"),
};

QString text(const YAML::Node &node)
{
    return QString::fromStdString(node.Scalar());
}

bool present(const YAML::Node &node)
{
    return node && !node.IsNull();
}

bool hasSpace(const QString &value)
{
    return std::any_of(value.begin(), value.end(), [](QChar c) { return c.isSpace(); });
}

// Keyword combinations that could never be satisfied (ZTPServer refuses the same ones).
bool forbidden(InterfacePattern::Local local, const QString &device, const QString &port)
{
    using Local = InterfacePattern::Local;
    if (local == Local::Any)
        return device == u"none" || (device == u"any" && port == u"none");
    if (local == Local::None)
        return (device == u"any" && (port == u"any" || port == u"none")) ||
               (device == u"none" && port != u"none");
    return false;
}

} // namespace

PatternReader::PatternReader(ZtpIdentifier identifier, Variables globals)
    : m_identifier(identifier)
    , m_globals(std::move(globals))
{
}

std::optional<PatternReader::Peer> PatternReader::peerOf(const YAML::Node &value,
                                                         QStringList *errors) const
{
    Peer peer{QStringLiteral("any"), QStringLiteral("any")};
    if (value.IsScalar() && !value.IsNull()) {
        const QString spec = text(value);
        if (spec == u"none")
            peer = {QStringLiteral("none"), QStringLiteral("none")};
        else if (spec != u"any") {
            const QStringList parts = spec.split(QLatin1Char(':'));
            peer.device = parts.value(0);
            if (parts.size() > 1)
                peer.port = parts.value(1);
        }
    } else if (value.IsMap()) {
        const YAML::Node device = value["device"];
        const YAML::Node port = value["port"];
        if (!present(device)) {
            errors->append(QStringLiteral("a peer mapping needs a device"));
            return std::nullopt;
        }
        if (!device.IsScalar() || (present(port) && !port.IsScalar())) {
            errors->append(QStringLiteral("a peer's device and port must be text"));
            return std::nullopt;
        }
        peer.device = text(device);
        if (present(port))
            peer.port = text(port);
    } else {
        errors->append(QStringLiteral("every interface needs a peer: any, none, DEVICE, "
                                      "DEVICE:PORT or {device, port}"));
        return std::nullopt;
    }
    if (peer.device.isEmpty() || peer.port.isEmpty() || hasSpace(peer.device) ||
        hasSpace(peer.port)) {
        errors->append(QStringLiteral("peer \"%1:%2\": device and port are one word each")
                           .arg(peer.device, peer.port));
        return std::nullopt;
    }
    return peer;
}

std::optional<ValueMatcher> PatternReader::matcherFor(const QString &token,
                                                      const Variables &variables,
                                                      QStringList *errors) const
{
    QString value = token;
    if (token.startsWith(QLatin1Char('$'))) {
        const auto found = variables.constFind(token.mid(1));
        if (found == variables.constEnd()) {
            errors->append(QStringLiteral("variable %1 is not defined").arg(token));
            return std::nullopt;
        }
        value = *found;
    }
    Result<ValueMatcher> matcher = ValueMatcher::compile(value);
    if (!matcher) {
        errors->append(matcher.error().message);
        return std::nullopt;
    }
    return matcher.value();
}

void PatternReader::readInterfaces(const YAML::Node &list, const Variables &variables,
                                   Pattern *pattern, QStringList *errors) const
{
    if (!list.IsSequence()) {
        errors->append(QStringLiteral("interfaces must be a list of mappings"));
        return;
    }
    using Local = InterfacePattern::Local;
    for (const YAML::Node &entry : list) {
        if (!entry.IsMap()) {
            errors->append(QStringLiteral("each interfaces entry must be a mapping "
                                          "(\"- Ethernet1: spine1:Ethernet1\")"));
            continue;
        }
        for (const auto &item : entry) {
            if (!item.first.IsScalar()) {
                errors->append(QStringLiteral("an interface key must be text"));
                continue;
            }
            // ZTPServer stores `any: {any: any}` for a match without interfaces, meaning "open".
            if (m_lenient && item.second.IsMap() && !present(item.second["device"]))
                continue;
            const QString key = text(item.first);
            const Local local = key == u"any"    ? Local::Any
                                : key == u"none" ? Local::None
                                                 : Local::Named;
            // A bad key does not stop the peer's check: every error is reported at once.
            QStringList names{QString()};
            if (local == Local::Named) {
                Result<QStringList> expanded = InterfaceRange::expand(key);
                if (expanded)
                    names = expanded.value();
                else
                    errors->append(expanded.error().message);
            }
            const std::optional<Peer> peer = peerOf(item.second, errors);
            if (!peer)
                continue;
            if (forbidden(local, peer->device, peer->port)) {
                errors->append(QStringLiteral("\"%1: %2:%3\" can never hold")
                                   .arg(key, peer->device, peer->port));
                continue;
            }
            const std::optional<ValueMatcher> device = matcherFor(peer->device, variables, errors);
            const std::optional<ValueMatcher> port = matcherFor(peer->port, variables, errors);
            if (!device || !port)
                continue;
            for (const QString &name : names)
                pattern->interfaces.append(InterfacePattern(local, name, *device, *port));
        }
    }
}

std::optional<Pattern> PatternReader::read(const YAML::Node &yaml,
                                           QList<NeighborDbProblem> *problems) const
{
    const int line = yaml.Mark().line + 1;
    if (!yaml.IsMap()) {
        problems->append(
            {QStringLiteral("N/A"), line, QStringLiteral("a pattern must be a mapping")});
        return std::nullopt;
    }
    Pattern pattern;
    pattern.line = line;
    QStringList errors;
    const auto scalar = [&](const char *key, QString *target) {
        const YAML::Node value = yaml[key];
        if (!present(value))
            return false;
        if (!value.IsScalar()) {
            errors.append(QStringLiteral("%1 must be text").arg(QLatin1String(key)));
            return false;
        }
        *target = text(value);
        return true;
    };
    for (const auto &entry : yaml) {
        const QString key = entry.first.IsScalar() ? text(entry.first) : QString();
        if (!PatternKeys.contains(key))
            errors.append(QStringLiteral("unknown key \"%1\"").arg(key));
    }
    if (!scalar("name", &pattern.name)) {
        if (!m_lenient)
            errors.append(QStringLiteral("name is required"));
        pattern.name = m_lenient ? QStringLiteral("stored pattern") : QStringLiteral("N/A");
    }
    if (scalar("definition", &pattern.definition)) {
        if (hasSpace(pattern.definition))
            errors.append(QStringLiteral("definition may not contain spaces"));
    } else if (!m_lenient)
        errors.append(QStringLiteral("definition is required"));
    const bool hasNode = scalar("node", &pattern.node);
    if (hasNode && pattern.node.trimmed().isEmpty())
        errors.append(QStringLiteral("node may not be empty"));
    if (hasNode && m_identifier == ZtpIdentifier::SystemMac) {
        pattern.node = ZtpNode::normalizedMac(pattern.node);
        static const QRegularExpression hex(QStringLiteral("^[0-9a-f]+$"));
        if (!hex.match(pattern.node).hasMatch())
            errors.append(QStringLiteral("node must be a MAC address (identifier systemmac)"));
    }
    QString model;
    const bool hasModel = scalar("model", &model);
    if (hasModel) {
        pattern.model = QRegularExpression(QStringLiteral("\\A(?:%1)").arg(model));
        if (!pattern.model->isValid())
            errors.append(QStringLiteral("model regex does not compile: %1")
                              .arg(pattern.model->errorString()));
    }
    if (hasNode && hasModel)
        errors.append(QStringLiteral("node and model exclude each other"));
    const YAML::Node interfaces = yaml["interfaces"];
    if (!hasNode && !hasModel && !present(interfaces))
        errors.append(QStringLiteral("a pattern needs node, model or interfaces"));

    Variables variables = m_globals;
    const YAML::Node local = yaml["variables"];
    if (local && !(m_lenient && local.IsNull())) {
        if (!local.IsMap())
            errors.append(QStringLiteral("variables must be a mapping"));
        else
            for (const auto &entry : local)
                if (entry.second.IsScalar())
                    variables.insert(text(entry.first), text(entry.second));
    }
    if (present(interfaces))
        readInterfaces(interfaces, variables, &pattern, &errors);
    if (!scalar("config-handler", &pattern.configHandler))
        scalar("config_handler", &pattern.configHandler);

    for (const QString &error : errors)
        problems->append({pattern.name, line, error});
    if (!errors.isEmpty())
        return std::nullopt;

    YAML::Node stored = YAML::Clone(yaml);
    YAML::Node merged(YAML::NodeType::Map);
    for (auto it = variables.cbegin(); it != variables.cend(); ++it)
        merged[it.key().toStdString()] = it.value().toStdString();
    if (variables.isEmpty())
        stored.remove("variables");
    else
        stored["variables"] = merged;
    YAML::Emitter emitter;
    emitter << stored;
    pattern.source = QByteArray(emitter.c_str()) + '\n';
    return pattern;
}

Result<Pattern> PatternReader::readStored(const QByteArray &text, ZtpIdentifier identifier)
{
    PatternReader reader(identifier, {});
    reader.m_lenient = true;
    QList<NeighborDbProblem> problems;
    try {
        const std::optional<Pattern> pattern =
            reader.read(YAML::Load(text.toStdString()), &problems);
        if (pattern)
            return *pattern;
    } catch (const YAML::Exception &error) {
        problems.append({QString(), error.mark.line + 1, QString::fromStdString(error.msg)});
    }
    return Error::badRequest(QStringLiteral("The node's stored pattern is not valid: %1")
                                 .arg(problems.value(0).toString()));
}

} // namespace Cairn
