#include "MainWindow.h"

#include "AreaPage.h"
#include "CoreServices.h"
#include "admin/AdministrationPage.h"
#include "common/CoreEvents.h"
#include "common/SettingValue.h"
#include "common/Theme.h"
#include "inventory/InventoryPage.h"
#include "ipam/IpSpacePage.h"

#include <QActionGroup>
#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>

namespace Cairn {

namespace {

const SettingValue<QByteArray> Geometry(QStringLiteral("MainWindow/Geometry"));
const SettingValue<QByteArray> WindowState(QStringLiteral("MainWindow/State"));
const SettingValue<int> LastArea(QStringLiteral("MainWindow/Area"));

} // namespace

MainWindow::MainWindow(CoreServices &core, const Identity &identity, QWidget *parent)
    : QMainWindow(parent)
    , m_events(new CoreEvents(core, this))
    , m_areas(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_toolBar(addToolBar(tr("Main Toolbar")))
    , m_inventory(new InventoryPage(core, identity, *m_events, m_pages))
    , m_ipSpace(new IpSpacePage(core, identity, *m_events, m_pages))
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
    addPlannedArea(QStringLiteral("network-wired"), tr("Topology"),
                   tr("Devices and the links between them, on a map you can arrange."));
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

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"),
                    QKeySequence::Quit, qApp, &QApplication::quit);
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

    auto *database = new QLabel(tr("Database: %1").arg(core.options().database.describe()), this);
    auto *user = new QLabel(identity.user.isSuperuser
                                ? tr("Signed in as %1 (administrator)").arg(identity.user.username)
                                : tr("Signed in as %1").arg(identity.user.username),
                            this);
    statusBar()->addWidget(database, 1);
    statusBar()->addPermanentWidget(user);

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
