#include "TopologyPage.h"

#include "CoreServices.h"
#include "TopologyImageWriter.h"
#include "TopologyNodeItem.h"
#include "TopologyScene.h"
#include "TopologyView.h"
#include "common/CoreEvents.h"
#include "common/DeviceSearchBox.h"
#include "common/ErrorLabel.h"
#include "common/ErrorMessage.h"
#include "common/SettingValue.h"
#include "common/SiteListWidget.h"
#include "inventory/DeviceDetailsWidget.h"
#include "topology/TopologyLayout.h"

#include <QAction>
#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Cairn {

namespace {

const SettingValue<QByteArray> SplitterState(QStringLiteral("Topology/Splitter"));
const SettingValue<bool> ShowMachines(QStringLiteral("Topology/ShowMachines"));
const SettingValue<QString> ExportFolder(QStringLiteral("Topology/ExportFolder"));

QAction *action(const QString &icon, const QString &text, const QString &name, QObject *parent)
{
    // Some themes (Adwaita) have only the symbolic form of an icon.
    auto *made = new QAction(
        QIcon::fromTheme(icon, QIcon::fromTheme(icon + QStringLiteral("-symbolic"))), text, parent);
    made->setObjectName(name);
    return made;
}

} // namespace

TopologyPage::TopologyPage(CoreServices &core, const Identity &identity, CoreEvents &events,
                           QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_identity(identity)
    , m_events(events)
    , m_topology(core.database(), core.devices(), core.virt())
    , m_sites(new SiteListWidget(core.sites(), true, this))
    , m_search(new DeviceSearchBox(core.devices(), this))
    , m_machines(new QCheckBox(tr("Virtual &machines"), this))
    , m_problem(new ErrorLabel(this))
    , m_summary(new QLabel(this))
    , m_scene(new TopologyScene(this))
    , m_view(new TopologyView(this))
    , m_details(new DeviceDetailsWidget(core, this))
    , m_splitter(new QSplitter(this))
    , m_arrange(action(QStringLiteral("view-grid"), tr("&Arrange Automatically"),
                       QStringLiteral("arrange"), this))
    , m_fit(action(QStringLiteral("zoom-fit-best"), tr("&Fit to Window"), QStringLiteral("fit"),
                   this))
    , m_actualSize(action(QStringLiteral("zoom-original"), tr("&Actual Size"),
                          QStringLiteral("actualSize"), this))
    , m_zoomIn(action(QStringLiteral("zoom-in"), tr("Zoom &In"), QStringLiteral("zoomIn"), this))
    , m_zoomOut(
          action(QStringLiteral("zoom-out"), tr("Zoom &Out"), QStringLiteral("zoomOut"), this))
    , m_export(action(QStringLiteral("document-save-as"), tr("E&xport Picture…"),
                      QStringLiteral("exportPicture"), this))
    , m_refresh(
          action(QStringLiteral("view-refresh"), tr("&Refresh"), QStringLiteral("refresh"), this))
{
    m_machines->setObjectName(QStringLiteral("showMachines"));
    m_machines->setToolTip(tr("Show each hypervisor's virtual machines under it. A hypervisor "
                              "named as a device is that device."));
    m_machines->setChecked(ShowMachines.get(false));
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view->setScene(m_scene);

    auto *options = new QHBoxLayout;
    options->addWidget(m_search, 1);
    options->addWidget(m_machines);
    auto *picture = new QWidget(this);
    auto *pictureLayout = new QVBoxLayout(picture);
    pictureLayout->setContentsMargins(0, 0, 0, 0);
    pictureLayout->addLayout(options);
    pictureLayout->addWidget(m_problem);
    pictureLayout->addWidget(m_view, 1);
    pictureLayout->addWidget(m_summary);
    m_splitter->addWidget(m_sites);
    m_splitter->addWidget(picture);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(1, 1);
    if (!m_splitter->restoreState(SplitterState.get()))
        m_splitter->setSizes({160, 640, 320});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    m_arrange->setShortcut(Qt::CTRL | Qt::Key_L);
    m_fit->setShortcut(Qt::CTRL | Qt::Key_0);
    m_actualSize->setShortcut(Qt::CTRL | Qt::Key_1);
    m_zoomIn->setShortcut(QKeySequence::ZoomIn);
    m_zoomOut->setShortcut(QKeySequence::ZoomOut);
    m_export->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_S);
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_arrange->setToolTip(tr("Lay every shown node out anew with Graphviz; your arrangement is "
                             "replaced"));
    for (QAction *each : toolBarActions())
        addAction(each);
    connect(m_arrange, &QAction::triggered, this, &TopologyPage::arrange);
    connect(m_fit, &QAction::triggered, m_view, &TopologyView::fitAll);
    connect(m_actualSize, &QAction::triggered, m_view, &TopologyView::actualSize);
    connect(m_zoomIn, &QAction::triggered, m_view, &TopologyView::zoomIn);
    connect(m_zoomOut, &QAction::triggered, m_view, &TopologyView::zoomOut);
    connect(m_export, &QAction::triggered, this, &TopologyPage::exportPicture);
    connect(m_refresh, &QAction::triggered, this, &TopologyPage::reload);
    connect(&m_layout, &QFutureWatcher<Result<QHash<QString, QPointF>>>::finished, this,
            &TopologyPage::layoutFinished);
    connect(m_scene, &TopologyScene::nodesMoved, this, &TopologyPage::savePlaces);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &TopologyPage::showSelection);
    connect(m_sites, &SiteListWidget::currentSiteChanged, this, [this] {
        m_shownOnce = false;
        reload();
    });
    connect(m_search, &DeviceSearchBox::searchRequested, this, [this] {
        m_shownOnce = false;
        reload();
    });
    connect(m_machines, &QCheckBox::toggled, this, [this](bool checked) {
        ShowMachines.set(checked);
        reload();
    });
    connect(&m_events, &CoreEvents::inventoryChanged, this, &TopologyPage::reload);
}

void TopologyPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        reload();
}

TopologyPage::~TopologyPage()
{
    SplitterState.set(m_splitter->saveState());
    m_layout.waitForFinished();
}

QList<QAction *> TopologyPage::toolBarActions() const
{
    return {m_arrange, m_fit, m_actualSize, m_zoomIn, m_zoomOut, m_export, m_refresh};
}

void TopologyPage::reload()
{
    // Nobody looks: read (and lay out) when someone does.
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    m_stale = false;
    m_problem->clearError();
    if (m_arranging) {
        m_reloadAfterLayout = true;
        return;
    }
    Result<TopologyGraph> graph = m_topology.graph(
        m_identity, m_search->filter(m_sites->currentSite()), m_machines->isChecked());
    Result<QHash<QString, QPointF>> saved = m_topology.positions(m_identity);
    if (!graph || !saved) {
        m_problem->showError(graph ? saved.error().message : graph.error().message);
        return;
    }
    m_graph = std::move(graph.value());
    m_saved = std::move(saved.value());
    if (TopologyLayout::lacksPlaces(m_graph, m_saved)) {
        startLayout(false);
        return;
    }
    showPicture(m_saved);
}

void TopologyPage::arrange()
{
    if (!m_arranging)
        startLayout(true);
}

void TopologyPage::startLayout(bool everything)
{
    m_layoutEverything = everything;
    m_arranging = true;
    m_problem->clearError();
    m_arrange->setEnabled(false);
    m_summary->setText(
        tr("Arranging %1 nodes with Graphviz…").arg(QLocale().toString(m_graph.nodes.size())));
    m_layout.setFuture(QtConcurrent::run([graph = m_graph] {
        return TopologyLayout::arrange(graph, TopologyNodeItem::footprint());
    }));
}

