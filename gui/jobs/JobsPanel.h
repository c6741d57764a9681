#pragma once

#include "auth/Identity.h"

#include <QTimer>
#include <QWidget>

class QPushButton;
class QTableView;

namespace Cairn {

class CoreEvents;
class CoreServices;
class JobListModel;

// The jobs the user may see with live progress bars, and cancel for the selected one. Follows
// this process's jobs as they report, and re-reads every two seconds for those of other
// processes (the server, a `cairn` command), which report nothing here.
class JobsPanel : public QWidget
{
    Q_OBJECT

public:
    JobsPanel(CoreServices &core, const Identity &identity, CoreEvents &events,
              QWidget *parent = nullptr);

    JobListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

public Q_SLOTS:
    void reload();
    void cancelSelected();

Q_SIGNALS:
    // How many of the listed jobs are queued or running, after each reload.
    void unfinishedChanged(int count);

private:
    void updateCancel();

    CoreServices &m_core;
    Identity m_identity;
    JobListModel *m_model;
    QTableView *m_view;
    QPushButton *m_cancel;
    // Many reports in a burst make one reload.
    QTimer m_soon;
    QTimer m_poll;
};

} // namespace Cairn
