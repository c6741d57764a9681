#pragma once

#include <QList>
#include <QTableView>

namespace Cairn {

class DeviceListModel;
class DeviceService;
class SiteService;
struct DeviceFilter;

// The device table: sorted by the database, rows read as they scroll into view, the column
// layout remembered, and the selection kept when the rows are read again.
class DeviceListView : public QTableView
{
    Q_OBJECT

public:
    DeviceListView(DeviceService &devices, SiteService &sites, QWidget *parent = nullptr);
    ~DeviceListView() override;

    DeviceListModel *deviceModel() const { return m_model; }
    void setFilter(const DeviceFilter &filter);
    // Reads the devices again (after a change anywhere), keeping selection and scroll position.
    void reload();
    qint64 currentDeviceId() const;
    QList<qint64> selectedDeviceIds() const;
    void selectDevice(qint64 deviceId);

Q_SIGNALS:
    // 0 when no device is current.
    void currentDeviceChanged(qint64 deviceId);
    void selectedDevicesChanged();

private:
    void rememberSelection();
    void restoreSelection();

    DeviceListModel *m_model;
    QList<qint64> m_selectedBeforeReset;
    qint64 m_currentBeforeReset = 0;
    int m_scrollBeforeReset = 0;
};

} // namespace Cairn
