#include "YamlJson.h"

#include "ZtpDataRoot.h"
#include "io/YamlScalar.h"

#include <QJsonArray>
#include <QJsonObject>
#include <yaml-cpp/yaml.h>

namespace Cairn {

QJsonValue yamlToJson(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const YAML::Node &item : node)
            array.append(yamlToJson(item));
        return array;
    }
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto &entry : node)
            object.insert(QString::fromStdString(entry.first.Scalar()), yamlToJson(entry.second));
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

Result<QJsonObject> yamlObject(const QByteArray &text, const QString &what)
{
    QJsonValue json;
    try {
        json = yamlToJson(YAML::Load(text.toStdString()));
    } catch (const YAML::Exception &error) {
        return Error::badRequest(QStringLiteral("%1 does not parse (line %2): %3")
                                     .arg(what)
                                     .arg(error.mark.line + 1)
                                     .arg(QString::fromStdString(error.msg)));
    }
    if (json.isNull())
        return QJsonObject();
    if (!json.isObject())
        return Error::badRequest(QStringLiteral("%1 must be a mapping.").arg(what));
    return json.toObject();
}

Result<QJsonObject> yamlObjectFile(const QString &path, const QString &what)
{
    Result<QByteArray> text = ZtpDataRoot::read(path);
    if (!text)
        return Error::badRequest(QStringLiteral("%1 cannot be read.").arg(what));
    return yamlObject(text.value(), what);
}

} // namespace Cairn
