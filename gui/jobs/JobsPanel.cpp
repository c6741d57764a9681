#include "JobsPanel.h"

#include "CoreServices.h"
#include "JobListModel.h"
#include "common/CoreEvents.h"
#include "common/ErrorMessage.h"
#include "common/ProgressBarDelegate.h"
#include "jobs/JobAccess.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Cairn {

namespace {

constexpr int CoalesceMilliseconds = 150;
constexpr int PollMilliseconds = 2000;

} // namespace

JobsPanel::JobsPanel(CoreServices &core, const Identity &identity, CoreEvents &events,
                     QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_identity(identity)
    , m_model(new JobListModel(core.jobs(), identity, this))
    , m_view(new QTableView(this))
    , m_cancel(new QPushButton(QIcon::fromTheme(QStringLiteral("process-stop")), tr("&Cancel Job"),
                               this))
{
    m_view->setObjectName(QStringLiteral("jobs"));
    m_cancel->setObjectName(QStringLiteral("cancelJob"));
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(JobListModel::Progress, new ProgressBarDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    // One line a job: a date never wraps under its column.
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->resizeSection(JobListModel::Started, 150);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->resizeSection(JobListModel::Name, 220);
    m_view->horizontalHeader()->resizeSection(JobListModel::Progress, 140);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_cancel);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(buttons);
    layout->addWidget(m_view);

    m_soon.setSingleShot(true);
    m_soon.setInterval(CoalesceMilliseconds);
    m_poll.setInterval(PollMilliseconds);
    connect(&m_soon, &QTimer::timeout, this, &JobsPanel::reload);
    connect(&m_poll, &QTimer::timeout, this, &JobsPanel::reload);
    m_poll.start();
    connect(&events, &CoreEvents::jobChanged, &m_soon, qOverload<>(&QTimer::start));
    connect(m_cancel, &QPushButton::clicked, this, &JobsPanel::cancelSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &JobsPanel::updateCancel);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &JobsPanel::updateCancel);
    reload();
}

void JobsPanel::reload()
{
    const QModelIndex current = m_view->currentIndex();
    const qint64 selected =
        current.isValid() ? current.data(JobListModel::JobIdRole).toLongLong() : 0;
    m_model->reload();
    const int row = m_model->rowOf(selected);
    if (row >= 0 && m_view->currentIndex().row() != row)
        m_view->selectRow(row);
    const int unfinished = m_model->unfinishedCount();
    updateCancel();
    Q_EMIT unfinishedChanged(unfinished);
}

void JobsPanel::updateCancel()
{
    const Job *job = m_model->job(m_view->currentIndex().row());
    m_cancel->setEnabled(job && !isFinished(job->state) && !m_identity.readOnly);
}

void JobsPanel::cancelSelected()
{
    const Job *job = m_model->job(m_view->currentIndex().row());
    if (!job)
        return;
    const Result<Job> cancelled = JobAccess(m_core.jobs()).cancel(m_identity, job->id);
    if (!cancelled)
        ErrorMessage::show(this, tr("The job was not cancelled."), cancelled.error());
    reload();
}

} // namespace Cairn
