#include "InventoryTreeModel.h"

#include "CoreServices.h"
#include "common/RichText.h"

#include <QCollator>
#include <QHash>
#include <QIcon>
#include <QScopedValueRollback>
#include <QSet>
#include <algorithm>

namespace Cairn {

namespace {

// Every interface of a device is read at once: no device has more.
constexpr int MaximumInterfaces = 100000;

// Names as people sort them: "Ethernet2" before "Ethernet10".
template <typename Item> void sortByName(QList<Item> &items)
{
    // Qt's collator compares code points for the C locale, ignoring the numeric mode.
    QCollator collator(QLocale().language() == QLocale::C ? QLocale(QLocale::English) : QLocale());
    collator.setNumericMode(true);
    std::sort(items.begin(), items.end(), [&collator](const Item &one, const Item &other) {
        return collator.compare(one.name, other.name) < 0;
    });
}

QString lines(const QStringList &texts)
{
    QStringList shown;
    for (const QString &text : texts) {
        if (!text.isEmpty())
            shown << text;
    }
    return shown.join(QLatin1Char('\n'));
}

QIcon iconOf(InventoryTreeModel::Kind kind)
{
    switch (kind) {
    case InventoryTreeModel::Kind::AllSites:
        return QIcon::fromTheme(QStringLiteral("network-workgroup"));
    case InventoryTreeModel::Kind::Site:
        return QIcon::fromTheme(QStringLiteral("folder"));
    case InventoryTreeModel::Kind::Device:
        return QIcon::fromTheme(QStringLiteral("computer"));
    case InventoryTreeModel::Kind::Interface:
        break;
    }
    return QIcon::fromTheme(QStringLiteral("network-wired"));
}

} // namespace

struct InventoryTreeModel::Node
{
    Node() = default;
    Node(Kind kind, qint64 id, qint64 siteId, qint64 deviceId, QString name, QString toolTip = {})
        : kind(kind)
        , id(id)
        , siteId(siteId)
        , deviceId(deviceId)
        , name(std::move(name))
        , toolTip(std::move(toolTip))
    {
    }

