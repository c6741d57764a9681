#include "NetworkService.h"

#include "AttributeRules.h"
#include "AttributeValueRepository.h"
#include "BulkItems.h"
#include "ChangeLog.h"
#include "InventoryUsage.h"
#include "NextNetworkFinder.h"
#include "SetQuery.h"
#include "SiteGate.h"
#include "SiteService.h"
#include "auth/PermissionService.h"
#include "db/Database.h"
#include "db/Transaction.h"

namespace Cairn {

namespace {

const QString NetworkResource = QStringLiteral("Network");

// The network an item describes: `cidr`, or `network_address` with `prefix_length`.
Result<IpNetwork> cidrOf(const QJsonObject &fields)
{
    const QJsonValue cidr = fields.value(QStringLiteral("cidr"));
    if (cidr.isString())
        return IpNetwork::parse(cidr.toString(), QStringLiteral("cidr"));
    const QJsonValue address = fields.value(QStringLiteral("network_address"));
    const QJsonValue prefix = fields.value(QStringLiteral("prefix_length"));
    if (address.isString() && prefix.isDouble() && prefix.toDouble() == double(prefix.toInt()))
        return IpNetwork::fromParts(address.toString(), prefix.toInt(),
                                    QStringLiteral("network_address"));
    if (address.isString())
        return Error::invalidField(QStringLiteral("prefix_length"),
                                   QStringLiteral("A valid integer is required."));
    return Error::invalidField(
        QStringLiteral("cidr"),
        QStringLiteral("This field is required (or network_address and prefix_length)."));
}

// `state` of an item: lower-cased and one of the four, or `fallback` when absent.
Result<QString> stateOf(const QJsonObject &fields, const QString &fallback)
{
    const QJsonValue state = fields.value(QStringLiteral("state"));
    if (state.isUndefined() || state.isNull())
        return fallback;
    const QString value = state.toString().toLower();
    if (!state.isString() || !Network::States.contains(value))
        return Error::invalidField(QStringLiteral("state"),
                                   QStringLiteral("Invalid state: '%1'").arg(state.toString()));
    return value;
}

Error duplicateNetwork(const Error &error, const IpNetwork &ip)
{
    if (error.code != ErrorCode::Conflict)
        return error;
    return Error{ErrorCode::Conflict,
                 QStringLiteral("The network %1 exists in this site.").arg(ip.cidr()),
                 {{QStringLiteral("cidr"),
                   QStringLiteral("Network with this site and CIDR already exists.")}}};
}

} // namespace

NetworkService::NetworkService(Database &database, PermissionService &permissions,
                               SiteService &sites, AttributeService &attributes,
                               AttributeValueRepository &values)
    : m_database(database)
    , m_permissions(permissions)
    , m_sites(sites)
    , m_attributes(attributes)
    , m_values(values)
    , m_networks(database)
{
}

Result<QList<Network>> NetworkService::list(const NetworkFilter &filter)
{
    Result<QList<Network>> networks = m_networks.list(filter);
    if (!networks)
        return networks;
    const Result<void> attached = m_values.attach(NetworkResource, networks.value());
    if (!attached)
        return attached.error();
    return networks;
}

Result<qint64> NetworkService::count(const NetworkFilter &filter)
{
    return m_networks.count(filter);
}

Result<QHash<qint64, Network>> NetworkService::byIds(const QList<qint64> &ids)
{
    return BulkItems::fetchAll<Network>(ids, QStringLiteral("Network"),
                                        [&](const QList<qint64> &batch) {
                                            NetworkFilter filter;
                                            filter.ids = batch;
                                            filter.limit = int(batch.size());
                                            return list(filter);
                                        });
}

Result<Network> NetworkService::get(const QString &key, std::optional<qint64> siteId)
{
    return BulkItems::findOne<Network, NetworkFilter>(
        key, siteId, QStringLiteral("Network"),
        [&](const NetworkFilter &filter) { return list(filter); },
        [](NetworkFilter &filter, const QString &naturalKey) -> Result<void> {
            const Result<IpNetwork> ip = IpNetwork::parse(naturalKey, QStringLiteral("cidr"));
            if (!ip)
                return ip.error();
            filter.exact = ip.value();
            return {};
        });
}

Result<QList<qint64>> NetworkService::query(std::optional<qint64> siteId, const QString &setQuery)
{
    return SetQuery::evaluate(m_database, NetworkResource, QStringLiteral("networks"), siteId,
                              setQuery);
}

Result<Network> NetworkService::closestParent(std::optional<qint64> siteId, const QString &cidr,
                                              int minimumPrefix)
{
    const Result<IpNetwork> ip = IpNetwork::parse(cidr, QStringLiteral("cidr"));
    if (!ip)
        return ip.error();
    if (minimumPrefix < 0 || minimumPrefix > ip->prefixLength())
        return Error::invalidField(QStringLiteral("prefix_length"),
                                   QStringLiteral("Invalid prefix_length: %1").arg(minimumPrefix));
    const Result<std::optional<Network>> parent =
        m_networks.longestSupernet(m_database.connection(), siteId, ip.value(), minimumPrefix);
    if (!parent)
        return parent.error();
    if (!parent.value())
        return Error::notFound(
            QStringLiteral("No such Network found at (site_id, id) = (%1, %2)")
                .arg(siteId ? QString::number(*siteId) : QStringLiteral("None"), ip->cidr()));
    return get(QString::number(parent.value()->id), siteId);
}

Result<QList<IpNetwork>> NetworkService::nextNetworks(const Network &parent, int prefixLength,
                                                      int count, bool strict)
{
    if (prefixLength < parent.ip.prefixLength())
        return Error::invalidField(
            QStringLiteral("prefix_length"),
            QStringLiteral("New prefix must be longer than %1").arg(parent.ip.prefixLength()));
    if (prefixLength > parent.ip.maxPrefixLength() || prefixLength == 0)
        return Error::invalidField(QStringLiteral("prefix_length"),
                                   QStringLiteral("Invalid prefix_length: %1").arg(prefixLength));
    NextNetworkFinder finder(m_networks);
    return finder.find(parent, prefixLength, count, strict);
}

Result<Network> NetworkService::insert(const QSqlDatabase &db, const Identity &caller,
                                       Network network, AttributeRules *rules,
                                       const QString &addressField)
{
    const Result<std::optional<Network>> parent =
        m_networks.longestSupernet(db, network.siteId, network.ip);
    if (!parent)
        return parent.error();
    if (parent.value()) {
        network.parentId = parent.value()->id;
        network.parentCidr = parent.value()->ip.cidr();
    }
    if (network.ip.isHost() && !network.parentId)
        return Error::invalidField(addressField, QStringLiteral("IP Address needs base network."));
    const Result<qint64> id = m_networks.insert(db, network);
    if (!id)
        return duplicateNetwork(id.error(), network.ip);
    network.id = id.value();
    const Result<void> done = Transaction::allOf(
        {[&] {
             return network.ip.isHost() ? Result<void>()
                                        : m_networks.adoptChildren(db, network, network.parentId);
         },
         [&] {
             return rules ? rules->store(db, network.siteId, network.id, network.attributes,
                                         AttributeWrite::Create)
                          : Result<void>();
         },
         [&] {
             return ChangeLog::record(db, caller.user.id, network.siteId, QStringLiteral("Create"),
                                      NetworkResource, network.id, network.toJson());
         }});
    if (!done)
        return done.error();
    return network;
}

Result<QList<Network>> NetworkService::allocateNext(const Identity &caller, const Network &parent,
                                                    int prefixLength, int count, bool strict,
                                                    const QString &state)
{
    const Result<QList<IpNetwork>> found = nextNetworks(parent, prefixLength, count, strict);
    if (!found)
        return found.error();
    QJsonArray items;
    for (const IpNetwork &ip : found.value())
        items.append(QJsonObject{{QStringLiteral("cidr"), ip.cidr()},
                                 {QStringLiteral("state"), state},
                                 {QStringLiteral("site_id"), parent.siteId}});
    return create(caller, items, parent.siteId);
}

Result<QList<Network>> NetworkService::create(const Identity &caller, const QJsonArray &items,
                                              std::optional<qint64> defaultSite)
{
    AttributeRules rules(m_attributes, m_values, NetworkResource);
    SiteGate gate(m_sites, m_permissions, caller, Action::Add);
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<QList<Network>> {
        QList<Network> created;
        BulkItems::ItemCursor cursor(items.size());
        for (const QJsonValue item : items) {
            cursor.next();
            if (!item.isObject())
                return cursor.locate(
                    Error::badRequest(QStringLiteral("Expected a JSON object for each network.")));
            const QJsonObject fields = item.toObject();
            Network network;
            const Result<qint64> siteId = gate.siteOf(fields, defaultSite);
            if (!siteId)
                return cursor.locate(siteId.error());
            network.siteId = siteId.value();
            const Result<IpNetwork> ip = cidrOf(fields);
            if (!ip)
                return cursor.locate(ip.error());
            network.ip = ip.value();
            const Result<QString> state = stateOf(fields, network.state);
            if (!state)
                return cursor.locate(state.error());
            network.state = state.value();
            const Result<QJsonObject> attributes =
                rules.resolve(network.siteId, fields, {}, AttributeWrite::Create);
            if (!attributes)
                return cursor.locate(attributes.error());
            network.attributes = attributes.value();
            Result<Network> inserted = insert(db, caller, network, &rules, QStringLiteral("cidr"));
            if (!inserted)
                return cursor.locate(inserted.error());
            created << std::move(inserted).value();
        }
        cursor.done();
        return created;
    });
}

