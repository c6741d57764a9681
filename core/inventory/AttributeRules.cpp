#include "AttributeRules.h"

#include "AttributeService.h"
#include "AttributeValueRepository.h"
#include "AttributeValueRows.h"

namespace Cairn {

AttributeRules::AttributeRules(AttributeService &attributes, AttributeValueRepository &values,
                               QString resourceName)
    : m_attributes(attributes)
    , m_values(values)
    , m_resourceName(std::move(resourceName))
{
}

Result<QHash<QString, Attribute>> AttributeRules::definitions(qint64 siteId)
{
    const auto known = m_bySite.constFind(siteId);
    if (known != m_bySite.cend())
        return known.value();
    Result<QHash<QString, Attribute>> fetched =
        m_attributes.repository().definitions(siteId, m_resourceName);
    if (fetched)
        m_bySite.insert(siteId, fetched.value());
    return fetched;
}

Result<QJsonObject> AttributeRules::resolve(qint64 siteId, const QJsonObject &fields,
                                            const QJsonObject &current, AttributeWrite write,
                                            const QStringList &alsoRequired)
{
    const QString field = QStringLiteral("attributes");
    const QJsonValue given = fields.value(field);
    if (write == AttributeWrite::Replace && !fields.contains(field))
        return Error::invalidField(field, QStringLiteral("This field is required."));
    if (!given.isUndefined() && !given.isNull() && !given.isObject())
        return Error::invalidField(field, QStringLiteral("Expected a dictionary of items."));
    QJsonObject attributes = write == AttributeWrite::Merge ? current : QJsonObject();
    const QJsonObject changes = given.toObject();
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().isNull())
            attributes.remove(it.key());
        else
            attributes.insert(it.key(), it.value());
    }
    Result<QHash<QString, Attribute>> known = definitions(siteId);
    if (!known)
        return known.error();
    QHash<QString, Attribute> rules = std::move(known).value();
    for (const QString &name : alsoRequired) {
        if (rules.contains(name))
            rules[name].required = true;
    }
    const Result<void> valid = AttributeService::validate(rules, attributes);
    if (!valid)
        return valid.error();
    return attributes;
}

Result<void> AttributeRules::store(const QSqlDatabase &db, qint64 siteId, qint64 id,
                                   const QJsonObject &attributes, AttributeWrite write)
{
    if (write == AttributeWrite::Create) {
        AttributeValueRows rows;
        const Result<void> collected = collect(rows, siteId, id, attributes);
        return collected ? m_values.insert(db, m_resourceName, rows) : collected;
    }
    const Result<QHash<QString, Attribute>> rules = definitions(siteId);
    if (!rules)
        return rules.error();
    return m_values.replace(db, m_resourceName, id, attributes, rules.value());
}

Result<void> AttributeRules::collect(AttributeValueRows &rows, qint64 siteId, qint64 id,
                                     const QJsonObject &attributes)
{
    const Result<QHash<QString, Attribute>> rules = definitions(siteId);
    if (!rules)
        return rules.error();
    rows.add(id, attributes, rules.value());
    return {};
}

} // namespace Cairn