    Kind kind = Kind::AllSites;
    qint64 id = 0;
    qint64 siteId = 0;
    qint64 deviceId = 0;
    QString name;
    QString toolTip;
    Node *parent = nullptr;
    Nodes children;
    // Whether the children were read; for a site, whether devices past them remain.
    bool read = false;
    bool more = false;
    // Where it was last found among its siblings: rows move as others come and go.
    mutable int row = 0;
};

InventoryTreeModel::InventoryTreeModel(CoreServices &core, QObject *parent)
    : QAbstractItemModel(parent)
    , m_core(core)
    , m_root(std::make_unique<Node>())
{
    m_root->read = true;
    reload();
}

InventoryTreeModel::~InventoryTreeModel() = default;

void InventoryTreeModel::reload()
{
    refresh(*m_root);
}

void InventoryTreeModel::refresh(Node &node)
{
    if (!node.read || node.kind == Kind::Interface)
        return;
    std::optional<Children> fresh = readChildren(node, qsizetype(node.children.size()));
    if (!fresh)
        return;
    node.more = fresh->more;
    merge(node, std::move(fresh->nodes));
    for (const std::unique_ptr<Node> &child : node.children)
        refresh(*child);
}

std::optional<InventoryTreeModel::Children> InventoryTreeModel::readChildren(const Node &parent,
                                                                             qsizetype count)
{
    if (&parent == m_root.get())
        return readSites();
    switch (parent.kind) {
    case Kind::Site:
        return readDevices(parent.id, 0, std::max<qsizetype>(count, PageSize));
    case Kind::Device:
        return readInterfaces(parent.id);
    case Kind::AllSites:
    case Kind::Interface:
        break;
    }
    return Children{};
}

std::optional<InventoryTreeModel::Children> InventoryTreeModel::readSites()
{
    Result<QList<Site>> sites = m_core.sites().list();
    if (!sites) {
        Q_EMIT loadFailed(sites.error());
        return std::nullopt;
    }
    Children children;
    auto all = std::make_unique<Node>();
    all->name = tr("All sites");
    all->read = true;
    children.nodes.push_back(std::move(all));
    QList<Site> sorted = std::move(sites).value();
    sortByName(sorted);
    for (const Site &site : std::as_const(sorted)) {
        children.nodes.push_back(
            std::make_unique<Node>(Kind::Site, site.id, site.id, 0, site.name, site.description));
    }
    return children;
}

std::optional<InventoryTreeModel::Children>
InventoryTreeModel::readDevices(qint64 siteId, qsizetype offset, qsizetype count)
{
    DeviceFilter filter;
    filter.siteId = siteId;
    filter.order = DeviceOrder::Hostname;
    const int wanted = int(count);
    // One more than wanted tells whether more remain.
    filter.limit = wanted + 1;
    filter.offset = int(offset);
    // Names only: a reload reads again every device the tree has shown.
    const Result<QList<DevicePlace>> devices = m_core.devices().places(filter);
    if (!devices) {
        Q_EMIT loadFailed(devices.error());
        return std::nullopt;
    }
    Children children;
    children.more = devices->size() > wanted;
    for (const DevicePlace &device : devices->first(std::min<qsizetype>(devices->size(), wanted))) {
        children.nodes.push_back(std::make_unique<Node>(Kind::Device, device.id, device.siteId,
                                                        device.id, device.hostname));
    }
    return children;
}

std::optional<InventoryTreeModel::Children> InventoryTreeModel::readInterfaces(qint64 deviceId)
{
    InterfaceFilter filter;
    filter.deviceId = deviceId;
    filter.limit = MaximumInterfaces;
    Result<QList<Interface>> interfaces = m_core.interfaces().list(filter);
    if (!interfaces) {
        Q_EMIT loadFailed(interfaces.error());
        return std::nullopt;
    }
    QList<Interface> sorted = std::move(interfaces).value();
    sortByName(sorted);
    // Sub-interfaces under their parent, which is on the same device.
    QHash<qint64, Node *> byId;
    std::vector<std::pair<std::unique_ptr<Node>, std::optional<qint64>>> all;
    for (const Interface &interface : std::as_const(sorted)) {
        auto node = std::make_unique<Node>(
            Kind::Interface, interface.id, interface.siteId, interface.deviceId, interface.name,
            lines({interface.addresses.join(QStringLiteral(", ")), interface.description}));
        node->read = true;
        byId.insert(interface.id, node.get());
        all.emplace_back(std::move(node), interface.parentId);
    }
    // Parents never form a ring (the core refuses one); were one there, its interfaces are
    // shown at the top rather than lost.
    QHash<qint64, std::optional<qint64>> parentOf;
    for (const Interface &interface : std::as_const(sorted))
        parentOf.insert(interface.id, interface.parentId);
    const auto inRing = [&parentOf](qint64 id) {
        QSet<qint64> seen{id};
        for (std::optional<qint64> up = parentOf.value(id); up && parentOf.contains(*up);
             up = parentOf.value(*up)) {
            if (seen.contains(*up))
                return true;
            seen.insert(*up);
        }
        return false;
    };
    Children children;
    for (auto &[node, parentId] : all) {
        Node *above = parentId && !inRing(node->id) ? byId.value(*parentId) : nullptr;
        if (above)
            above->children.push_back(std::move(node));
        else
            children.nodes.push_back(std::move(node));
    }
    return children;
}

void InventoryTreeModel::merge(Node &parent, Nodes fresh)
{
    const QModelIndex parentIndex = indexOf(&parent);
    const auto keyOf = [](const Node &node) {
        return std::pair{int(node.kind), node.id};
    };
    QHash<std::pair<int, qint64>, int> freshRow;
    for (int row = 0; row < int(fresh.size()); ++row)
        freshRow.insert(keyOf(*fresh[row]), row);
    Nodes &rows = parent.children;

    // What went away, a run of rows at a time from the end.
    for (int last = int(rows.size()) - 1; last >= 0; --last) {
        if (freshRow.contains(keyOf(*rows[last])))
            continue;
        int first = last;
        while (first > 0 && !freshRow.contains(keyOf(*rows[first - 1])))
            --first;
        beginRemoveRows(parentIndex, first, last);
        rows.erase(rows.begin() + first, rows.begin() + last + 1);
        endRemoveRows();
        last = first;
    }

    // What was renamed so that it sorts elsewhere: the rows that stayed, put in their new order
    // at once (their children and the views' expansion go with them).
    const auto freshOrder = [&](const std::unique_ptr<Node> &one,
                                const std::unique_ptr<Node> &other) {
        return freshRow.value(keyOf(*one)) < freshRow.value(keyOf(*other));
    };
    if (!std::is_sorted(rows.begin(), rows.end(), freshOrder)) {
        Q_EMIT layoutAboutToBeChanged({QPersistentModelIndex(parentIndex)});
        QModelIndexList before;
        for (int row = 0; row < int(rows.size()); ++row)
            before << createIndex(row, 0, rows[row].get());
        std::stable_sort(rows.begin(), rows.end(), freshOrder);
        QHash<const void *, int> rowOf;
        for (int row = 0; row < int(rows.size()); ++row)
            rowOf.insert(rows[row].get(), row);
        QModelIndexList after;
        for (const QModelIndex &moved : std::as_const(before))
            after << createIndex(rowOf.value(moved.internalPointer()), 0, moved.internalPointer());
        changePersistentIndexList(before, after);
        Q_EMIT layoutChanged({QPersistentModelIndex(parentIndex)});
    }

    // The rows that stayed take their new names; what is new goes in between, a run at a time.
    int row = 0;
    for (qsizetype next = 0; next < qsizetype(fresh.size());) {
        if (row < int(rows.size()) && keyOf(*rows[row]) == keyOf(*fresh[next])) {
            Node &kept = *rows[row];
            const Node &update = *fresh[next];
            if (kept.name != update.name || kept.toolTip != update.toolTip) {
                kept.name = update.name;
                kept.toolTip = update.toolTip;
                const QModelIndex changed = createIndex(row, 0, &kept);
                Q_EMIT dataChanged(changed, changed);
            }
            // Sub-interfaces come with their interface.
            if (kept.kind == Kind::Interface)
                merge(kept, std::move(fresh[next]->children));
            ++row;
            ++next;
            continue;
        }
        Nodes added;
        while (next < qsizetype(fresh.size()) &&
               !(row < int(rows.size()) && keyOf(*rows[row]) == keyOf(*fresh[next])))
            added.push_back(std::move(fresh[next++]));
        const auto count = int(added.size());
        insert(parent, row, std::move(added));
        row += count;
    }
}

void InventoryTreeModel::insert(Node &parent, int row, Nodes nodes)
{
    if (nodes.empty())
        return;
    beginInsertRows(indexOf(&parent), row, row + int(nodes.size()) - 1);
    // Sub-interfaces arrive under their interface.
    std::vector<Node *> below;
    for (const std::unique_ptr<Node> &node : nodes) {
        node->parent = &parent;
        below.push_back(node.get());
    }
    while (!below.empty()) {
        Node *above = below.back();
        below.pop_back();
        for (const std::unique_ptr<Node> &child : above->children) {
            child->parent = above;
            below.push_back(child.get());
        }
    }
    parent.children.insert(parent.children.begin() + row, std::make_move_iterator(nodes.begin()),
                           std::make_move_iterator(nodes.end()));
    endInsertRows();
}

void InventoryTreeModel::release(const QModelIndex &index)
{
    Node &node = *nodeOf(index);
    if (!index.isValid() || (node.kind != Kind::Site && node.kind != Kind::Device))
        return;
    if (!node.children.empty()) {
        beginRemoveRows(index, 0, int(node.children.size()) - 1);
        node.children.clear();
        endRemoveRows();
    }
    node.read = false;
    node.more = false;
}

InventoryTreeModel::Node *InventoryTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex InventoryTreeModel::indexOf(const Node *node) const
{
    if (node == m_root.get() || !node->parent)
        return {};
    const Nodes &siblings = node->parent->children;
    if (node->row >= int(siblings.size()) || siblings[node->row].get() != node) {
        const auto found =
            std::find_if(siblings.begin(), siblings.end(),
                         [node](const auto &sibling) { return sibling.get() == node; });
        node->row = int(found - siblings.begin());
    }
    return createIndex(node->row, 0, node);
}

QModelIndex InventoryTreeModel::find(Kind kind, qint64 id) const
{
    std::vector<const Node *> open{m_root.get()};
    while (!open.empty()) {
        const Node *node = open.back();
        open.pop_back();
        for (const std::unique_ptr<Node> &child : node->children) {
            if (child->kind == kind && child->id == id)
                return indexOf(child.get());
            open.push_back(child.get());
        }
    }
    return {};
}

QModelIndex InventoryTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *above = nodeOf(parent);
    if (column != 0 || row < 0 || row >= int(above->children.size()))
        return {};
    const Node *node = above->children[row].get();
    node->row = row;
    return createIndex(row, 0, node);
}

