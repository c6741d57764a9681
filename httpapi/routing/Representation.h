#pragma once

#include <QHash>
#include <QJsonObject>
#include <QStringList>
#include <functional>

namespace Cairn {

struct ApiRequest;

// NSoT's ?fields=, ?omit= and ?expand= (dot notation for nested objects), applied the same way
// to every list and detail answer of the NSoT face and of the native lists. Expanders turn a
// foreign key into its object; they are expected to cache, so a page of rows costs one lookup, not
// one per row.
class Representation
{
public:
    using Expander = std::function<QJsonValue(const QJsonValue &key)>;

    explicit Representation(const ApiRequest &request);

    void addExpander(const QString &field, Expander expander);
    // `full` is every field the object has; `visible` those shown when ?fields= is absent.
    QJsonObject shape(const QJsonObject &full, const QStringList &visible) const;
    // Whether ?fields= names `field` (for fields read only on request).
    bool asksFor(const QString &field) const { return m_fields.contains(field); }

private:
    QJsonObject expand(QJsonObject object, const QStringList &paths) const;

    QStringList m_fields;
    QStringList m_omit;
    QStringList m_expand;
    QHash<QString, Expander> m_expanders;
};

} // namespace Cairn
