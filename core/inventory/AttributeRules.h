#pragma once

#include "Attribute.h"
#include "Result.h"

#include <QHash>
#include <QJsonObject>
#include <QSqlDatabase>

namespace Cairn {

class AttributeService;
class AttributeValueRepository;
class AttributeValueRows;

// How a write treats `attributes`: a new object's optional dictionary, a PUT's required
// whole dictionary, or a PATCH merged into the current one (null deleting a name).
enum class AttributeWrite
{
    Create,
    Replace,
    Merge,
};

// The attribute side of one bulk write to one resource type: definitions fetched once per
// site, the dictionary each object ends up with (validated), and storing it.
class AttributeRules
{
public:
    AttributeRules(AttributeService &attributes, AttributeValueRepository &values,
                   QString resourceName);

    // The dictionary `fields` leaves on an object of `siteId` whose attributes are `current`.
    // `alsoRequired` names attributes required on top of the definitions (a protocol type's).
    Result<QJsonObject> resolve(qint64 siteId, const QJsonObject &fields,
                                const QJsonObject &current, AttributeWrite write,
                                const QStringList &alsoRequired = {});
    // Stores what resolve() returned for the object `id` (new objects have no rows to drop).
    Result<void> store(const QSqlDatabase &db, qint64 siteId, qint64 id,
                       const QJsonObject &attributes, AttributeWrite write);
    // Adds what resolve() returned for the new object `id` to `rows`, for a bulk create that
    // writes every object's values at once (AttributeValueRepository::insert).
    Result<void> collect(AttributeValueRows &rows, qint64 siteId, qint64 id,
                         const QJsonObject &attributes);

private:
    Result<QHash<QString, Attribute>> definitions(qint64 siteId);

    AttributeService &m_attributes;
    AttributeValueRepository &m_values;
    QString m_resourceName;
    QHash<qint64, QHash<QString, Attribute>> m_bySite;
};

} // namespace Cairn
