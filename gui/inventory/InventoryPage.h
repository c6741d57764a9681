#pragma once

#include "auth/Identity.h"
#include "common/SiteRights.h"

#include <QWidget>
#include <optional>

class QAction;
class QSplitter;

namespace Cairn {

class CoreEvents;
class CoreServices;
class DeviceDetailsWidget;
class DeviceListView;
class DeviceSearchBox;
class InventoryTreeView;

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
    // Every site's devices matching `text` (a hostname or a set query).
    void search(const QString &text);
    void newDevice();
    void editDevice();
    void deleteDevices();
    void setAttribute();
    // The current site's attribute definitions, in a dialog.
    void showAttributeDefinitions();

private:
    // The device chosen in the tree (at one of its interfaces when `interfaceId` is not 0).
    void showDevice(qint64 deviceId, qint64 interfaceId);
    void applyFilter();
    void updateActions();

    CoreServices &m_core;
    Identity m_identity;
    SiteRights m_rights;
    CoreEvents &m_events;
    InventoryTreeView *m_tree;
    DeviceSearchBox *m_search;
    DeviceListView *m_devices;
    DeviceDetailsWidget *m_details;
    QSplitter *m_splitter;
    QAction *m_new;
    QAction *m_edit;
    QAction *m_delete;
    QAction *m_setAttribute;
    QAction *m_attributeDefinitions;
    QAction *m_refresh;
};

} // namespace Cairn
