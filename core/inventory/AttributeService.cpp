#include "AttributeService.h"

#include "BulkItems.h"
#include "ChangeLog.h"
#include "InventoryUsage.h"
#include "SiteService.h"
#include "auth/PermissionService.h"
#include "db/Transaction.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace Cairn {

namespace {

const QString AttributeResource = QStringLiteral("Attribute");

Error attributesError(const QString &message)
{
    return Error::invalidField(QStringLiteral("attributes"), message);
}

Result<bool> boolField(const QJsonObject &fields, const QString &name, bool fallback)
{
    const QJsonValue value = fields.value(name);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isBool())
        return Error::invalidField(name, QStringLiteral("Must be a valid boolean."));
    return value.toBool();
}

Result<void> checkValue(const Attribute &definition, const QJsonValue &value)
{
    if (!value.isString())
        return attributesError(
            QStringLiteral("Attribute value must be a string: %1").arg(definition.name));
    const QString text = value.toString();
    if (text.isEmpty() && !definition.allowEmpty)
        return attributesError(
            QStringLiteral("Attribute value cannot be empty: %1").arg(definition.name));
    if (!definition.pattern.isEmpty() && !text.isEmpty()) {
        // Python's re.match: anchored at the start only.
        const QRegularExpression pattern(QStringLiteral("\\A(?:%1)").arg(definition.pattern));
        if (!pattern.match(text).hasMatch())
            return attributesError(
                QStringLiteral("Attribute value %1 for %2 did not match pattern: %3")
                    .arg(text, definition.name, definition.pattern));
    }
    if (!definition.validValues.isEmpty() && !definition.validValues.contains(text))
        return attributesError(
            QStringLiteral("Attribute value %1 for %2 not a valid value: %3")
                .arg(text, definition.name, definition.validValues.join(QStringLiteral(", "))));
    return {};
}

} // namespace

AttributeService::AttributeService(Database &database, PermissionService &permissions,
                                   SiteService &sites)
    : m_database(database)
    , m_permissions(permissions)
    , m_sites(sites)
    , m_attributes(database)
{
}

Result<void> AttributeService::validate(const QHash<QString, Attribute> &definitions,
                                        const QJsonObject &values)
{
    for (auto it = values.begin(); it != values.end(); ++it) {
        const auto definition = definitions.constFind(it.key());
        if (definition == definitions.cend())
            return attributesError(
                QStringLiteral("Attribute name (%1) does not exist.").arg(it.key()));
        if (definition->multi) {
            if (!it.value().isArray())
                return attributesError(
                    QStringLiteral("Attribute type must be a list: %1").arg(it.key()));
            for (const QJsonValue item : it.value().toArray()) {
                Result<void> valid = checkValue(*definition, item);
                if (!valid)
                    return valid;
            }
        } else {
            Result<void> valid = checkValue(*definition, it.value());
            if (!valid)
                return valid;
        }
    }
    QStringList missing;
    for (const Attribute &definition : definitions) {
        if (definition.required && !values.contains(definition.name))
            missing << definition.name;
    }
    if (!missing.isEmpty()) {
        missing.sort();
        return attributesError(QStringLiteral("Missing required attributes: %1")
                                   .arg(missing.join(QStringLiteral(", "))));
    }
    return {};
}

Result<QList<Attribute>> AttributeService::list(const AttributeFilter &filter)
{
    return m_attributes.list(filter);
}

Result<Attribute> AttributeService::get(qint64 id)
{
    const Result<std::optional<Attribute>> found = m_attributes.find(id);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(QStringLiteral("Attribute not found."));
    return found->value();
}

