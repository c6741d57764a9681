#include "jobs/JobsPanel.h"

#include "CoreFixture.h"
#include "common/CoreEvents.h"
#include "jobs/JobListModel.h"

#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

class JobsPanelTest : public Cairn::Test::CoreFixture
{
};

TEST_F(JobsPanelTest, ARunningJobShowsItsProgressAndIsCancelledFromThePanel)
{
    const Identity admin = addUser(QStringLiteral("admin"), true);
    const Identity other = addUser(QStringLiteral("other"), false);
    CoreEvents events(*core);
    JobsPanel panel(*core, admin, events);
    int unfinished = -1;
    QObject::connect(&panel, &JobsPanel::unfinishedChanged,
                     [&unfinished](int count) { unfinished = count; });
    const Result<Job> job = core->jobs().submit(QStringLiteral("gui_test"), {}, admin.user.id,
                                                [](JobContext &context) -> Result<QJsonObject> {
                                                    context.progress().report(0.4);
                                                    while (!context.isCancelled())
                                                        QThread::msleep(5);
                                                    return QJsonObject();
                                                });
    ASSERT_TRUE(job.ok());

    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const int row = panel.model()->rowOf(job->id);
            return row >= 0 && panel.model()->job(row)->progress == 40;
        },
        5000));
    EXPECT_EQ(unfinished, 1);
    EXPECT_EQ(
        panel.model()->index(panel.model()->rowOf(job->id), JobListModel::State).data().toString(),
        QStringLiteral("Running"));
    // Another user's panel does not list it.
    EXPECT_EQ(JobListModel(core->jobs(), other).rowOf(job->id), -1);

    panel.view()->selectRow(panel.model()->rowOf(job->id));
    auto *cancel = panel.findChild<QPushButton *>(QStringLiteral("cancelJob"));
    ASSERT_TRUE(cancel->isEnabled());
    cancel->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return unfinished == 0; }, 5000));
    EXPECT_EQ(core->jobs().job(job->id)->state, JobState::Cancelled);
    EXPECT_FALSE(cancel->isEnabled());
}

} // namespace
