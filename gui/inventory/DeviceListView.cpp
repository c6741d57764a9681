#include "DeviceListView.h"

#include "DeviceListModel.h"
#include "common/SettingValue.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QScrollBar>

namespace Cairn {

namespace {

const SettingValue<QByteArray> HeaderState(QStringLiteral("Inventory/DeviceList/Header"));

} // namespace

DeviceListView::DeviceListView(DeviceService &devices, SiteService &sites, QWidget *parent)
    : QTableView(parent)
    , m_model(new DeviceListModel(devices, sites, this))
{
    setModel(m_model);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setShowGrid(false);
    verticalHeader()->hide();
    // Every row one line high: the view then never measures rows it has not read.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSectionsMovable(true);
    QHeaderView *header = horizontalHeader();
    if (header->restoreState(HeaderState.get())) {
        sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
    } else {
        header->resizeSection(DeviceListModel::Hostname, 180);
        header->resizeSection(DeviceListModel::Site, 110);
        header->resizeSection(DeviceListModel::IpAddress, 130);
        header->resizeSection(DeviceListModel::Platform, 110);
        header->setSectionHidden(DeviceListModel::SerialNumber, true);
        sortByColumn(DeviceListModel::Hostname, Qt::AscendingOrder);
    }
    setSortingEnabled(true);

    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
            &DeviceListView::rememberSelection);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DeviceListView::restoreSelection);
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                Q_EMIT currentDeviceChanged(m_model->deviceId(current.row()));
            });
    connect(selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DeviceListView::selectedDevicesChanged);
}

DeviceListView::~DeviceListView()
{
    HeaderState.set(horizontalHeader()->saveState());
}

void DeviceListView::setFilter(const DeviceFilter &filter)
{
    m_model->setFilter(filter);
}

void DeviceListView::reload()
{
    m_model->reload();
}

qint64 DeviceListView::currentDeviceId() const
{
    return m_model->deviceId(currentIndex().row());
}

QList<qint64> DeviceListView::selectedDeviceIds() const
{
    QList<qint64> ids;
    const QModelIndexList rows = selectionModel()->selectedRows();
    ids.reserve(rows.size());
    for (const QModelIndex &row : rows)
        ids << m_model->deviceId(row.row());
    return ids;
}

void DeviceListView::selectDevice(qint64 deviceId)
{
    const int row = m_model->rowOf(deviceId);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, DeviceListModel::Hostname);
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                 QItemSelectionModel::Rows);
    scrollTo(index);
}

void DeviceListView::rememberSelection()
{
    m_selectedBeforeReset = selectedDeviceIds();
    m_currentBeforeReset = currentDeviceId();
    m_scrollBeforeReset = verticalScrollBar()->value();
}

void DeviceListView::restoreSelection()
{
    QItemSelection selection;
    for (const qint64 id : std::as_const(m_selectedBeforeReset)) {
        const int row = m_model->rowOf(id);
        if (row >= 0)
            selection.select(m_model->index(row, 0),
                             m_model->index(row, DeviceListModel::ColumnCount - 1));
    }
    selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    const int current = m_model->rowOf(m_currentBeforeReset);
    if (current >= 0)
        selectionModel()->setCurrentIndex(m_model->index(current, DeviceListModel::Hostname),
                                          QItemSelectionModel::NoUpdate);
    verticalScrollBar()->setValue(m_scrollBeforeReset);
    // A device that is gone leaves nothing current; say so, as a click elsewhere would.
    Q_EMIT currentDeviceChanged(currentDeviceId());
}

} // namespace Cairn
