#include "ServiceTemplates.h"

#include "AutomationInventory.h"
#include "DeviceTexts.h"
#include "UrlOrigin.h"
#include "inventory/SiteService.h"
#include "templating/Template.h"

#include <QJsonArray>

namespace Cairn {

namespace {

// The settings whose text is a template, by service type; content_match on every type.
QStringList templatedSettings(const QString &type)
{
    QStringList names{QStringLiteral("content_match")};
    if (type == u"command_service")
        names << QStringLiteral("commands") << QStringLiteral("expect_string");
    else if (type == u"backup_service")
        names << QStringLiteral("commands");
    else if (type == u"rest_call_service")
        names << QStringLiteral("rest_url") << QStringLiteral("payload");
    else if (type == u"template_service")
        names << QStringLiteral("template");
    return names;
}

// Applies `change` to every text in `value` (a string, or the strings inside lists and
// objects), keys left as they are.
Result<QJsonValue> eachText(const QJsonValue &value,
                            const std::function<Result<QString>(const QString &)> &change)
{
    if (value.isString()) {
        Result<QString> changed = change(value.toString());
        if (!changed)
            return changed.error();
        return QJsonValue(changed.value());
    }
    if (value.isArray()) {
        QJsonArray items;
        for (const QJsonValue item : value.toArray()) {
            Result<QJsonValue> changed = eachText(item, change);
            if (!changed)
                return changed;
            items.append(changed.value());
        }
        return QJsonValue(items);
    }
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            Result<QJsonValue> changed = eachText(it.value(), change);
            if (!changed)
                return changed;
            it.value() = changed.value();
        }
        return QJsonValue(object);
    }
    return value;
}

Result<QString> renderText(const QString &text, const QJsonObject &context)
{
    // Plain text (most commands) is its own rendering, without a parse.
    if (!Template::isTemplated(text))
        return text;
    const Result<Template> parsed = Template::parse(text);
    if (!parsed)
        return parsed.error();
    return parsed->render(context);
}

// A call that carries the service's password or headers goes to a host its own settings or
// the device name, never one from the run's payload or what earlier steps gave (which may come
// from the payload): its authority is rendered again with the device alone and must come out
// the same.
Result<void> checkSecretOrigin(const Service &service, const QString &renderedUrl,
                               const QJsonObject &context)
{
    if (service.sealedSecret.isEmpty())
        return {};
    QJsonObject deviceOnly;
    if (context.contains(QLatin1String("device")))
        deviceOnly.insert(QStringLiteral("device"), context.value(QLatin1String("device")));
    const QString saved = service.settings.value(QLatin1String("rest_url")).toString();
    const Result<QString> ownHost = renderText(UrlOrigin::authorityText(saved), deviceOnly);
    const QString origin = UrlOrigin::of(renderedUrl);
    if (!ownHost || origin.isEmpty() || UrlOrigin::of(ownHost.value() + u'/') != origin)
        return Error::invalidField(
            QStringLiteral("rest_url"),
            QStringLiteral("A call with the service's password or headers goes to the host the "
                           "service names (in its settings or from the device), not one from the "
                           "run's payload or earlier steps."));
    return {};
}

} // namespace

Result<void> ServiceTemplates::check(const QString &type, const QJsonObject &settings)
{
    for (const QString &name : templatedSettings(type)) {
        const Result<QJsonValue> checked =
            eachText(settings.value(name), [](const QString &text) -> Result<QString> {
                if (!Template::isTemplated(text))
                    return text;
                const Result<Template> parsed = Template::parse(text);
                if (!parsed)
                    return parsed.error();
                return text;
            });
        if (!checked)
            return Error::invalidField(name, checked.error().message);
    }
    if (type == u"data_extraction_service") {
        const QString query = settings.value(QLatin1String("query")).toString();
        const Result<void> parsed = Template::checkExpression(query);
        if (!parsed)
            return Error::invalidField(QStringLiteral("query"), parsed.error().message);
    }
    return {};
}

Result<QJsonObject> ServiceTemplates::contextOf(const Service &service, const Device *device,
                                                const QJsonObject &payload)
{
    QJsonObject context{{QStringLiteral("payload"), payload}};
    if (!device)
        return context;
    Device shown = *device;
    // Texts can be large: read only when a field names one.
    QString sources = service.settings.value(QLatin1String("query")).toString();
    for (const QString &name : templatedSettings(service.type))
        (void)eachText(service.settings.value(name), [&sources](const QString &text) {
            sources += text;
            return Result<QString>(text);
        });
    const bool namesText =
        std::any_of(Device::TextFields.cbegin(), Device::TextFields.cend(),
                    [&sources](const QString &field) { return sources.contains(field); });
    if (namesText) {
        Result<QHash<QString, QString>> texts = m_texts.texts(device->id);
        if (!texts)
            return texts.error();
        shown.texts = std::move(texts).value();
    }
    const Result<Site> site = m_sites.get(device->siteId);
    context.insert(QStringLiteral("device"),
                   AutomationInventory::toEnms(shown, site ? site->name : QString(), {}));
    return context;
}

Result<Service> ServiceTemplates::rendered(const Service &service, const QJsonObject &context)
{
    Service result = service;
    for (const QString &name : templatedSettings(service.type)) {
        const Result<QJsonValue> value =
            eachText(service.settings.value(name),
                     [&context](const QString &text) { return renderText(text, context); });
        if (!value)
            return Error(ErrorCode::BadRequest,
                         QStringLiteral("%1: %2").arg(name, value.error().message),
                         {{name, value.error().message}});
        result.settings.insert(name, value.value());
    }
    if (service.type == u"rest_call_service") {
        const Result<void> origin = checkSecretOrigin(
            service, result.settings.value(QLatin1String("rest_url")).toString(), context);
        if (!origin)
            return origin.error();
    }
    return result;
}

} // namespace Cairn
