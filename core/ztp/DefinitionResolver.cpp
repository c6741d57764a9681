#include "DefinitionResolver.h"

#include "ResourceFunctions.h"

#include <QJsonArray>

namespace Cairn {

Result<QJsonObject> DefinitionResolver::resolve(const QJsonObject &definition,
                                                const QJsonObject &nodeAttributes,
                                                const ResourceFunctions &functions)
{
    const QJsonObject shared = definition.value(QStringLiteral("attributes")).toObject();
    const auto lookup = [&](const QJsonValue &value) {
        const QString text = value.toString();
        if (!value.isString() || !text.startsWith(QLatin1Char('$')))
            return value;
        const QString name = text.mid(1);
        if (nodeAttributes.contains(name))
            return nodeAttributes.value(name);
        // Found nowhere: null, as ZTPServer sends it.
        return shared.contains(name) ? shared.value(name) : QJsonValue(QJsonValue::Null);
    };
    QJsonArray actions;
    for (const auto &entry : definition.value(QStringLiteral("actions")).toArray()) {
        QJsonObject action = entry.toObject();
        if (!action.contains(QStringLiteral("attributes"))) {
            actions.append(action);
            continue;
        }
        const QJsonObject raw = action.value(QStringLiteral("attributes")).toObject();
        QJsonObject values;
        for (auto it = raw.constBegin(); it != raw.constEnd(); ++it) {
            if (!it.value().isObject()) {
                values.insert(it.key(), lookup(it.value()));
                continue;
            }
            const QJsonObject inner = it.value().toObject();
            QJsonObject substituted;
            for (auto innerIt = inner.constBegin(); innerIt != inner.constEnd(); ++innerIt)
                substituted.insert(innerIt.key(), lookup(innerIt.value()));
            values.insert(it.key(), substituted);
        }
        Result<QJsonValue> resolved = functions.resolve(values);
        if (!resolved)
            return resolved.error();
        action.insert(QStringLiteral("attributes"), resolved.value());
        actions.append(action);
    }
    QJsonObject result = definition;
    result.insert(QStringLiteral("actions"), actions);
    return result;
}

} // namespace Cairn