QModelIndex InventoryTreeModel::parent(const QModelIndex &child) const
{
    return child.isValid() ? indexOf(nodeOf(child)->parent) : QModelIndex();
}

int InventoryTreeModel::rowCount(const QModelIndex &parent) const
{
    return parent.column() > 0 ? 0 : int(nodeOf(parent)->children.size());
}

int InventoryTreeModel::columnCount(const QModelIndex & /*parent*/) const
{
    return 1;
}

QVariant InventoryTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node &node = *nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        return node.name;
    case Qt::ToolTipRole:
        return node.toolTip.isEmpty() ? QVariant() : RichText::plain(node.toolTip);
    case Qt::DecorationRole:
        return iconOf(node.kind);
    case KindRole:
        return int(node.kind);
    case IdRole:
        return node.id;
    case SiteIdRole:
        return node.siteId;
    case DeviceIdRole:
        return node.deviceId;
    default:
        return {};
    }
}

bool InventoryTreeModel::hasChildren(const QModelIndex &parent) const
{
    const Node &node = *nodeOf(parent);
    // Until read, a site or device may have children: the view offers to expand it.
    return !node.children.empty() ||
           (!node.read && (node.kind == Kind::Site || node.kind == Kind::Device));
}

bool InventoryTreeModel::canFetchMore(const QModelIndex &parent) const
{
    const Node &node = *nodeOf(parent);
    return (node.kind == Kind::Site || node.kind == Kind::Device) && (!node.read || node.more);
}

void InventoryTreeModel::fetchMore(const QModelIndex &parent)
{
    Node &node = *nodeOf(parent);
    // Views may ask again while the rows are being inserted (a model tester does): once is enough.
    if (!canFetchMore(parent) || m_fetching)
        return;
    const QScopedValueRollback fetching(m_fetching, true);
    if (node.kind == Kind::Device) {
        std::optional<Children> interfaces = readInterfaces(node.id);
        if (!interfaces)
            return;
        node.read = true;
        merge(node, std::move(interfaces->nodes));
        return;
    }
    // The next page of a site's devices (a reload sets right what changed meanwhile).
    const auto read = qsizetype(node.children.size());
    std::optional<Children> page = readDevices(node.id, read, PageSize);
    if (!page)
        return;
    node.read = true;
    node.more = page->more;
    // A device renamed meanwhile may be read twice: the first row stays until the reload.
    QSet<qint64> shown;
    for (const std::unique_ptr<Node> &device : node.children)
        shown.insert(device->id);
    Nodes added;
    for (std::unique_ptr<Node> &device : page->nodes) {
        if (!shown.contains(device->id))
            added.push_back(std::move(device));
    }
    insert(node, int(node.children.size()), std::move(added));
}

} // namespace Cairn
