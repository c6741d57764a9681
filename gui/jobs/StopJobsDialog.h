#pragma once

#include <QDialog>
#include <QElapsedTimer>
#include <QTimer>

class QLabel;
class QProgressBar;

namespace Cairn {

class JobManager;

// What the desktop shows while it quits with jobs still running, as `cairn serve` does on
// SIGTERM: every job here is asked to stop, and the dialog closes by itself once they have.
// At the deadline, or when the operator chooses Quit Now, the program ends without waiting for
// those still running; they end as interrupted once it has (see DesktopNode).
class StopJobsDialog : public QDialog
{
    Q_OBJECT

public:
    StopJobsDialog(JobManager &jobs, int deadlineMs, QWidget *parent = nullptr);

    // Whether jobs were still running when the dialog closed.
    bool leftJobsRunning() const { return m_leftRunning; }

    // Jobs of this process not finished yet, queued or running.
    static qint64 unfinished(JobManager &jobs);

public Q_SLOTS:
    // Escape does not abandon running jobs: only Quit Now does.
    void reject() override {}

protected:
    void showEvent(QShowEvent *event) override;

private:
    void poll();
    void giveUp();

    JobManager &m_jobs;
    int m_deadlineMs;
    QElapsedTimer m_elapsed;
    QTimer m_poll;
    QLabel *m_status;
    QLabel *m_kinds;
    QProgressBar *m_countdown;
    bool m_leftRunning = false;
};

} // namespace Cairn
