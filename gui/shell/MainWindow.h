#pragma once

#include "auth/Identity.h"
#include "common/ServerHooks.h"

#include <QHash>
#include <QMainWindow>
#include <QTimer>

class QAction;
class QDockWidget;
class QLabel;
class QListWidget;
class QStackedWidget;
class QToolBar;

namespace Cairn {

class CoreEvents;
class CoreServices;
class InventoryPage;
class IpSpacePage;
class TopologyPage;
class JobsPanel;

// The desktop window: the areas of DESIGN.md in a sidebar, the chosen area beside it with its
// actions in the toolbar, and in the status bar the database and who is signed in.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(CoreServices &core, const Identity &identity, ServerHooks server = {},
               QWidget *parent = nullptr);
    ~MainWindow() override;

    QStringList areaTitles() const;
    void showArea(int index);
    CoreEvents &events() const { return *m_events; }
    InventoryPage *inventory() const { return m_inventory; }
    IpSpacePage *ipSpace() const { return m_ipSpace; }
    TopologyPage *topology() const { return m_topology; }
    JobsPanel *jobs() const { return m_jobs; }
    // Where the in-process server listens; empty while it is stopped.
    QString serverAddress() const { return m_serverAddress; }
    // Whether the window closed with jobs still running: the program should end without
    // waiting for them.
    bool leftJobsRunning() const { return m_leftJobsRunning; }

    // How long quitting waits for running jobs to stop, as `cairn serve` does.
    static constexpr int StopJobsDeadlineMs = 30000;

public Q_SLOTS:
    // Asks for HOST:PORT unless given, and starts the in-process REST server there.
    void startServer(const QString &listen = {});
    void stopServer();
    // Whether the signed-in account is as it was: it still exists, is active, has the same
    // password and the same superuser status. Emits signedOut() when not.
    void checkAccount();
    // Closes without asking (the account was signed out): running jobs are asked to stop, and
    // waited for as when the operator quits.
    void closeStoppingJobs();

Q_SIGNALS:
    // The account changed elsewhere (deleted, deactivated, demoted, password reset): what the
    // window offers no longer holds, so it must be signed in to again.
    void signedOut(const QString &reason);

protected:
    // With jobs running, asks first; then waits for them to stop (StopJobsDialog).
    void closeEvent(QCloseEvent *event) override;

private:
    // `actions` go in the toolbar while the area is shown.
    void addArea(const QString &iconName, const QString &title, QWidget *page,
                 const QList<QAction *> &actions = {});
    void addPlannedArea(const QString &iconName, const QString &title, const QString &description);
    void showToolBarOf(int index);
    void showServerState();
    // Whether the operator chose to stop the `running` jobs and quit.
    bool askToStopJobs(qint64 running);

    CoreServices &m_core;
    Identity m_identity;
    QTimer m_accountCheck;
    CoreEvents *m_events;
    QListWidget *m_areas;
    QStackedWidget *m_pages;
    QToolBar *m_toolBar;
    InventoryPage *m_inventory;
    IpSpacePage *m_ipSpace;
    TopologyPage *m_topology;
    QDockWidget *m_jobsDock;
    JobsPanel *m_jobs;
    QHash<int, QList<QAction *>> m_areaActions;
    bool m_leftJobsRunning = false;
    bool m_askBeforeStoppingJobs = true;
    ServerHooks m_server;
    QString m_serverAddress;
    QAction *m_startServer = nullptr;
    QAction *m_stopServer = nullptr;
    QLabel *m_serverState = nullptr;
};

} // namespace Cairn
