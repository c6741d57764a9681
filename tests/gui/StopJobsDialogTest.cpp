// Quitting the desktop with jobs running, as operators do: it asks first, waits in view for the
// jobs to stop, and ends without waiting for those that do not stop in time, so that no
// invisible process is left holding the data directory; its next start, as the same node, ends
// them as interrupted and cleans up after them.
#include "jobs/StopJobsDialog.h"

#include "CoreFixture.h"
#include "CoreServices.h"
#include "DesktopNode.h"
#include "ExitedProcess.h"
#include "Sanitizers.h"
#include "cluster/ClusterNodeRepository.h"
#include "shell/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QHostInfo>
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
        EXPECT_TRUE(QTest::qWaitFor(
            [&] { return job && core->jobs().job(job->id)->state == JobState::Running; }, 5000));
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
    StopJobsDialog dialog(core->jobs(), 30000);
    dialog.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !dialog.isVisible(); }, 5000));
    EXPECT_EQ(dialog.result(), QDialog::Accepted);
    EXPECT_FALSE(dialog.leftJobsRunning());
    // Nobody cancelled it: the program stopped it.
    EXPECT_EQ(core->jobs().job(id)->state, JobState::Interrupted);
}

TEST_F(StopJobsDialogTest, AtTheDeadlineTheDialogGivesUpOnAJobThatDoesNotStop)
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
    // Left as it is: nothing cleans up after a job whose thread still runs.
    EXPECT_EQ(core->jobs().job(id)->state, JobState::Running);
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
    EXPECT_EQ(core->jobs().job(id)->state, JobState::Running);
}

TEST_F(StopJobsDialogTest, ExecReturnsWhenTheJobsEndWhileTheDialogOpens)
{
    // Nothing left to wait for by the time it shows: it closes from its event loop, not from
    // show(), where closing would leave exec() running.
    StopJobsDialog dialog(core->jobs(), 30000);
    QTimer::singleShot(5000, &dialog, [&dialog] { dialog.done(-1); });
    EXPECT_EQ(dialog.exec(), QDialog::Accepted);
}

TEST_F(StopJobsDialogTest, TheNextStartOfADesktopThatLeftAJobRunningEndsItAndCleansUpAfterIt)
{
    CAIRN_SKIP_IF_PROGRAMS_CANNOT_START();
    const qint64 gonePid = Cairn::Test::exitedProcessId();
    ASSERT_NE(gonePid, 0);
    const QString name = desktopNodeName();
    ClusterNode before;
    before.name = name;
    before.version = QStringLiteral("0.1.0");
    before.host = QHostInfo::localHostName();
    before.pid = gonePid;
    before = ClusterNodeRepository(core->database()).insert(before).value();
    core->jobs().registerRecovery(QStringLiteral("gui_stubborn"), [](const Job &) {
        return QStringLiteral("a half-written file");
    });
    Job left = core->jobs()
                   .repository()
                   .insert(QStringLiteral("gui_stubborn"), {}, std::nullopt, before.id)
                   .value();
    ASSERT_TRUE(core->jobs().repository().markRunning(left.id).ok());

    const Result<std::unique_ptr<ClusterMembership>> node = joinAsDesktop(*core, 1);
    ASSERT_TRUE(node.ok()) << qPrintable(node.error().message);
    EXPECT_EQ(node.value()->node().name, name);
    left = core->jobs().job(left.id).value();
    EXPECT_EQ(left.state, JobState::Interrupted);
    EXPECT_EQ(left.result.value(QLatin1String("cleaned_up")).toString(),
              QStringLiteral("a half-written file"));
    // The jobs this one runs are its own.
    const qint64 id = submitObedient(addUser(QStringLiteral("admin"), true));
    EXPECT_EQ(core->jobs().job(id)->nodeId, node.value()->node().id);
    // A second window of the same user beside it is a node of its own.
    const Result<std::unique_ptr<ClusterMembership>> second = joinAsDesktop(*core, 1);
    ASSERT_TRUE(second.ok()) << qPrintable(second.error().message);
    EXPECT_EQ(second.value()->node().name, name + QStringLiteral("-2"));
    m_release = true;
    core->jobs().stopAll();
    ASSERT_TRUE(core->jobs().waitForIdle(5000));
}

TEST_F(StopJobsDialogTest, TheWindowAsksBeforeQuittingWithJobsRunningAndStaysOpenOnCancel)
{
    const Identity admin = addUser(QStringLiteral("admin"), true);
    MainWindow window(*core, admin);
    window.show();
    const qint64 id = submitObedient(admin);

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

TEST_F(StopJobsDialogTest, ASignedOutWindowStopsItsJobsWithoutOfferingToStay)
{
    const Identity admin = addUser(QStringLiteral("admin"), true);
    MainWindow window(*core, admin);
    window.show();
    const qint64 id = submitObedient(admin);
    bool asked = false;
    // Were the question shown, this answers it (Cancel) rather than leave the test hanging.
    QTimer::singleShot(100, &window, [&asked] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            asked = true;
            box->button(QMessageBox::Cancel)->click();
        }
    });
    window.closeStoppingJobs();
    EXPECT_FALSE(asked);
    EXPECT_FALSE(window.isVisible());
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
