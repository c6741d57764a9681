#include "StopJobsDialog.h"

#include "jobs/JobManager.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QIcon>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>

namespace Cairn {

StopJobsDialog::StopJobsDialog(JobManager &jobs, int deadlineMs, QWidget *parent)
    : QDialog(parent)
    , m_jobs(jobs)
    , m_deadlineMs(deadlineMs)
    , m_status(new QLabel(this))
    , m_kinds(new QLabel(this))
    , m_countdown(new QProgressBar(this))
{
    setWindowTitle(tr("Stopping Jobs"));
    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(QIcon::fromTheme(QStringLiteral("process-stop"),
                                     style()->standardIcon(QStyle::SP_MessageBoxInformation))
                        .pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    m_kinds->setObjectName(QStringLiteral("jobKinds"));
    m_kinds->setTextFormat(Qt::PlainText);
    m_countdown->setObjectName(QStringLiteral("countdown"));
    m_countdown->setRange(0, (deadlineMs + 999) / 1000);
    m_countdown->setTextVisible(true);
    auto *explanation =
        new QLabel(tr("Each job was asked to stop. Those still running when the time is up end "
                      "as interrupted: Cairn cleans up after them when it next starts, or "
                      "another server sharing the database does."),
                   this);
    explanation->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(this);
    QPushButton *quitNow = buttons->addButton(tr("&Quit Now"), QDialogButtonBox::DestructiveRole);
    quitNow->setObjectName(QStringLiteral("quitNow"));
    quitNow->setAutoDefault(false);
    connect(quitNow, &QPushButton::clicked, this, &StopJobsDialog::giveUp);

    auto *layout = new QGridLayout(this);
    layout->addWidget(icon, 0, 0, 3, 1);
    layout->addWidget(m_status, 0, 1);
    layout->addWidget(m_kinds, 1, 1);
    layout->addWidget(explanation, 2, 1);
    layout->addWidget(m_countdown, 3, 1);
    layout->addWidget(buttons, 4, 0, 1, 2);
    layout->setColumnStretch(1, 1);
    setMinimumWidth(420);

    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, &StopJobsDialog::poll);
}

qint64 StopJobsDialog::unfinished(JobManager &jobs)
{
    qint64 count = 0;
    const QHash<QString, JobManager::KindFigures> figures = jobs.figures();
    for (const JobManager::KindFigures &kind : figures)
        count += kind.queued + kind.running;
    return count;
}

void StopJobsDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    if (m_poll.isActive())
        return;
    m_jobs.stopAll();
    m_elapsed.start();
    m_poll.start();
    // Not from here: closing inside show() would leave exec() a loop nobody ends.
    QTimer::singleShot(0, this, &StopJobsDialog::poll);
}

void StopJobsDialog::poll()
{
    const QHash<QString, JobManager::KindFigures> figures = m_jobs.figures();
    qint64 left = 0;
    QStringList kinds;
    for (auto it = figures.cbegin(); it != figures.cend(); ++it) {
        const qint64 count = it->queued + it->running;
        if (count > 0)
            kinds << tr("%1: %2 running").arg(it.key()).arg(count);
        left += count;
    }
    if (left == 0) {
        m_poll.stop();
        accept();
        return;
    }
    const qint64 remainingMs = m_deadlineMs - m_elapsed.elapsed();
    if (remainingMs <= 0) {
        giveUp();
        return;
    }
    kinds.sort();
    m_status->setText(tr("Waiting for jobs to stop: %1").arg(left));
    m_kinds->setText(kinds.join(QLatin1Char('\n')));
    const int seconds = int((remainingMs + 999) / 1000);
    m_countdown->setValue(seconds);
    m_countdown->setFormat(tr("%1 s left").arg(seconds));
}

void StopJobsDialog::giveUp()
{
    m_poll.stop();
    // Asked once more: a job may have ended since the last look. Those still running are left
    // to the desktop's node being found gone once this process has ended (see DesktopNode):
    // cleaning up after a job whose thread still runs would race it.
    m_leftRunning = unfinished(m_jobs) > 0;
    accept();
}

} // namespace Cairn
