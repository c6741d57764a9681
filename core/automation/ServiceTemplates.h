#pragma once

#include "Result.h"
#include "Service.h"
#include "inventory/Device.h"

#include <QJsonObject>

namespace Cairn {

class DeviceTexts;
class SiteService;

// A service's text fields are Jinja2 templates ({{ device.name }},
// {{ payload["rest_data"]["vlan"] }}): checked when the service is saved, rendered for each
// device when it runs. Templates see `device` (eNMS's properties, custom ones included; its
// configuration, operational_data and specialized_data when a field names them) and `payload`
// (the service's initial_payload, the caller's on top, REST extras under rest_data).
class ServiceTemplates
{
public:
    ServiceTemplates(DeviceTexts &texts, SiteService &sites)
        : m_texts(texts)
        , m_sites(sites)
    {
    }

    // Every templated setting of a `type` service parses (a data extraction's query as one
    // expression); a 400 names the field and the line.
    static Result<void> check(const QString &type, const QJsonObject &settings);
    // What the templates of `service` see on `device` (null: the service runs once).
    Result<QJsonObject> contextOf(const Service &service, const Device *device,
                                  const QJsonObject &payload);
    // `service` with its templated settings rendered in `context`. A template that fails (a
    // missing key) is a 400 naming the field. A call carrying the service's password or
    // headers keeps the host it was saved with, whatever the run's payload says.
    static Result<Service> rendered(const Service &service, const QJsonObject &context);

private:
    DeviceTexts &m_texts;
    SiteService &m_sites;
};

} // namespace Cairn
