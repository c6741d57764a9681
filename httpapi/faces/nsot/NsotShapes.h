#pragma once

#include "inventory/Circuit.h"
#include "inventory/Device.h"
#include "inventory/Interface.h"
#include "inventory/Network.h"
#include "inventory/Protocol.h"
#include "inventory/ProtocolType.h"

#include <QJsonArray>

namespace Cairn {

class CoreServices;
struct ApiRequest;

// How the NSoT face shows each resource: the request's fields, omit and expand applied to
// every row, with expanders that fetch the related objects of a whole page at once.
namespace Nsot {

QJsonArray deviceRows(CoreServices &core, const ApiRequest &request, const QList<Device> &devices);
QJsonArray networkRows(CoreServices &core, const ApiRequest &request,
                       const QList<Network> &networks);
QJsonArray interfaceRows(CoreServices &core, const ApiRequest &request,
                         const QList<Interface> &interfaces);
QJsonArray circuitRows(CoreServices &core, const ApiRequest &request,
                       const QList<Circuit> &circuits);
QJsonArray protocolTypeRows(CoreServices &core, const ApiRequest &request,
                            const QList<ProtocolType> &types);
QJsonArray protocolRows(CoreServices &core, const ApiRequest &request,
                        const QList<Protocol> &protocols);

// One of the functions above bound to a request, as the handlers' `shape` argument.
template <typename Object>
auto shaper(CoreServices &core, const ApiRequest &request,
            QJsonArray (*rows)(CoreServices &, const ApiRequest &, const QList<Object> &))
{
    return [&core, &request, rows](const QList<Object> &objects) {
        return rows(core, request, objects);
    };
}

} // namespace Nsot
} // namespace Cairn
