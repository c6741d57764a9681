#include "Representation.h"

#include "routing/ApiRequest.h"

namespace Cairn {

namespace {

QStringList listParameter(const ApiRequest &request, const QString &name)
{
    QStringList values;
    for (const QString &item : request.http.query.allQueryItemValues(name, QUrl::FullyDecoded))
        values += item.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &value : values)
        value = value.trimmed();
    return values;
}

} // namespace

Representation::Representation(const ApiRequest &request)
    : m_fields(listParameter(request, QStringLiteral("fields")))
    , m_omit(listParameter(request, QStringLiteral("omit")))
    , m_expand(listParameter(request, QStringLiteral("expand")))
{
}

void Representation::addExpander(const QString &field, Expander expander)
{
    m_expanders.emplace(field, std::move(expander));
}

QJsonObject Representation::shape(const QJsonObject &full, const QStringList &visible) const
{
    QJsonObject shaped;
    for (const QString &key : m_fields.isEmpty() ? visible : m_fields) {
        if (full.contains(key))
            shaped.insert(key, full.value(key));
    }
    for (const QString &key : m_omit)
        shaped.remove(key);
    return m_expand.isEmpty() ? shaped : expand(shaped, m_expand);
}

QJsonObject Representation::expand(QJsonObject object, const QStringList &paths) const
{
    // "a.b": expand a here, then b inside the object a became. Unknown names are ignored.
    QHash<QString, QStringList> nested;
    for (const QString &path : paths) {
        const QString head = path.section(QLatin1Char('.'), 0, 0);
        const QString rest = path.section(QLatin1Char('.'), 1);
        QStringList &children = nested[head];
        if (!rest.isEmpty())
            children << rest;
    }
    for (auto it = nested.cbegin(); it != nested.cend(); ++it) {
        const auto expander = m_expanders.constFind(it.key());
        if (expander == m_expanders.cend() || !object.contains(it.key()))
            continue;
        const QJsonValue current = object.value(it.key());
        QJsonValue expanded = current.isObject() ? current : (*expander)(current);
        if (expanded.isObject() && !it.value().isEmpty())
            expanded = expand(expanded.toObject(), it.value());
        object.insert(it.key(), expanded);
    }
    return object;
}

} // namespace Cairn
