#include "JobListModel.h"

#include "common/ProgressBarDelegate.h"
#include "common/RichText.h"
#include "common/TimeText.h"
#include "jobs/JobAccess.h"

namespace Cairn {

JobListModel::JobListModel(JobManager &jobs, const Identity &identity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_jobs(jobs)
    , m_identity(identity)
{
    reload();
}

void JobListModel::reload()
{
    const Result<QList<Job>> jobs = JobAccess(m_jobs).list(m_identity, Shown, 0);
    if (!jobs)
        return;
    QList<qint64> before;
    QList<qint64> after;
    for (const Job &job : std::as_const(m_rows))
        before << job.id;
    for (const Job &job : jobs.value())
        after << job.id;
    if (before == after) {
        m_rows = jobs.value();
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = jobs.value();
    endResetModel();
}

int JobListModel::unfinishedCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [](const Job &job) { return !isFinished(job.state); }));
}

const Job *JobListModel::job(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int JobListModel::rowOf(qint64 jobId) const
{
    for (int row = 0; row < int(m_rows.size()); ++row) {
        if (m_rows.at(row).id == jobId)
            return row;
    }
    return -1;
}

int JobListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JobListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString JobListModel::stateLabel(JobState state)
{
    switch (state) {
    case JobState::Queued:
        return tr("Queued");
    case JobState::Running:
        return tr("Running");
    case JobState::Succeeded:
        return tr("Succeeded");
    case JobState::Partial:
        return tr("Partly failed");
    case JobState::Failed:
        return tr("Failed");
    case JobState::Cancelled:
        return tr("Cancelled");
    case JobState::Interrupted:
        return tr("Interrupted");
    }
    return jobStateName(state);
}

QVariant JobListModel::data(const QModelIndex &index, int role) const
{
    const Job *job = this->job(index.row());
    if (!job || !index.isValid())
        return {};
    if (role == JobIdRole)
        return job->id;
    if (role == ProgressBarDelegate::FractionRole)
        return index.column() == Progress ? QVariant(job->progress / 100.0) : QVariant();
    if (role == Qt::ToolTipRole)
        return RichText::plain(data(index, Qt::DisplayRole).toString());
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name:
        return QStringLiteral("#%1 %2").arg(job->id).arg(job->kind);
    case State:
        return stateLabel(job->state);
    case Progress:
        return QStringLiteral("%1 %").arg(job->progress);
    case Started:
        return TimeText::ofMilliseconds(job->startedAt, QString());
    case Outcome:
        return job->error;
    default:
        return {};
    }
}

QVariant JobListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Job");
    case State:
        return tr("State");
    case Progress:
        return tr("Progress");
    case Started:
        return tr("Started");
    case Outcome:
        return tr("Error");
    default:
        return {};
    }
}

} // namespace Cairn
