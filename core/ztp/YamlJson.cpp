#include "YamlJson.h"

#include "ZtpDataRoot.h"
#include "io/YamlScalar.h"

#include <QJsonArray>
#include <QJsonObject>
#include <optional>
#include <yaml-cpp/yaml.h>

namespace Cairn {

namespace {

// What one document may expand to. yaml-cpp keeps an alias as the node it names, so a small
// file of nested aliases ("billion laughs") would become billions of JSON values here.
constexpr qint64 MaxValues = 1000000;
constexpr int MaxDepth = 64;

// The node as JSON, or nothing once `budget` values are spent or it nests deeper than MaxDepth.
std::optional<QJsonValue> toJson(const YAML::Node &node, int depth, qint64 &budget)
{
    if (--budget < 0 || depth > MaxDepth)
        return std::nullopt;
    switch (node.Type()) {
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const YAML::Node &item : node) {
            const std::optional<QJsonValue> value = toJson(item, depth + 1, budget);
            if (!value)
                return std::nullopt;
            array.append(*value);
        }
        return array;
    }
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto &entry : node) {
            const std::optional<QJsonValue> value = toJson(entry.second, depth + 1, budget);
            if (!value)
                return std::nullopt;
            object.insert(QString::fromStdString(entry.first.Scalar()), *value);
        }
        return object;
    }
    case YAML::NodeType::Scalar: {
        const QString text = QString::fromStdString(node.Scalar());
        // "!" marks a quoted scalar: a string whatever it looks like.
        return YamlScalar::read(text, node.Tag() == "!");
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    return QJsonValue::Null;
}

} // namespace

Result<QJsonObject> yamlObject(const QByteArray &text, const QString &what)
{
    std::optional<QJsonValue> json;
    try {
        qint64 budget = MaxValues;
        json = toJson(YAML::Load(text.toStdString()), 0, budget);
    } catch (const YAML::Exception &error) {
        return Error::badRequest(QStringLiteral("%1 does not parse (line %2): %3")
                                     .arg(what)
                                     .arg(error.mark.line + 1)
                                     .arg(QString::fromStdString(error.msg)));
    }
    if (!json)
        return Error::badRequest(
            QStringLiteral("%1 expands past %2 values or nests deeper than %3.")
                .arg(what)
                .arg(MaxValues)
                .arg(MaxDepth));
    if (json->isNull())
        return QJsonObject();
    if (!json->isObject())
        return Error::badRequest(QStringLiteral("%1 must be a mapping.").arg(what));
    return json->toObject();
}

Result<QJsonObject> yamlObjectFile(const QString &path, const QString &what)
{
    Result<QByteArray> text = ZtpDataRoot::read(path);
    if (!text)
        return Error::badRequest(QStringLiteral("%1 cannot be read.").arg(what));
    return yamlObject(text.value(), what);
}

} // namespace Cairn
