#include "NetworkTreeModel.h"

#include "NetworkStates.h"
#include "common/ProgressBarDelegate.h"
#include "common/RichText.h"
#include "inventory/AttributeText.h"
#include "inventory/NetworkService.h"

#include <cmath>
#include <limits>

namespace Cairn {

namespace {

// The internal id of an index is its network's id; 0 is the invisible root.
constexpr qint64 Root = 0;

} // namespace

NetworkTreeModel::NetworkTreeModel(NetworkService &networks, QObject *parent)
    : QAbstractItemModel(parent)
    , m_networks(networks)
{
}

void NetworkTreeModel::setSite(std::optional<qint64> siteId)
{
    m_siteId = siteId;
    reload();
}

void NetworkTreeModel::reload()
{
    QHash<qint64, Network> byId;
    QHash<qint64, QList<qint64>> children;
    m_lastError.reset();
    if (m_siteId) {
        NetworkFilter filter;
        filter.siteId = m_siteId;
        filter.byAddress = true;
        filter.limit = std::numeric_limits<int>::max();
        const Result<QList<Network>> networks = m_networks.list(filter);
        if (networks) {
            for (const Network &network : networks.value()) {
                byId.insert(network.id, network);
                children[network.parentId.value_or(Root)] << network.id;
            }
        } else {
            m_lastError = networks.error();
        }
    }
    beginResetModel();
    m_byId = byId;
    m_children = children;
    m_rowInParent.clear();
    for (auto rows = m_children.cbegin(); rows != m_children.cend(); ++rows) {
        for (int row = 0; row < int(rows->size()); ++row)
            m_rowInParent.insert(rows->at(row), row);
    }
    endResetModel();
}

const Network *NetworkTreeModel::network(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    const auto found = m_byId.constFind(qint64(index.internalId()));
    return found == m_byId.cend() ? nullptr : &found.value();
}

QModelIndex NetworkTreeModel::indexOf(qint64 networkId) const
{
    if (!m_byId.contains(networkId))
        return {};
    return createIndex(m_rowInParent.value(networkId), 0, quintptr(networkId));
}

double NetworkTreeModel::usedFraction(qint64 networkId) const
{
    const auto found = m_byId.constFind(networkId);
    if (found == m_byId.cend())
        return 0;
    double used = 0;
    for (const qint64 child : m_children.value(networkId))
        used += std::ldexp(1.0, found->ip.prefixLength() - m_byId.value(child).ip.prefixLength());
    return qMin(used, 1.0);
}

QModelIndex NetworkTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const qint64 parentId = parent.isValid() ? qint64(parent.internalId()) : Root;
    const QList<qint64> rows = childrenOf(parentId);
    if (row < 0 || row >= rows.size() || column < 0 || column >= ColumnCount)
        return {};
    return createIndex(row, column, quintptr(rows.at(row)));
}

QModelIndex NetworkTreeModel::parent(const QModelIndex &child) const
{
    const Network *network = this->network(child);
    if (!network || !network->parentId || !m_byId.contains(*network->parentId))
        return {};
    return indexOf(*network->parentId);
}

int NetworkTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(childrenOf(parent.isValid() ? qint64(parent.internalId()) : Root).size());
}

int NetworkTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant NetworkTreeModel::data(const QModelIndex &index, int role) const
{
    const Network *network = this->network(index);
    if (!network)
        return {};
    if (role == NetworkIdRole)
        return network->id;
    const bool isAddress = network->ip.isHost();
    if (role == ProgressBarDelegate::FractionRole) {
        if (index.column() != Used || isAddress)
            return {};
        return usedFraction(network->id);
    }
    if (role == Qt::DecorationRole && index.column() == Cidr)
        return QIcon::fromTheme(isAddress ? QStringLiteral("network-wired")
                                          : QStringLiteral("network-workgroup"));
    if (role == Qt::ToolTipRole)
        return RichText::plain(data(index, Qt::DisplayRole).toString());
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Cidr:
        return isAddress ? network->ip.networkAddress() : network->ip.cidr();
    case State:
        return NetworkStates::label(network->state);
    case Used:
        return isAddress ? QVariant()
                         : QVariant(QLocale().toString(usedFraction(network->id) * 100, 'f', 1) +
                                    QStringLiteral(" %"));
    case Attributes: {
        QStringList pairs;
        for (auto value = network->attributes.constBegin(); value != network->attributes.constEnd();
             ++value)
            pairs << value.key() + QLatin1Char('=') + AttributeText::of(value.value());
        return pairs.join(QStringLiteral("  "));
    }
    default:
        return {};
    }
}

QVariant NetworkTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Cidr:
        return tr("Network");
    case State:
        return tr("State");
    case Used:
        return tr("Used");
    case Attributes:
        return tr("Attributes");
    default:
        return {};
    }
}

} // namespace Cairn
