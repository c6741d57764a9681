#pragma once

#include "Error.h"
#include "inventory/Network.h"

#include <QAbstractItemModel>
#include <QHash>
#include <optional>

namespace Cairn {

class NetworkService;

// A site's IP space as its tree: each network under the longest network containing it, in
// address order, with how much of it its children take up. The whole site is read at once (a
// site's networks number in the thousands, not millions); a reload keeps the rows that stayed.
class NetworkTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        Cidr,
        State,
        Used,
        Attributes,
        ColumnCount
    };
    enum Role
    {
        NetworkIdRole = Qt::UserRole + 1,
    };

    explicit NetworkTreeModel(NetworkService &networks, QObject *parent = nullptr);

    void setSite(std::optional<qint64> siteId);
    void reload();
    std::optional<Error> lastError() const { return m_lastError; }
    // The network of `index` (nullptr for none).
    const Network *network(const QModelIndex &index) const;
    QModelIndex indexOf(qint64 networkId) const;
    // Share of `network`'s addresses its children cover, 0 to 1.
    double usedFraction(qint64 networkId) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    // Rows under a parent (0 for the roots) in address order.
    QList<qint64> childrenOf(qint64 parentId) const { return m_children.value(parentId); }

    NetworkService &m_networks;
    std::optional<qint64> m_siteId;
    QHash<qint64, Network> m_byId;
    QHash<qint64, QList<qint64>> m_children;
    QHash<qint64, int> m_rowInParent;
    std::optional<Error> m_lastError;
};

} // namespace Cairn
