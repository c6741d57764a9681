#pragma once

#include "Result.h"
#include "auth/Identity.h"
#include "topology/TopologyGraph.h"
#include "topology/TopologyService.h"

#include <QFutureWatcher>
#include <QHash>
#include <QPointF>
#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QSplitter;

namespace Cairn {

class CoreEvents;
class CoreServices;
class DeviceDetailsWidget;
class DeviceSearchBox;
class ErrorLabel;
class SiteListWidget;
class TopologyScene;
class TopologyView;

// The topology area: the devices of a site (or of a set query) with every link, circuit and
// LLDP neighbour between them, and optionally the virtual machines under their hypervisors.
// Each user arranges it by dragging; Graphviz arranges what has no place yet (off the GUI
// thread) and everything on demand. The selected device's details are beside it.
class TopologyPage : public QWidget
{
    Q_OBJECT

public:
    TopologyPage(CoreServices &core, const Identity &identity, CoreEvents &events,
                 QWidget *parent = nullptr);
    ~TopologyPage() override;

    QList<QAction *> toolBarActions() const;
    TopologyScene *scene() const { return m_scene; }
    TopologyView *view() const { return m_view; }
    // Whether Graphviz is at work; arranged() follows.
    bool isArranging() const { return m_arranging; }

public Q_SLOTS:
    // Re-reads what is shown, keeping the selection and the view; while the page is hidden,
    // when it is next shown.
    void reload();
    // Lays every shown node out anew and saves the arrangement.
    void arrange();
    void exportPicture();
    // Writes the picture to `path` (.png or .svg); the error is returned, not shown.
    Result<void> exportPictureTo(const QString &path);

Q_SIGNALS:
    // A layout finished and is shown (and saved).
    void arranged();

protected:
    void showEvent(QShowEvent *event) override;

private:
    // Lays out `m_graph` in the background; `everything` replaces saved places too.
    void startLayout(bool everything);
    void layoutFinished();
    void showPicture(const QHash<QString, QPointF> &places);
    void savePlaces(const QHash<QString, QPointF> &places);
    void showSelection();
    void updateSummary();

    CoreServices &m_core;
    Identity m_identity;
    CoreEvents &m_events;
    TopologyService m_topology;
    TopologyGraph m_graph;
    QHash<QString, QPointF> m_saved;
    QFutureWatcher<Result<QHash<QString, QPointF>>> m_layout;
    // Whether the running layout replaces saved places.
    bool m_layoutEverything = false;
    // A reload came while a layout ran: read again when it ends.
    bool m_reloadAfterLayout = false;
    bool m_shownOnce = false;
    // Set from startLayout() until its result is shown: the future itself ends before that.
    bool m_arranging = false;
    // Something changed while the page was hidden.
    bool m_stale = true;
    SiteListWidget *m_sites;
    DeviceSearchBox *m_search;
    QCheckBox *m_machines;
    ErrorLabel *m_problem;
    QLabel *m_summary;
    TopologyScene *m_scene;
    TopologyView *m_view;
    DeviceDetailsWidget *m_details;
    QSplitter *m_splitter;
    QAction *m_arrange;
    QAction *m_fit;
    QAction *m_actualSize;
    QAction *m_zoomIn;
    QAction *m_zoomOut;
    QAction *m_export;
    QAction *m_refresh;
};

} // namespace Cairn
