#include "DeviceListModel.h"

#include "common/RichText.h"
#include "inventory/DeviceService.h"
#include "inventory/SiteService.h"

#include <QSet>
#include <limits>

namespace Cairn {

namespace {

DeviceOrder orderOf(int column)
{
    switch (column) {
    case DeviceListModel::Hostname:
        return DeviceOrder::Hostname;
    case DeviceListModel::Site:
        return DeviceOrder::Site;
    case DeviceListModel::IpAddress:
        return DeviceOrder::IpAddress;
    case DeviceListModel::Platform:
        return DeviceOrder::Platform;
    case DeviceListModel::Vendor:
        return DeviceOrder::Vendor;
    case DeviceListModel::Model:
        return DeviceOrder::Model;
    case DeviceListModel::SerialNumber:
        return DeviceOrder::SerialNumber;
    case DeviceListModel::Description:
        return DeviceOrder::Description;
    default:
        return DeviceOrder::Id;
    }
}

} // namespace

DeviceListModel::DeviceListModel(DeviceService &devices, SiteService &sites, QObject *parent)
    : QAbstractTableModel(parent)
    , m_devices(devices)
    , m_sites(sites)
{
}

void DeviceListModel::setFilter(const DeviceFilter &filter)
{
    const DeviceOrder order = m_filter.order;
    const bool descending = m_filter.descending;
    m_filter = filter;
    m_filter.order = order;
    m_filter.descending = descending;
    m_filtered = true;
    reload();
}

void DeviceListModel::reload()
{
    Result<QList<qint64>> ids = readIds();
    m_lastError.reset();
    if (!ids) {
        m_lastError = ids.error();
        ids = QList<qint64>();
    }
    m_pages.clear();
    m_pageOrder.clear();
    if (ids.value() == m_ids) {
        if (!m_ids.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_ids.size()) - 1, ColumnCount - 1));
    } else {
        beginResetModel();
        setIds(ids.value());
        endResetModel();
    }
    if (m_lastError)
        Q_EMIT loadFailed(*m_lastError);
}

Result<QList<qint64>> DeviceListModel::readIds()
{
    const Result<QList<Cairn::Site>> sites = m_sites.list();
    if (!sites)
        return sites.error();
    m_siteNames.clear();
    for (const Cairn::Site &site : sites.value())
        m_siteNames.insert(site.id, site.name);
    DeviceFilter everyId = m_filter;
    everyId.offset = 0;
    everyId.limit = std::numeric_limits<int>::max();
    const Result<QList<DevicePlace>> places = m_devices.places(everyId);
    if (!places)
        return places.error();
    QList<qint64> ids;
    ids.reserve(places->size());
    for (const DevicePlace &place : places.value())
        ids << place.id;
    return ids;
}

qint64 DeviceListModel::deviceId(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : 0;
}

int DeviceListModel::rowOf(qint64 deviceId) const
{
    return m_rowById.value(deviceId, -1);
}

void DeviceListModel::setIds(const QList<qint64> &ids)
{
    m_ids = ids;
    m_rowById.clear();
    m_rowById.reserve(m_ids.size());
    for (int row = 0; row < int(m_ids.size()); ++row)
        m_rowById.insert(m_ids.at(row), row);
}

int DeviceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int DeviceListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeviceListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_ids.size())
        return {};
    if (role == DeviceIdRole)
        return m_ids.at(index.row());
    if (role == Qt::ToolTipRole)
        return RichText::plain(data(index, Qt::DisplayRole).toString());
    if (role != Qt::DisplayRole)
        return {};
    const Device *device = deviceAt(index.row());
    if (!device)
        return {};
    switch (index.column()) {
    case Hostname:
        return device->hostname;
    case Site:
        return siteName(device->siteId);
    case IpAddress:
        return device->ipAddress;
    case Platform:
        return device->platform;
    case Vendor:
        return device->vendor;
    case Model:
        return device->model;
    case SerialNumber:
        return device->serialNumber;
    case Description:
        return device->description;
    default:
        return {};
    }
}

QVariant DeviceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Hostname:
        return tr("Hostname");
    case Site:
        return tr("Site");
    case IpAddress:
        return tr("IP address");
    case Platform:
        return tr("Platform", "i.e. the device's driver, such as cisco_ios");
    case Vendor:
        return tr("Vendor");
    case Model:
        return tr("Model");
    case SerialNumber:
        return tr("Serial number");
    case Description:
        return tr("Description");
    default:
        return {};
    }
}

void DeviceListModel::sort(int column, Qt::SortOrder order)
{
    m_filter.order = orderOf(column);
    m_filter.descending = order == Qt::DescendingOrder;
    // Nothing to order before the first filter: it reads the ids in this order.
    if (!m_filtered)
        return;
    const Result<QList<qint64>> ids = readIds();
    if (!ids) {
        Q_EMIT loadFailed(ids.error());
        return;
    }
    // Other devices than the rows (changed meanwhile): a new list, not a new order.
    if (ids->size() != m_ids.size() ||
        QSet<qint64>(ids->cbegin(), ids->cend()) != QSet<qint64>(m_ids.cbegin(), m_ids.cend())) {
        beginResetModel();
        setIds(ids.value());
        m_pages.clear();
        m_pageOrder.clear();
        endResetModel();
        return;
    }
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<qint64> beforeIds;
    beforeIds.reserve(before.size());
    for (const QModelIndex &index : before)
        beforeIds << deviceId(index.row());
    setIds(ids.value());
    m_pages.clear();
    m_pageOrder.clear();
    // Selections follow their devices to where the new order put them.
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        const int row = rowOf(beforeIds.at(i));
        after << (row < 0 ? QModelIndex() : index(row, before.at(i).column()));
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

const Device *DeviceListModel::deviceAt(int row) const
{
    const int page = row / PageSize;
    if (!m_pages.contains(page))
        readPage(page);
    const auto found = m_pages.constFind(page);
    if (found == m_pages.cend() || row % PageSize >= found->size())
        return nullptr;
    return &found->at(row % PageSize);
}

void DeviceListModel::readPage(int page) const
{
    const qsizetype first = qsizetype(page) * PageSize;
    const QList<qint64> ids = m_ids.mid(first, PageSize);
    DeviceFilter byIds;
    byIds.ids = ids;
    byIds.limit = PageSize;
    const Result<QList<Device>> devices = m_devices.list(byIds);
    if (!devices)
        return;
    QHash<qint64, qsizetype> position;
    for (qsizetype i = 0; i < ids.size(); ++i)
        position.insert(ids.at(i), i);
    QList<Device> rows(ids.size());
    for (const Device &device : devices.value())
        rows[position.value(device.id)] = device;
    // A device deleted since the ids were read keeps an empty row until the next reload.
    if (m_pageOrder.size() >= KeptPages)
        m_pages.remove(m_pageOrder.takeFirst());
    m_pages.insert(page, rows);
    m_pageOrder << page;
}

QString DeviceListModel::siteName(qint64 siteId) const
{
    return m_siteNames.value(siteId, QString::number(siteId));
}

} // namespace Cairn
