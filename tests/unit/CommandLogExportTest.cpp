#include "toolkit/CommandLogExport.h"

#include "CoreFixture.h"
#include "db/Transaction.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Cairn;
using namespace Cairn::Test;

// The execution history written out and summed up, over more rows than a page ever holds.
class CommandLogExportTest : public CoreFixture
{
protected:
    static constexpr int Logs = 10050;

    void SetUp() override
    {
        CoreFixture::SetUp();
        CommandLogRepository logs(core->database());
        const Result<void> written = Transaction::run(core->database(), [&](const QSqlDatabase &) {
            for (int i = 1; i <= Logs; ++i) {
                CommandLog log;
                log.commandName = i % 10 ? QStringLiteral("Show version") : QStringLiteral("Bogus");
                log.deviceName = QStringLiteral("edge-%1").arg(i % 3);
                log.username = QStringLiteral("admin");
                log.success = i % 10 != 0;
                log.errorMessage = log.success ? QString() : QStringLiteral("Timed out, \"again\"");
                log.executionTime = log.createdAt = 1700000000000 + i;
                log.executionDuration = i / 1000.0;
                const Result<qint64> id = logs.insert(log);
                if (!id)
                    return Result<void>(id.error());
            }
            return Result<void>();
        });
        ASSERT_TRUE(written.ok()) << qPrintable(written.ok() ? QString() : written.error().message);
        m_admin.user.username = QStringLiteral("admin");
        m_admin.user.isSuperuser = true;
    }

    QByteArray exported(CommandLogExport::Format format, CommandLogFilter filter = {})
    {
        const std::unique_ptr<CommandLogExport> rows =
            core->commandLogs().exportOf(m_admin, std::move(filter), format);
        QByteArray all;
        for (int pieces = 0; pieces < 1000; ++pieces) {
            Result<std::optional<QByteArray>> piece = rows->next();
            EXPECT_TRUE(piece.ok());
            if (!piece || !piece->has_value())
                break;
            all += *piece.value();
        }
        return all;
    }

    Identity m_admin;
};

TEST_F(CommandLogExportTest, JsonHasEveryLogAndATrueCount)
{
    const QJsonDocument document =
        QJsonDocument::fromJson(exported(CommandLogExport::Format::Json));
    ASSERT_TRUE(document.isObject());
    EXPECT_EQ(document[QStringLiteral("count")].toInt(), Logs);
    const QJsonArray results = document[QStringLiteral("results")].toArray();
    ASSERT_EQ(results.size(), Logs) << "no cap at 10,000 rows";
    EXPECT_LT(results.first()[QStringLiteral("id")].toInt(),
              results.last()[QStringLiteral("id")].toInt());
}

TEST_F(CommandLogExportTest, CsvQuotesWhatNeedsQuotingAndHonoursTheFilter)
{
    CommandLogFilter failures;
    failures.success = false;
    const QList<QByteArray> lines = exported(CommandLogExport::Format::Csv, failures).split('\n');
    // A header, one line per failure, and the empty rest after the last line break.
    ASSERT_EQ(lines.size(), 1 + Logs / 10 + 1);
    EXPECT_EQ(lines.first(), "ID,Command,Device,User,Success,Created,Execution Time,Error "
                             "Message,Duration (s)\r");
    EXPECT_TRUE(lines[1].contains(",Bogus,")) << lines[1].constData();
    EXPECT_TRUE(lines[1].contains(",false,")) << lines[1].constData();
    EXPECT_TRUE(lines[1].contains(R"(,"Timed out, ""again""",)")) << lines[1].constData();
    EXPECT_TRUE(lines[1].contains("2023-11-14T22:13:20.010Z")) << lines[1].constData();
}

TEST_F(CommandLogExportTest, StatisticsSumUpTheHistory)
{
    const Result<CommandLogStatistics> statistics =
        core->commandLogs().statistics(m_admin, CommandLogFilter());
    ASSERT_TRUE(statistics.ok());
    const QJsonObject json = statistics->toJson();
    EXPECT_EQ(json[QStringLiteral("total_logs")].toInt(), Logs);
    EXPECT_DOUBLE_EQ(json[QStringLiteral("success_rate")].toDouble(), 90.0);
    EXPECT_EQ(json[QStringLiteral("last_24h")][QStringLiteral("total")].toInt(), 0)
        << "all of them are from 2023";
    EXPECT_EQ(json[QStringLiteral("top_commands")][0][QStringLiteral("command_name")].toString(),
              QStringLiteral("Show version"));
    EXPECT_EQ(json[QStringLiteral("top_commands")][0][QStringLiteral("count")].toInt(),
              Logs - Logs / 10);
    EXPECT_EQ(json[QStringLiteral("common_errors")][0][QStringLiteral("count")].toInt(), Logs / 10);
    EXPECT_EQ(json[QStringLiteral("per_device")].toArray().size(), 3);
    const QJsonObject duration = json[QStringLiteral("duration")].toObject();
    // Durations are 0.001 s to 10.05 s in even steps: nearest-rank percentiles.
    EXPECT_DOUBLE_EQ(duration[QStringLiteral("p50")].toDouble(), 5.025);
    EXPECT_DOUBLE_EQ(duration[QStringLiteral("p90")].toDouble(), 9.045);
    EXPECT_DOUBLE_EQ(duration[QStringLiteral("p99")].toDouble(), 9.95);
    EXPECT_DOUBLE_EQ(duration[QStringLiteral("max")].toDouble(), 10.05);
}
