#pragma once

#include <QTreeView>
#include <optional>

namespace Cairn {

class CoreServices;
class InventoryTreeModel;

// The inventory's tree of sites, devices and interfaces, to choose what the device table shows
// (a site, or all of them) and which device's details are open.
class InventoryTreeView : public QTreeView
{
    Q_OBJECT

public:
    explicit InventoryTreeView(CoreServices &core, QWidget *parent = nullptr);

    InventoryTreeModel *treeModel() const { return m_model; }
    // The site of the current row; nullopt for "All sites".
    std::optional<qint64> currentSite() const;
    QString currentSiteName() const;
    // The device of the current device or interface row; 0 for none.
    qint64 currentDevice() const;
    void selectAllSites();
    // Reads again what is shown; the current row, expansion and scroll position stay.
    void reload();

Q_SIGNALS:
    void currentSiteChanged();
    // A device row or one of its interfaces' rows became current (`interfaceId` 0 for the device).
    void deviceChosen(qint64 deviceId, qint64 interfaceId);

private:
    void followCurrent(const QModelIndex &current);

    InventoryTreeModel *m_model;
    std::optional<qint64> m_site;
    bool m_reloading = false;
};

} // namespace Cairn
