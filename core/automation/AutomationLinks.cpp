#include "AutomationLinks.h"

#include "EnmsValues.h"
#include "auth/PermissionService.h"
#include "inventory/DeviceService.h"

namespace Cairn {

namespace {

const QStringList Properties{QStringLiteral("name"),        QStringLiteral("new_name"),
                             QStringLiteral("source_name"), QStringLiteral("destination_name"),
                             QStringLiteral("color"),       QStringLiteral("description")};

} // namespace

Result<Link> AutomationLinks::byName(const QString &name)
{
    const Result<std::optional<Link>> found = m_links.byName(name);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(QStringLiteral("link %1 not found.").arg(name));
    return found->value();
}

Result<QJsonObject> AutomationLinks::link(const QString &name)
{
    const Result<Link> found = byName(name);
    if (!found)
        return found.error();
    return found->toJson();
}

Result<void> AutomationLinks::mayAct(const Identity &caller, const Link &link, Action action)
{
    for (const qint64 deviceId : {link.sourceId, link.destinationId}) {
        const Result<Device> device = m_devices.get(QString::number(deviceId));
        if (!device)
            return device.error();
        const Result<void> allowed =
            m_permissions.require(caller, QStringLiteral("site"), device->siteId, action);
        if (!allowed)
            return allowed.error();
    }
    return {};
}

Result<QJsonObject> AutomationLinks::removeLink(const Identity &caller, const QString &name)
{
    const Result<Link> found = byName(name);
    if (!found)
        return found.error();
    if (found->id == 0)
        return Error::conflict(QStringLiteral("%1 is the NSoT circuit %2; delete it there "
                                              "(DELETE /api/circuits/%2/).")
                                   .arg(found->name)
                                   .arg(*found->circuitId));
    const Result<void> allowed = mayAct(caller, found.value(), Action::Delete);
    if (!allowed)
        return allowed.error();
    const Result<void> removed = m_links.remove(found->id);
    if (!removed)
        return removed.error();
    return found->toJson();
}

Result<qint64> AutomationLinks::endpoint(const QString &field, const QJsonValue &name)
{
    if (!name.isString() || name.toString().isEmpty())
        return Error::invalidField(field, QStringLiteral("The name of a device."));
    DeviceFilter filter;
    filter.hostname = name.toString();
    filter.limit = 2;
    const Result<QList<Device>> found = m_devices.list(filter);
    if (!found)
        return found.error();
    if (found->size() != 1)
        return Error::invalidField(
            field, found->isEmpty()
                       ? QStringLiteral("No device %1.").arg(name.toString())
                       : QStringLiteral("Several sites have a device %1.").arg(name.toString()));
    return found->first().id;
}

Result<QString> AutomationLinks::saveLink(const Identity &caller, const QJsonValue &value)
{
    if (!value.isObject())
        return Error::badRequest(QStringLiteral("Expected an object."));
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!Properties.contains(it.key()) && it.key() != QLatin1String("id"))
            return Error::invalidField(it.key(), QStringLiteral("Links have no such property."));
    }
    const Result<QString> name = EnmsValues::nameOf(object);
    if (!name)
        return name.error();
    Result<Link> existing = byName(name.value());
    if (!existing && existing.error().code != ErrorCode::NotFound)
        return existing.error();
    Link link = existing ? existing.value() : Link{};
    if (existing) {
        // The link must be the caller's to change where it is now, not only where it goes.
        const Result<void> allowed = mayAct(caller, link, Action::Change);
        if (!allowed)
            return allowed.error();
    } else {
        link.name = name.value();
        for (const char *required : {"source_name", "destination_name"}) {
            if (!object.contains(QLatin1String(required)))
                return Error::invalidField(QString::fromLatin1(required),
                                           QStringLiteral("This field is required."));
        }
    }
    const auto text = [&](const char *key, QString &into) -> Result<void> {
        const QJsonValue given = object.value(QLatin1String(key));
        if (given.isUndefined())
            return {};
        if (!given.isString())
            return Error::invalidField(QString::fromLatin1(key),
                                       QStringLiteral("Not a valid string."));
        into = given.toString().trimmed();
        return {};
    };
    for (const Result<void> &done : {text("new_name", link.name), text("color", link.color),
                                     text("description", link.description)}) {
        if (!done)
            return done.error();
    }
    if (link.name.isEmpty())
        return Error::invalidField(QStringLiteral("new_name"), QStringLiteral("A name is needed."));
    for (const auto &[key, into] :
         {std::pair{QStringLiteral("source_name"), &link.sourceId},
          std::pair{QStringLiteral("destination_name"), &link.destinationId}}) {
        if (!object.contains(key))
            continue;
        const Result<qint64> device = endpoint(key, object.value(key));
        if (!device)
            return device.error();
        *into = device.value();
    }
    const Result<void> allowed = mayAct(caller, link, Action::Change);
    if (!allowed)
        return allowed.error();
    // A circuit no link named yet becomes one, the same edge seen from both faces.
    const Result<void> saved = link.id != 0 ? m_links.update(link) : m_links.insert(link);
    if (!saved && saved.error().code == ErrorCode::Conflict)
        return Error::invalidField(QStringLiteral("new_name"),
                                   QStringLiteral("A link named %1 exists.").arg(link.name));
    if (!saved)
        return saved.error();
    return link.name;
}

SaveReport AutomationLinks::saveLinks(const Identity &caller, const QJsonArray &objects)
{
    return EnmsValues::saveEach(objects,
                                [&](const QJsonValue &object) { return saveLink(caller, object); });
}

Result<QJsonArray> AutomationLinks::queryLinks(const QList<QPair<QString, QString>> &equal)
{
    const Result<QList<Link>> links = m_links.list();
    if (!links)
        return links.error();
    QList<QJsonObject> objects;
    for (const Link &link : links.value())
        objects << link.toJson();
    QSet<QString> known;
    for (const QString &key : Link().toJson().keys())
        known.insert(key);
    return EnmsValues::matching(objects, known, equal);
}

} // namespace Cairn
