#include "MainWindow.h"

#include "AreaPage.h"
#include "CoreServices.h"
#include "admin/AdministrationPage.h"
#include "common/CoreEvents.h"
#include "common/ErrorMessage.h"
#include "common/SettingValue.h"
#include "common/Theme.h"
#include "inventory/InventoryPage.h"
#include "ipam/IpSpacePage.h"
#include "jobs/JobListModel.h"
#include "jobs/JobsPanel.h"
#include "jobs/StopJobsDialog.h"
#include "topology/TopologyPage.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>

namespace Cairn {

namespace {

const SettingValue<QByteArray> Geometry(QStringLiteral("MainWindow/Geometry"));
const SettingValue<QByteArray> WindowState(QStringLiteral("MainWindow/State"));
const SettingValue<int> LastArea(QStringLiteral("MainWindow/Area"));
// How soon a change to the signed-in account elsewhere closes the window.
constexpr int AccountCheckMilliseconds = 5000;

} // namespace

MainWindow::MainWindow(CoreServices &core, const Identity &identity, ServerHooks server,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_core(core)
    , m_identity(identity)
    , m_events(new CoreEvents(core, this))
    , m_areas(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_toolBar(addToolBar(tr("Main Toolbar")))
    , m_inventory(new InventoryPage(core, identity, *m_events, m_pages))
    , m_ipSpace(new IpSpacePage(core, identity, *m_events, m_pages))
    , m_topology(new TopologyPage(core, identity, *m_events, m_pages))
    , m_jobsDock(new QDockWidget(tr("Jobs"), this))
    , m_jobs(new JobsPanel(core, identity, *m_events, m_jobsDock))
{
    setWindowTitle(tr("Cairn"));
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setMovable(false);
    m_areas->setObjectName(QStringLiteral("areas"));
    m_areas->setIconSize(QSize(22, 22));
    m_areas->setSpacing(2);
    m_areas->setFrameShape(QFrame::NoFrame);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_areas);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    m_areas->setMaximumWidth(240);
    m_areas->setMinimumWidth(150);
    splitter->setSizes({180, 1000});
    setCentralWidget(splitter);

    addArea(QStringLiteral("computer"), tr("Inventory"), m_inventory,
            m_inventory->toolBarActions());
    addArea(QStringLiteral("network-workgroup"), tr("IP Space"), m_ipSpace,
            m_ipSpace->toolBarActions());
    addArea(QStringLiteral("network-wired"), tr("Topology"), m_topology,
            m_topology->toolBarActions());
    addPlannedArea(QStringLiteral("system-run"), tr("Automation"),
                   tr("Services, workflows, runs and their results, scheduled tasks."));
    addPlannedArea(QStringLiteral("utilities-terminal"), tr("Toolkit"),
                   tr("Approved commands, run on devices over SSH, with their logs."));
    addPlannedArea(QStringLiteral("computer-laptop"), tr("Virtualisation"),
                   tr("Hypervisors and their machines, actions and transactions."));
    addPlannedArea(QStringLiteral("network-server"), tr("Provisioning"),
                   tr("Switches bootstrapping through zero-touch provisioning."));
    auto *administration = new AdministrationPage(core, identity, m_pages);
    addArea(QStringLiteral("preferences-system"), tr("Administration"), administration,
            administration->toolBarActions());
    connect(m_areas, &QListWidget::currentRowChanged, this, &MainWindow::showToolBarOf);

    m_server = std::move(server);
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_startServer = file->addAction(QIcon::fromTheme(QStringLiteral("media-playback-start")),
                                    tr("&Start REST Server…"), this, [this] { startServer(); });
    m_stopServer = file->addAction(QIcon::fromTheme(QStringLiteral("media-playback-stop")),
                                   tr("S&top REST Server"), this, &MainWindow::stopServer);
    m_startServer->setObjectName(QStringLiteral("startServer"));
    m_stopServer->setObjectName(QStringLiteral("stopServer"));
    file->addSeparator();
    // Through close(), as the window's own close button: running jobs are asked about first.
    file->addAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"),
                    QKeySequence::Quit, this, &QWidget::close)
        ->setObjectName(QStringLiteral("quit"));
    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (int area = 0; area < m_areas->count(); ++area)
        view->addAction(m_areas->item(area)->text(),
                        QKeySequence(QKeyCombination(Qt::AltModifier, Qt::Key(Qt::Key_1 + area))),
                        this, [this, area] { showArea(area); });
    view->addSeparator();
    QMenu *theme = view->addMenu(tr("&Theme"));
    auto *themes = new QActionGroup(this);
    for (const auto &option :
         {std::pair{Theme::Mode::FollowDesktop, tr("Follow the &Desktop")},
          std::pair{Theme::Mode::Light, tr("&Light")}, std::pair{Theme::Mode::Dark, tr("D&ark")}}) {
        const Theme::Mode mode = option.first;
        QAction *choice = theme->addAction(option.second, this, [mode] { Theme::choose(mode); });
        choice->setCheckable(true);
        choice->setChecked(Theme::chosen() == mode);
        themes->addAction(choice);
    }
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Cairn"), this, [this] {
        QMessageBox::about(this, tr("About Cairn"),
                           tr("Cairn %1 — one tool for a network and the machines on it.")
                               .arg(QStringLiteral(CAIRN_VERSION)));
    });

    // Search: a hostname or a set query, shown in the inventory.
    QToolBar *searchBar = addToolBar(tr("Search"));
    searchBar->setObjectName(QStringLiteral("searchToolBar"));
    searchBar->setMovable(false);
    auto *search = new QLineEdit(searchBar);
    search->setObjectName(QStringLiteral("globalSearch"));
    search->setClearButtonEnabled(true);
    search->setPlaceholderText(tr("Search devices: hostname or set query (Ctrl+K)"));
    search->setMinimumWidth(280);
    search->addAction(QIcon::fromTheme(QStringLiteral("edit-find")), QLineEdit::LeadingPosition);
    auto *spacer = new QWidget(searchBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    searchBar->addWidget(spacer);
    searchBar->addWidget(search);
    auto *focusSearch = new QAction(this);
    focusSearch->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_K), QKeySequence::Find});
    connect(focusSearch, &QAction::triggered, search, [search] {
        search->setFocus(Qt::ShortcutFocusReason);
        search->selectAll();
    });
    addAction(focusSearch);
    connect(search, &QLineEdit::returnPressed, this, [this, search] {
        showArea(m_pages->indexOf(m_inventory));
        m_inventory->search(search->text().trimmed());
    });

    // Jobs: how many run, in the status bar; the list in a panel it opens.
    m_jobsDock->setObjectName(QStringLiteral("jobsDock"));
    m_jobsDock->setWidget(m_jobs);
    m_jobsDock->hide();
    addDockWidget(Qt::BottomDockWidgetArea, m_jobsDock);
    auto *jobsButton = new QToolButton(this);
    jobsButton->setObjectName(QStringLiteral("jobsButton"));
    jobsButton->setAutoRaise(true);
    jobsButton->setIcon(QIcon::fromTheme(QStringLiteral("system-run")));
    jobsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    const auto showCount = [jobsButton](int unfinished) {
        jobsButton->setText(unfinished == 0 ? tr("No jobs running")
                                            : tr("%n job(s) running", nullptr, unfinished));
    };
    showCount(m_jobs->model()->unfinishedCount());
    connect(m_jobs, &JobsPanel::unfinishedChanged, jobsButton, showCount);
    connect(jobsButton, &QToolButton::clicked, m_jobsDock->toggleViewAction(), &QAction::trigger);
    view->addSeparator();
    view->addAction(m_jobsDock->toggleViewAction());
    m_jobsDock->toggleViewAction()->setShortcut(Qt::CTRL | Qt::Key_J);

    auto *database = new QLabel(tr("Database: %1").arg(core.options().database.describe()), this);
    auto *user = new QLabel(identity.user.isSuperuser
                                ? tr("Signed in as %1 (administrator)").arg(identity.user.username)
                                : tr("Signed in as %1").arg(identity.user.username),
                            this);
    database->setTextFormat(Qt::PlainText);
    m_serverState = new QLabel(this);
    m_serverState->setTextFormat(Qt::PlainText);
    m_serverState->setObjectName(QStringLiteral("serverState"));
    m_serverState->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(database, 1);
    statusBar()->addPermanentWidget(m_serverState);
    statusBar()->addPermanentWidget(jobsButton);
    statusBar()->addPermanentWidget(user);

    showServerState();
    connect(&m_accountCheck, &QTimer::timeout, this, &MainWindow::checkAccount);
    m_accountCheck.start(AccountCheckMilliseconds);
    resize(1200, 760);
    restoreGeometry(Geometry.get());
    restoreState(WindowState.get());
    showArea(qBound(0, LastArea.get(0), int(m_areas->count()) - 1));
}

