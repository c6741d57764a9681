// Holds a job mid-run until it is killed: the crash-recovery test SIGKILLs this process and
// then checks that a server started afterwards reports the job interrupted and lost nothing.
// Usage: cairn-job-crash-helper DATA_DIR [DATABASE_URL]
#include "CoreServices.h"

#include <QCoreApplication>
#include <QThread>
#include <cstdio>

using namespace Cairn;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    CoreOptions options;
    options.dataDir = arguments.value(1);
    options.database = DatabaseConfig::fromUrl(arguments.value(2), options.dataDir).value();
    Result<std::unique_ptr<CoreServices>> core = CoreServices::open(options);
    if (!core)
        return 1;
    const Result<User> keeper = core.value()->users().addUser(
        NewUser{QStringLiteral("keeper"), QStringLiteral("keeper-password"), {}, false});
    if (!keeper)
        return 1;
    JobManager &jobs = core.value()->jobs();
    jobs.registerKind(QStringLiteral("hold"), [](JobContext &context) -> Result<QJsonObject> {
        context.setProgress(40);
        while (!context.isCancelled())
            QThread::msleep(20);
        return QJsonObject();
    });
    const Result<Job> job =
        jobs.submit(QStringLiteral("hold"), {{QStringLiteral("step"), 1}}, keeper->id);
    if (!job)
        return 1;
    for (;;) {
        const Result<Job> now = jobs.job(job->id);
        if (now && now->state == JobState::Running && now->progress == 40)
            break;
        QThread::msleep(10);
    }
    std::printf("READY %lld\n", static_cast<long long>(job->id));
    std::fflush(stdout);
    for (;;)
        QThread::sleep(60);
}
