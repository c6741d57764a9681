#pragma once

#include "auth/Identity.h"
#include "jobs/Job.h"

#include <QAbstractTableModel>
#include <QList>

namespace Cairn {

class JobManager;

// The newest jobs the signed-in user may see (a superuser's are everyone's), with their live
// progress. Rows are matched by job id on each reload, so a view keeps its selection.
class JobListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Name,
        State,
        Progress,
        Started,
        Outcome,
        ColumnCount
    };
    enum Role
    {
        JobIdRole = Qt::UserRole + 1,
    };

    // How many of the newest jobs are listed.
    static constexpr int Shown = 200;

    JobListModel(JobManager &jobs, const Identity &identity, QObject *parent = nullptr);

    void reload();
    // Queued or running among the rows.
    int unfinishedCount() const;
    const Job *job(int row) const;
    int rowOf(qint64 jobId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // A state's translated label, for every view that shows jobs.
    static QString stateLabel(JobState state);

private:
    JobManager &m_jobs;
    Identity m_identity;
    QList<Job> m_rows;
};

} // namespace Cairn