MainWindow::~MainWindow()
{
    Geometry.set(saveGeometry());
    WindowState.set(saveState());
    LastArea.set(m_areas->currentRow());
}

void MainWindow::checkAccount()
{
    // Signed out already: the window is closing.
    if (!m_accountCheck.isActive())
        return;
    const Result<User> now = m_core.users().userById(m_identity.user.id);
    // An unreachable database says nothing about the account; the next check asks again.
    if (!now && now.error().code != ErrorCode::NotFound)
        return;
    QString reason;
    if (!now || !now->isActive)
        reason = tr("The account %1 was deleted or deactivated.").arg(m_identity.user.username);
    else if (now->isSuperuser != m_identity.user.isSuperuser)
        reason = tr("The administrator rights of %1 changed.").arg(m_identity.user.username);
    else if (now->credentialsChangedAt != m_identity.user.credentialsChangedAt)
        reason = tr("The password of %1 changed.").arg(m_identity.user.username);
    if (reason.isEmpty())
        return;
    m_accountCheck.stop();
    Q_EMIT signedOut(reason + QLatin1Char(' ') + tr("Start Cairn again to sign in."));
}

void MainWindow::startServer(const QString &listen)
{
    if (!m_server.available() || !m_serverAddress.isEmpty())
        return;
    QString address = listen;
    if (address.isEmpty()) {
        bool chose = false;
        address =
            QInputDialog::getText(this, tr("Start REST Server"), tr("Listen on (HOST:PORT):"),
                                  QLineEdit::Normal, QStringLiteral("127.0.0.1:8090"), &chose);
        if (!chose)
            return;
    }
    const Result<QString> started = m_server.start(address.trimmed());
    if (!started) {
        ErrorMessage::show(this, tr("The REST server did not start."), started.error());
        return;
    }
    m_serverAddress = started.value();
    showServerState();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const qint64 running = StopJobsDialog::unfinished(m_core.jobs());
    if (running == 0) {
        event->accept();
        return;
    }
    if (m_askBeforeStoppingJobs && !askToStopJobs(running)) {
        event->ignore();
        return;
    }
    StopJobsDialog stopping(m_core.jobs(), StopJobsDeadlineMs, this);
    stopping.exec();
    m_leftJobsRunning = stopping.leftJobsRunning();
    event->accept();
}

