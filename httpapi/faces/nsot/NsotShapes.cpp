#include "NsotShapes.h"

#include "CoreServices.h"
#include "NsotSupport.h"
#include "routing/Representation.h"

namespace Cairn::Nsot {

namespace {

// NSoT's fields of a device, and how the toolkit and automation reach it (one device for every
// face); ?fields= may also name the other product-wide ones (vendor, model, ...).
const QStringList DeviceFields{QStringLiteral("id"),         QStringLiteral("site_id"),
                               QStringLiteral("hostname"),   QStringLiteral("attributes"),
                               QStringLiteral("ip_address"), QStringLiteral("port"),
                               QStringLiteral("platform")};

QJsonObject visibleDevice(const Device &device)
{
    QJsonObject full = device.toJson();
    QJsonObject visible;
    for (const QString &field : DeviceFields)
        visible.insert(field, full.value(field));
    return visible;
}

// Rows keyed by id for an expander, fetched with one list call.
template <typename Filter, typename Service, typename ToJson>
QHash<qint64, QJsonObject> byId(Service &service, const QList<qint64> &ids, ToJson toJson)
{
    Filter filter;
    filter.ids = ids;
    filter.limit = int(ids.size());
    QHash<qint64, QJsonObject> rows;
    const auto found = service.list(filter);
    if (found) {
        for (const auto &object : found.value())
            rows.insert(object.id, toJson(object));
    }
    return rows;
}

QJsonArray shapeAll(const Representation &representation, const QJsonArray &full,
                    const QStringList &visible = {})
{
    QJsonArray rows;
    for (const QJsonValue row : full) {
        const QJsonObject object = row.toObject();
        rows.append(representation.shape(object, visible.isEmpty() ? object.keys() : visible));
    }
    return rows;
}

} // namespace

QJsonArray deviceRows(CoreServices &core, const ApiRequest &request, const QList<Device> &devices)
{
    Representation representation(request);
    QList<Device> rows = devices;
    if (std::any_of(Device::TextFields.cbegin(), Device::TextFields.cend(),
                    [&](const QString &field) { return representation.asksFor(field); }))
        (void)core.devices().attachTexts(rows); // unreadable, they are left out
    QJsonArray full;
    for (const Device &device : std::as_const(rows))
        full.append(device.toJson());
    addSiteExpander(representation, core);
    return shapeAll(representation, full, DeviceFields);
}

QJsonArray networkRows(CoreServices &core, const ApiRequest &request,
                       const QList<Network> &networks)
{
    QJsonArray full;
    for (const Network &network : networks)
        full.append(network.toJson());
    Representation representation(request);
    addSiteExpander(representation, core);
    addBatchExpander(representation, QStringLiteral("parent_id"), full,
                     [&core](const QList<qint64> &ids) {
                         return byId<NetworkFilter>(core.networks(), ids,
                                                    [](const Network &n) { return n.toJson(); });
                     });
    return shapeAll(representation, full);
}

QJsonArray interfaceRows(CoreServices &core, const ApiRequest &request,
                         const QList<Interface> &interfaces)
{
    QJsonArray full;
    for (const Interface &interface : interfaces)
        full.append(interface.toJson());
    Representation representation(request);
    addSiteExpander(representation, core);
    addBatchExpander(representation, QStringLiteral("device"), full,
                     [&core](const QList<qint64> &ids) {
                         return byId<DeviceFilter>(core.devices(), ids, visibleDevice);
                     });
    addBatchExpander(representation, QStringLiteral("parent_id"), full,
                     [&core](const QList<qint64> &ids) {
                         return byId<InterfaceFilter>(
                             core.interfaces(), ids, [](const Interface &i) { return i.toJson(); });
                     });
    return shapeAll(representation, full);
}

template <typename Object>
QJsonArray plainRows(const ApiRequest &request, const QList<Object> &objects)
{
    QJsonArray full;
    for (const Object &object : objects)
        full.append(object.toJson());
    return shapeAll(Representation(request), full);
}

QJsonArray circuitRows(CoreServices &, const ApiRequest &request, const QList<Circuit> &circuits)
{
    return plainRows(request, circuits);
}

QJsonArray protocolTypeRows(CoreServices &, const ApiRequest &request,
                            const QList<ProtocolType> &types)
{
    return plainRows(request, types);
}

QJsonArray protocolRows(CoreServices &, const ApiRequest &request, const QList<Protocol> &protocols)
{
    return plainRows(request, protocols);
}

} // namespace Cairn::Nsot
