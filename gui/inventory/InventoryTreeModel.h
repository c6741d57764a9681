#pragma once

#include "Error.h"

#include <QAbstractItemModel>
#include <memory>
#include <optional>
#include <vector>

namespace Cairn {

class CoreServices;

// Sites, their devices and the devices' interfaces (sub-interfaces under their parent), as a
// tree read as it is opened: a site's devices a page at a time as the view scrolls, a device's
// interfaces when it is expanded. "All sites" comes first. Reloading reads again only what was
// read; rows of what stayed keep their place and children, so views keep their expansion,
// selection and scroll position.
class InventoryTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum class Kind
    {
        AllSites,
        Site,
        Device,
        Interface,
    };
    enum Role
    {
        KindRole = Qt::UserRole + 1,
        // The row's own id, its site's and (for devices and interfaces) its device's.
        IdRole,
        SiteIdRole,
        DeviceIdRole,
    };

    explicit InventoryTreeModel(CoreServices &core, QObject *parent = nullptr);
    ~InventoryTreeModel() override;

    void reload();
    // Forgets what was read below a collapsed site or device: reloads need not read it again.
    void release(const QModelIndex &index);
    // The row of something already read; invalid otherwise.
    QModelIndex find(Kind kind, qint64 id) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // A site's devices are read this many at a time.
    static constexpr int PageSize = 200;

Q_SIGNALS:
    void loadFailed(const Cairn::Error &error);

private:
    struct Node;
    using Nodes = std::vector<std::unique_ptr<Node>>;
    struct Children
    {
        Nodes nodes;
        // For a site: whether devices past these remain.
        bool more = false;
    };

    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node) const;
    // Reads `parent`'s children anew (at least `count` devices of a site); nullopt on failure.
    std::optional<Children> readChildren(const Node &parent, qsizetype count);
    std::optional<Children> readSites();
    std::optional<Children> readDevices(qint64 siteId, qsizetype offset, qsizetype count);
    std::optional<Children> readInterfaces(qint64 deviceId);
    // Makes `parent`'s children `fresh`, keeping the rows (and children) of those that stayed.
    void merge(Node &parent, Nodes fresh);
    void insert(Node &parent, int row, Nodes nodes);
    // Reads again what was read below `node`.
    void refresh(Node &node);

    CoreServices &m_core;
    std::unique_ptr<Node> m_root;
    bool m_fetching = false;
};

} // namespace Cairn