Result<Attribute> AttributeService::applyFields(Attribute attribute, const QJsonObject &fields,
                                                bool creating, bool partial)
{
    static const QRegularExpression namePattern(QStringLiteral("^[a-z][a-z0-9_]*$"));
    for (const QString &immutable : {QStringLiteral("name"), QStringLiteral("resource_name")}) {
        if (creating) {
            const QString value = fields.value(immutable).toString();
            if (value.isEmpty())
                return Error::invalidField(immutable, QStringLiteral("This field is required."));
        } else if (fields.contains(immutable) &&
                   fields.value(immutable).toString() != (immutable == QLatin1String("name")
                                                              ? attribute.name
                                                              : attribute.resourceName)) {
            return Error::invalidField(immutable, QStringLiteral("Cannot be changed."));
        }
    }
    if (creating) {
        attribute.name = fields.value(QStringLiteral("name")).toString();
        attribute.resourceName = fields.value(QStringLiteral("resource_name")).toString();
        if (!namePattern.match(attribute.name).hasMatch() || attribute.name.size() > 64)
            return Error::invalidField(
                QStringLiteral("name"),
                QStringLiteral("Invalid name: use lowercase letters, digits and "
                               "underscores, starting with a letter."));
        if (!Attribute::ResourceNames.contains(attribute.resourceName))
            return Error::invalidField(
                QStringLiteral("resource_name"),
                QStringLiteral("Invalid resource name: %1. Choose one of %2.")
                    .arg(attribute.resourceName,
                         Attribute::ResourceNames.join(QStringLiteral(", "))));
    }
    if (fields.contains(QStringLiteral("description")) || !partial)
        attribute.description = fields.value(QStringLiteral("description")).toString();
    const auto flag = [&](const QString &name, bool current) {
        return boolField(fields, name, partial ? current : false);
    };
    const Result<bool> required = flag(QStringLiteral("required"), attribute.required);
    const Result<bool> display = flag(QStringLiteral("display"), attribute.display);
    const Result<bool> multi = flag(QStringLiteral("multi"), attribute.multi);
    for (const Result<bool> *value : {&required, &display, &multi}) {
        if (!*value)
            return value->error();
    }
    attribute.required = required.value();
    attribute.display = display.value() || attribute.required; // required ones always display
    attribute.multi = multi.value();
    const QJsonValue constraintsValue = fields.value(QStringLiteral("constraints"));
    if (!constraintsValue.isUndefined() || !partial) {
        if (!constraintsValue.isUndefined() && !constraintsValue.isNull() &&
            !constraintsValue.isObject())
            return Error::invalidField(QStringLiteral("constraints"),
                                       QStringLiteral("Must be an object."));
        const QJsonObject constraints = constraintsValue.toObject();
        const Result<bool> allowEmpty =
            boolField(constraints, QStringLiteral("allow_empty"), false);
        if (!allowEmpty)
            return Error::invalidField(QStringLiteral("constraints"),
                                       QStringLiteral("allow_empty must be a boolean."));
        attribute.allowEmpty = allowEmpty.value();
        attribute.pattern = constraints.value(QStringLiteral("pattern")).toString();
        if (!attribute.pattern.isEmpty() && !QRegularExpression(attribute.pattern).isValid())
            return Error::invalidField(
                QStringLiteral("constraints"),
                QStringLiteral("Invalid pattern: %1").arg(attribute.pattern));
        attribute.validValues.clear();
        const QJsonValue validValues = constraints.value(QStringLiteral("valid_values"));
        if (!validValues.isUndefined() && !validValues.isNull() && !validValues.isArray())
            return Error::invalidField(QStringLiteral("constraints"),
                                       QStringLiteral("valid_values must be a list."));
        for (const QJsonValue value : validValues.toArray()) {
            if (!value.isString())
                return Error::invalidField(QStringLiteral("constraints"),
                                           QStringLiteral("valid_values must be strings."));
            attribute.validValues << value.toString();
        }
    }
    return attribute;
}

Result<Attribute> AttributeService::prepare(const Identity &caller, QJsonObject fields,
                                            std::optional<qint64> defaultSite)
{
    if (defaultSite && !fields.contains(QStringLiteral("site_id")))
        fields.insert(QStringLiteral("site_id"), *defaultSite);
    const QJsonValue siteValue = fields.value(QStringLiteral("site_id"));
    if (!siteValue.isDouble())
        return Error::invalidField(QStringLiteral("site_id"),
                                   QStringLiteral("This field is required."));
    const Result<Site> site = m_sites.get(qint64(siteValue.toDouble()));
    if (!site)
        return Error::invalidField(QStringLiteral("site_id"),
                                   QStringLiteral("Site does not exist."));
    const Result<void> allowed =
        m_permissions.require(caller, QStringLiteral("site"), site->id, Action::Add);
    if (!allowed)
        return allowed.error();
    Attribute blank;
    blank.siteId = site->id;
    return applyFields(blank, fields, true, false);
}