Result<QList<Network>> NetworkService::update(const Identity &caller, const QJsonArray &items,
                                              bool partial)
{
    const Result<QList<qint64>> ids = BulkItems::idsOf(items);
    if (!ids)
        return ids.error();
    AttributeRules rules(m_attributes, m_values, NetworkResource);
    SiteGate gate(m_sites, m_permissions, caller, Action::Change);
    const AttributeWrite write = partial ? AttributeWrite::Merge : AttributeWrite::Replace;
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<QList<Network>> {
        const Result<QHash<qint64, Network>> targets = byIds(ids.value());
        if (!targets)
            return targets.error();
        QList<Network> updated;
        BulkItems::ItemCursor cursor(items.size());
        for (qsizetype i = 0; i < items.size(); ++i) {
            cursor.at(i);
            const QJsonObject fields = items.at(i).toObject();
            Network network = *targets->constFind(ids->at(i));
            const Result<void> allowed = gate.check(network.siteId);
            if (!allowed)
                return cursor.locate(allowed.error());
            const Result<QString> state =
                stateOf(fields, partial ? network.state : QStringLiteral("allocated"));
            if (!state)
                return cursor.locate(state.error());
            const Result<QJsonObject> attributes =
                rules.resolve(network.siteId, fields, network.attributes, write);
            if (!attributes)
                return cursor.locate(attributes.error());
            network.state = state.value();
            network.attributes = attributes.value();
            const Result<void> done = Transaction::allOf(
                {[&] { return m_networks.updateState(db, network.id, network.state); },
                 [&] {
                     return rules.store(db, network.siteId, network.id, network.attributes, write);
                 },
                 [&] {
                     return ChangeLog::record(db, caller.user.id, network.siteId,
                                              QStringLiteral("Update"), NetworkResource, network.id,
                                              network.toJson());
                 }});
            if (!done)
                return cursor.locate(done.error());
            updated << network;
        }
        cursor.done();
        return updated;
    });
}