bool MainWindow::askToStopJobs(qint64 running)
{
    QMessageBox ask(QMessageBox::Warning, tr("Quit Cairn"),
                    tr("Jobs of this program still running: %1").arg(running), QMessageBox::Cancel,
                    this);
    ask.setObjectName(QStringLiteral("quitWithJobs"));
    ask.setInformativeText(tr("Quitting asks them to stop. Those still running %1 s later end "
                              "as interrupted.")
                               .arg(StopJobsDeadlineMs / 1000));
    QPushButton *quit = ask.addButton(tr("&Stop Jobs and Quit"), QMessageBox::DestructiveRole);
    quit->setObjectName(QStringLiteral("stopJobsAndQuit"));
    ask.setDefaultButton(QMessageBox::Cancel);
    ask.exec();
    return ask.clickedButton() == quit;
}

void MainWindow::closeStoppingJobs()
{
    m_askBeforeStoppingJobs = false;
    close();
}

void MainWindow::stopServer()
{
    if (m_serverAddress.isEmpty())
        return;
    m_server.stop();
    m_serverAddress.clear();
    showServerState();
}

void MainWindow::showServerState()
{
    m_startServer->setEnabled(m_server.available() && m_serverAddress.isEmpty());
    m_stopServer->setEnabled(!m_serverAddress.isEmpty());
    m_startServer->setVisible(m_server.available());
    m_stopServer->setVisible(m_server.available());
    m_serverState->setVisible(m_server.available());
    m_serverState->setText(m_serverAddress.isEmpty()
                               ? tr("REST server stopped")
                               : tr("REST server at %1").arg(m_serverAddress));
}

void MainWindow::addArea(const QString &iconName, const QString &title, QWidget *page,
                         const QList<QAction *> &actions)
{
    m_areaActions.insert(m_pages->addWidget(page), actions);
    m_areas->addItem(new QListWidgetItem(QIcon::fromTheme(iconName), title));
}

void MainWindow::addPlannedArea(const QString &iconName, const QString &title,
                                const QString &description)
{
    addArea(iconName, title, new AreaPage(title, description, m_pages));
}

void MainWindow::showToolBarOf(int index)
{
    m_pages->setCurrentIndex(index);
    m_toolBar->clear();
    m_toolBar->addActions(m_areaActions.value(index));
    m_toolBar->setVisible(!m_toolBar->actions().isEmpty());
}

QStringList MainWindow::areaTitles() const
{
    QStringList titles;
    for (int i = 0; i < m_areas->count(); ++i)
        titles << m_areas->item(i)->text();
    return titles;
}

void MainWindow::showArea(int index)
{
    m_areas->setCurrentRow(index);
    showToolBarOf(index);
}

} // namespace Cairn
