#pragma once

#include "Error.h"
#include "inventory/Device.h"
#include "inventory/DeviceRepository.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <optional>

namespace Cairn {

class DeviceService;
class SiteService;

// The devices a filter selects, for a table. Every matching id is read at once, in the order
// asked for (a few milliseconds for 100k), so the scroll bar is right from the start; the
// devices themselves are read a page at a time when a row is first shown, and only the pages
// in view stay in memory.
class DeviceListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Hostname,
        Site,
        IpAddress,
        Platform,
        Vendor,
        Model,
        SerialNumber,
        Description,
        ColumnCount
    };
    enum Role
    {
        DeviceIdRole = Qt::UserRole + 1,
    };

    DeviceListModel(DeviceService &devices, SiteService &sites, QObject *parent = nullptr);

    // Which devices (site, set query result, hostname text); its order and paging are the
    // model's own. Reloads.
    void setFilter(const DeviceFilter &filter);
    // Reads the ids again: rows that stayed are updated in place, and the views keep their
    // selection when the rows did not change (a reset otherwise).
    void reload();
    // Why the last reload failed, if it did; the rows are then empty.
    std::optional<Error> lastError() const { return m_lastError; }

    qint64 deviceId(int row) const;
    // -1 when the device is not among the rows.
    int rowOf(qint64 deviceId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Rows read per query, and how many such pages are kept.
    static constexpr int PageSize = 200;
    static constexpr int KeptPages = 16;

Q_SIGNALS:
    void loadFailed(const Cairn::Error &error);

private:
    // Every id the filter selects, in the model's order (and the sites' names, read with them).
    Result<QList<qint64>> readIds();
    void setIds(const QList<qint64> &ids);
    // The device at `row`, reading its page first when needed; nullptr if that read failed.
    const Device *deviceAt(int row) const;
    void readPage(int page) const;
    QString siteName(qint64 siteId) const;

    DeviceService &m_devices;
    SiteService &m_sites;
    DeviceFilter m_filter;
    // Whether setFilter() was called: before it there are no rows to read.
    bool m_filtered = false;
    QList<qint64> m_ids;
    QHash<qint64, int> m_rowById;
    QHash<qint64, QString> m_siteNames;
    std::optional<Error> m_lastError;
    // Page number -> its devices in row order; oldest read first in m_pageOrder.
    mutable QHash<int, QList<Device>> m_pages;
    mutable QList<int> m_pageOrder;
};

} // namespace Cairn