Result<void> NetworkService::remove(const Identity &caller, const QList<qint64> &ids, bool force)
{
    const QList<qint64> unique = BulkItems::distinct(ids);
    SiteGate gate(m_sites, m_permissions, caller, Action::Delete);
    return Transaction::run(m_database, [&](const QSqlDatabase &db) -> Result<void> {
        const Result<QHash<qint64, Network>> targets = byIds(unique);
        if (!targets)
            return targets.error();
        for (qint64 id : unique) {
            const Network &network = *targets->constFind(id);
            const Result<void> allowed = gate.check(network.siteId);
            if (!allowed)
                return allowed.error();
            const Result<QStringList> usage = InventoryUsage::ofNetwork(db, id);
            if (!usage)
                return usage.error();
            if (!usage->isEmpty())
                return Error::conflict(
                    QStringLiteral("%1 is held by %2.")
                        .arg(network.ip.cidr(), InventoryUsage::joined(usage.value())));
            // Read inside the transaction: an earlier item may have moved children here.
            NetworkFilter childrenOf;
            childrenOf.parentId = std::optional<qint64>(id);
            const Result<QList<Network>> children = m_networks.list(childrenOf);
            if (!children)
                return children.error();
            if (!children->isEmpty() && !force)
                return Error::conflict(
                    QStringLiteral("The network %1 has child networks; delete them first, or "
                                   "pass force_delete=true to move them to its parent.")
                        .arg(network.ip.cidr()));
            if (!children->isEmpty() && !network.parentId) {
                for (const Network &child : children.value()) {
                    NetworkFilter grandchildren;
                    grandchildren.parentId = std::optional<qint64>(child.id);
                    const Result<qint64> below = m_networks.count(grandchildren);
                    if (!below)
                        return below.error();
                    if (below.value() == 0)
                        return Error::conflict(
                            QStringLiteral("You cannot forcefully delete a network that does "
                                           "not have a parent, and whose children are leaf "
                                           "nodes."));
                }
            }
            Result<void> erased = removeHeld(db, caller, network);
            if (!erased)
                return erased;
        }
        return {};
    });
}