void TopologyPage::layoutFinished()
{
    m_arranging = false;
    m_arrange->setEnabled(true);
    if (m_reloadAfterLayout) {
        // The picture changed meanwhile: read it again, and arrange it again if asked to.
        m_reloadAfterLayout = false;
        const bool everything = m_layoutEverything;
        reload();
        if (everything && !m_arranging)
            startLayout(true);
        return;
    }
    const Result<QHash<QString, QPointF>> laidOut = m_layout.result();
    if (!laidOut) {
        m_problem->showError(
            tr("The topology could not be arranged: %1").arg(laidOut.error().message));
        showPicture(m_saved);
        return;
    }
    // In the frame of the user's whole arrangement: a site laid out alone lands where it was,
    // or beside the rest, never on another site.
    const QHash<QString, QPointF> places =
        m_layoutEverything ? TopologyLayout::placedAmong(laidOut.value(), m_saved)
                           : TopologyLayout::completed(m_graph, m_saved, laidOut.value());
    QHash<QString, QPointF> changed;
    for (auto place = places.cbegin(); place != places.cend(); ++place) {
        if (m_saved.value(place.key(), QPointF(qQNaN(), qQNaN())) != place.value())
            changed.insert(place.key(), place.value());
    }
    savePlaces(changed);
    if (m_layoutEverything)
        m_shownOnce = false;
    showPicture(places);
    Q_EMIT arranged();
}

void TopologyPage::showPicture(const QHash<QString, QPointF> &places)
{
    m_scene->setGraph(m_graph, places);
    if (!m_shownOnce) {
        m_view->fitAll();
        m_shownOnce = true;
    }
    updateSummary();
    showSelection();
}

void TopologyPage::savePlaces(const QHash<QString, QPointF> &places)
{
    for (auto place = places.cbegin(); place != places.cend(); ++place)
        m_saved.insert(place.key(), place.value());
    const Result<void> saved = m_topology.savePositions(m_identity, places);
    if (!saved)
        m_problem->showError(
            tr("The arrangement could not be saved: %1").arg(saved.error().message));
}

void TopologyPage::showSelection()
{
    const QStringList keys = m_scene->selectedKeys();
    const TopologyNodeItem *item = keys.size() == 1 ? m_scene->nodeItem(keys.first()) : nullptr;
    const bool device = item && item->node().kind == TopologyNode::Kind::Device;
    m_details->showDevice(device ? item->node().id : 0);
}

void TopologyPage::updateSummary()
{
    qint64 devices = 0;
    qint64 machines = 0;
    for (const TopologyNode &node : std::as_const(m_graph.nodes)) {
        if (node.kind == TopologyNode::Kind::Device)
            ++devices;
        else if (node.kind == TopologyNode::Kind::Machine)
            ++machines;
    }
    qint64 edges = 0;
    for (const TopologyEdge &edge : std::as_const(m_graph.edges)) {
        if (edge.kind != TopologyEdge::Kind::Placement)
            ++edges;
    }
    const QLocale locale;
    QStringList parts{tr("Devices: %1").arg(locale.toString(devices)),
                      tr("Links: %1").arg(locale.toString(edges))};
    if (m_machines->isChecked())
        parts << tr("Virtual machines: %1").arg(locale.toString(machines));
    QString text = parts.join(QStringLiteral(" · "));
    if (m_graph.devicesMatched > devices) {
        text += QStringLiteral(" — ") +
                tr("the first %1 of %2 devices by name: choose a site or a query to see the others")
                    .arg(locale.toString(devices), locale.toString(m_graph.devicesMatched));
    }
    m_summary->setText(text);
}

void TopologyPage::exportPicture()
{
    const QString folder = ExportFolder.get(QDir::homePath());
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Picture"), QDir(folder).filePath(QStringLiteral("topology.png")),
        tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (path.isEmpty())
        return;
    ExportFolder.set(QFileInfo(path).absolutePath());
    const Result<void> written = exportPictureTo(path);
    if (!written)
        ErrorMessage::show(this, tr("The picture was not exported."), written.error());
}

Result<void> TopologyPage::exportPictureTo(const QString &path)
{
    return TopologyImageWriter::write(*m_scene, path);
}

} // namespace Cairn
