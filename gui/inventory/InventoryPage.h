#pragma once

#include "auth/Action.h"
#include "auth/Identity.h"

#include <QWidget>
#include <optional>

class QAction;
class QLineEdit;
class QListWidget;
class QSplitter;

namespace Cairn {

class CoreEvents;
class CoreServices;
class DeviceDetailsWidget;
class DeviceListView;
class ErrorLabel;

// The inventory area: sites on the left, their devices in a table filtered by hostname or an
// NSoT set query, the current device's details on the right. Actions are enabled by what the
// signed-in user may do; the core still decides.
class InventoryPage : public QWidget
{
    Q_OBJECT

public:
    InventoryPage(CoreServices &core, const Identity &identity, CoreEvents &events,
                  QWidget *parent = nullptr);
    ~InventoryPage() override;

    DeviceListView *deviceList() const { return m_devices; }
    QList<QAction *> toolBarActions() const;

public Q_SLOTS:
    // Re-reads sites and devices (a change made anywhere), keeping selection and filter.
    void reload();
    void newDevice();
    void editDevice();
    void deleteDevices();
    void setAttribute();

private:
    void reloadSites();
    void applyFilter();
    std::optional<qint64> currentSite() const;
    void updateActions();
    bool mayOnSite(std::optional<qint64> siteId, Action action) const;

    CoreServices &m_core;
    Identity m_identity;
    CoreEvents &m_events;
    QListWidget *m_sites;
    QLineEdit *m_filter;
    ErrorLabel *m_filterError;
    DeviceListView *m_devices;
    DeviceDetailsWidget *m_details;
    QSplitter *m_splitter;
    QAction *m_new;
    QAction *m_edit;
    QAction *m_delete;
    QAction *m_setAttribute;
    QAction *m_refresh;
};

} // namespace Cairn