Result<void> NetworkService::removeHeld(const QSqlDatabase &db, const Identity &caller,
                                        const Network &network)
{
    return Transaction::allOf(
        {[&] { return m_networks.reparentChildren(db, network.id, network.parentId); },
         [&] { return m_values.removeAll(db, NetworkResource, network.id); },
         [&] { return m_networks.remove(db, network.id); },
         [&] {
             return ChangeLog::record(db, caller.user.id, network.siteId, QStringLiteral("Delete"),
                                      NetworkResource, network.id, network.toJson());
         }});
}

Result<Network> NetworkService::recorded(const QSqlDatabase &db, const Identity &caller,
                                         qint64 siteId, const IpNetwork &ip, const QString &state,
                                         const QString &field)
{
    NetworkFilter filter;
    filter.siteId = siteId;
    filter.exact = ip;
    filter.limit = 1;
    const Result<QList<Network>> existing = m_networks.list(filter);
    if (!existing)
        return existing.error();
    if (!existing->isEmpty())
        return existing->first();
    Network network;
    network.siteId = siteId;
    network.ip = ip;
    network.state = state;
    return insert(db, caller, network, nullptr, field);
}

Result<Network> NetworkService::assignedAddress(const QSqlDatabase &db, const Identity &caller,
                                                qint64 siteId, const IpNetwork &address)
{
    Result<Network> network =
        recorded(db, caller, siteId, address, Network::Assigned, QStringLiteral("addresses"));
    if (network && network->state != Network::Assigned) {
        const Result<void> marked = m_networks.updateState(db, network->id, Network::Assigned);
        if (!marked)
            return marked.error();
        network->state = Network::Assigned;
    }
    return network;
}

} // namespace Cairn