Result<QList<Attribute>> AttributeService::create(const Identity &caller, const QJsonArray &items,
                                                  std::optional<qint64> defaultSite)
{
    QList<Attribute> attributes;
    BulkItems::ItemCursor cursor(items.size());
    for (const QJsonValue item : items) {
        cursor.next();
        if (!item.isObject())
            return cursor.locate(
                Error::badRequest(QStringLiteral("Expected a JSON object for each attribute.")));
        const Result<Attribute> attribute = prepare(caller, item.toObject(), defaultSite);
        if (!attribute)
            return cursor.locate(attribute.error());
        attributes << attribute.value();
    }
    cursor.done();
    const Result<void> saved =
        Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
            for (Attribute &attribute : attributes) {
                const Result<qint64> id = m_attributes.insert(db, attribute);
                if (!id)
                    return id.error().code == ErrorCode::Conflict
                               ? Error{ErrorCode::Conflict,
                                       QStringLiteral("Attribute %1 (%2) already exists.")
                                           .arg(attribute.name, attribute.resourceName),
                                       {{QStringLiteral("name"),
                                         QStringLiteral("Attribute with this site, name and "
                                                        "resource name already exists.")}}}
                               : id.error();
                attribute.id = id.value();
                const Result<void> logged = ChangeLog::record(
                    db, caller.user.id, attribute.siteId, QStringLiteral("Create"),
                    AttributeResource, attribute.id, attribute.toJson());
                if (!logged)
                    return logged.error();
            }
            return {};
        });
    if (!saved)
        return saved.error();
    return attributes;
}

Result<QHash<qint64, Attribute>>
AttributeService::allowedTargets(const Identity &caller, const QList<qint64> &ids, Action action)
{
    Result<QHash<qint64, Attribute>> targets = BulkItems::fetchEach<Attribute>(
        ids, QStringLiteral("Attribute"), [this](qint64 id) { return m_attributes.find(id); });
    if (!targets)
        return targets;
    for (const Attribute &attribute : targets.value()) {
        const Result<void> allowed =
            m_permissions.require(caller, QStringLiteral("site"), attribute.siteId, action);
        if (!allowed)
            return allowed.error();
    }
    return targets;
}

Result<QList<Attribute>> AttributeService::update(const Identity &caller, const QJsonArray &items,
                                                  bool partial)
{
    const Result<QList<qint64>> ids = BulkItems::idsOf(items);
    if (!ids)
        return ids.error();
    const Result<QHash<qint64, Attribute>> targets =
        allowedTargets(caller, ids.value(), Action::Change);
    if (!targets)
        return targets.error();
    QList<Attribute> attributes;
    BulkItems::ItemCursor cursor(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        cursor.at(i);
        const Result<Attribute> attribute =
            applyFields(targets->value(ids->at(i)), items.at(i).toObject(), false, partial);
        if (!attribute)
            return cursor.locate(attribute.error());
        attributes << attribute.value();
    }
    cursor.done();
    const Result<void> saved =
        Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
            for (const Attribute &attribute : std::as_const(attributes)) {
                const Result<void> done = Transaction::allOf(
                    {[&] { return m_attributes.update(db, attribute); },
                     [&] {
                         return ChangeLog::record(db, caller.user.id, attribute.siteId,
                                                  QStringLiteral("Update"), AttributeResource,
                                                  attribute.id, attribute.toJson());
                     }});
                if (!done)
                    return done.error();
            }
            return {};
        });
    if (!saved)
        return saved.error();
    return attributes;
}

Result<void> AttributeService::remove(const Identity &caller, const QList<qint64> &ids)
{
    const QList<qint64> unique = BulkItems::distinctInOrder(ids);
    const Result<QHash<qint64, Attribute>> targets = allowedTargets(caller, unique, Action::Delete);
    if (!targets)
        return targets.error();
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
        for (qint64 id : unique) {
            const Attribute &attribute = *targets->constFind(id);
            const Result<bool> used = m_attributes.hasValues(db, id);
            if (!used)
                return used.error();
            if (used.value()) {
                const Result<QStringList> usage = InventoryUsage::ofAttribute(db, id);
                if (!usage)
                    return usage.error();
                return Error::conflict(
                    QStringLiteral("Cannot delete attribute %1: %2 still have a value for it.")
                        .arg(attribute.name, InventoryUsage::joined(usage.value())));
            }
            const Result<void> done = Transaction::allOf(
                {[&] { return m_attributes.remove(db, id); },
                 [&] {
                     return ChangeLog::record(db, caller.user.id, attribute.siteId,
                                              QStringLiteral("Delete"), AttributeResource, id,
                                              attribute.toJson());
                 }});
            if (!done)
                return done.error();
        }
        return {};
    });
}

} // namespace Cairn
