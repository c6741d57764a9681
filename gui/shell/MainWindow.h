#pragma once

#include "auth/Identity.h"

#include <QHash>
#include <QMainWindow>

class QAction;
class QLabel;
class QListWidget;
class QStackedWidget;
class QToolBar;

namespace Cairn {

class CoreEvents;
class CoreServices;
class InventoryPage;
class IpSpacePage;

// The desktop window: the areas of DESIGN.md in a sidebar, the chosen area beside it with its
// actions in the toolbar, and in the status bar the database and who is signed in.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(CoreServices &core, const Identity &identity, QWidget *parent = nullptr);
    ~MainWindow() override;

    QStringList areaTitles() const;
    void showArea(int index);
    CoreEvents &events() const { return *m_events; }
    InventoryPage *inventory() const { return m_inventory; }
    IpSpacePage *ipSpace() const { return m_ipSpace; }

private:
    // `actions` go in the toolbar while the area is shown.
    void addArea(const QString &iconName, const QString &title, QWidget *page,
                 const QList<QAction *> &actions = {});
    void addPlannedArea(const QString &iconName, const QString &title, const QString &description);
    void showToolBarOf(int index);

    CoreEvents *m_events;
    QListWidget *m_areas;
    QStackedWidget *m_pages;
    QToolBar *m_toolBar;
    InventoryPage *m_inventory;
    IpSpacePage *m_ipSpace;
    QHash<int, QList<QAction *>> m_areaActions;
};

} // namespace Cairn
