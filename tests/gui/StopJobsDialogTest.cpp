// Quitting the desktop with jobs running, as operators do: it asks first, waits in view for the
// jobs to stop, and marks those that do not stop in time interrupted (with their kind's clean-up),
// so that no invisible process is left holding the data directory.
#include "jobs/StopJobsDialog.h"

#include "CoreFixture.h"
#include "CoreServices.h"
#include "shell/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTest>
#include <QTimer>
#include <atomic>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

class StopJobsDialogTest : public Cairn::Test::CoreFixture
{
protected:
    // A job that stops as soon as it is asked.
    qint64 submitObedient(const Identity &owner)
    {
        const Result<Job> job =
            core->jobs().submit(QStringLiteral("gui_obedient"), {}, owner.user.id,
                                [](JobContext &context) -> Result<QJsonObject> {
                                    while (!context.isCancelled())
                                        QThread::msleep(5);
                                    return QJsonObject();
                                });
        return job ? job->id : 0;
    }

    // A job that ignores being asked to stop until the test lets it go (a command stuck on a
    // device); its kind's recovery says what it cleans up.
    qint64 submitStubborn(const Identity &owner)
    {
        core->jobs().registerRecovery(QStringLiteral("gui_stubborn"), [](const Job &) {
            return QStringLiteral("a half-written file");
        });
        const Result<Job> job =
            core->jobs().submit(QStringLiteral("gui_stubborn"), {}, owner.user.id,
                                [this](JobContext &) -> Result<QJsonObject> {
                                    while (!m_release)
                                        QThread::msleep(5);
                                    return QJsonObject{{QStringLiteral("finished"), true}};
                                });
        // Running, not merely queued, before the test goes on.
        EXPECT_TRUE(QTest::qWaitFor(
            [&] { return job && core->jobs().job(job->id)->state == JobState::Running; }, 5000));
        return job ? job->id : 0;
    }

    void TearDown() override
    {
        m_release = true;
        core->jobs().waitForIdle(-1);
        CoreFixture::TearDown();
    }

    std::atomic_bool m_release = false;
};

TEST_F(StopJobsDialogTest, JobsThatStopWhenAskedCloseTheDialogByThemselves)
{
    const qint64 id = submitObedient(addUser(QStringLiteral("admin"), true));
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return StopJobsDialog::unfinished(core->jobs()) == 1; }, 5000));
    StopJobsDialog dialog(core->jobs(), 30000);
    dialog.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !dialog.isVisible(); }, 5000));
    EXPECT_EQ(dialog.result(), QDialog::Accepted);
    EXPECT_FALSE(dialog.leftJobsRunning());
    // Nobody cancelled it: the program stopped it.
    EXPECT_EQ(core->jobs().job(id)->state, JobState::Interrupted);
}

TEST_F(StopJobsDialogTest, AJobStillRunningAtTheDeadlineIsMarkedInterruptedAndCleanedUpAfter)
{
    const qint64 id = submitStubborn(addUser(QStringLiteral("admin"), true));
    StopJobsDialog dialog(core->jobs(), 1500);
    dialog.show();
    // Meanwhile it says what it waits for and how long it still will.
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return dialog.findChild<QLabel *>(QStringLiteral("jobKinds"))->text() ==
                   QStringLiteral("gui_stubborn: 1 running");
        },
        1000));
    EXPECT_GE(dialog.findChild<QProgressBar *>(QStringLiteral("countdown"))->value(), 1);
    // Escape does not abandon the job.
    QTest::keyClick(&dialog, Qt::Key_Escape);
    EXPECT_TRUE(dialog.isVisible());
    ASSERT_TRUE(QTest::qWaitFor([&] { return !dialog.isVisible(); }, 5000));
    EXPECT_TRUE(dialog.leftJobsRunning());
    const Job job = core->jobs().job(id).value();
    EXPECT_EQ(job.state, JobState::Interrupted);
    EXPECT_TRUE(job.error.contains(QLatin1String("did not in time"))) << job.error.toStdString();
    EXPECT_EQ(job.result.value(QLatin1String("cleaned_up")).toString(),
              QStringLiteral("a half-written file"));
    // When it does end after all, its record stays as the program left it.
    m_release = true;
    ASSERT_TRUE(core->jobs().waitForIdle(5000));
    EXPECT_EQ(core->jobs().job(id)->state, JobState::Interrupted);
}

TEST_F(StopJobsDialogTest, QuitNowGivesUpWithoutWaitingForTheDeadline)
{
    const qint64 id = submitStubborn(addUser(QStringLiteral("admin"), true));
    StopJobsDialog dialog(core->jobs(), 60000);
    dialog.show();
    QTest::qWait(200);
    dialog.findChild<QPushButton *>(QStringLiteral("quitNow"))->click();
    EXPECT_FALSE(dialog.isVisible());
    EXPECT_TRUE(dialog.leftJobsRunning());
    EXPECT_EQ(core->jobs().job(id)->state, JobState::Interrupted);
}

TEST_F(StopJobsDialogTest, TheWindowAsksBeforeQuittingWithJobsRunningAndStaysOpenOnCancel)
{
    const Identity admin = addUser(QStringLiteral("admin"), true);
    MainWindow window(*core, admin);
    window.show();
    const qint64 id = submitObedient(admin);
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return StopJobsDialog::unfinished(core->jobs()) == 1; }, 5000));

    // The question names the jobs; Cancel keeps the window and the job.
    QString asked;
    QTimer::singleShot(100, [&asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        ASSERT_TRUE(box);
        asked = box->text();
        box->button(QMessageBox::Cancel)->click();
    });
    // File > Quit goes the same way as the window's close button.
    window.findChild<QAction *>(QStringLiteral("quit"))->trigger();
    EXPECT_EQ(asked, QStringLiteral("Jobs of this program still running: 1"));
    EXPECT_TRUE(window.isVisible());
    EXPECT_EQ(core->jobs().job(id)->state, JobState::Running);

    // Stop Jobs and Quit: the job stops, the window closes, nothing is left running.
    QTimer::singleShot(100, [] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        ASSERT_TRUE(box);
        box->findChild<QPushButton *>(QStringLiteral("stopJobsAndQuit"))->click();
    });
    EXPECT_TRUE(window.close());
    EXPECT_FALSE(window.leftJobsRunning());
    EXPECT_EQ(core->jobs().job(id)->state, JobState::Interrupted);
}

TEST_F(StopJobsDialogTest, TheWindowClosesWithoutAskingWhenNoJobRuns)
{
    MainWindow window(*core, addUser(QStringLiteral("admin"), true));
    window.show();
    EXPECT_TRUE(window.close());
    EXPECT_FALSE(window.leftJobsRunning());
}

} // namespace
