// Set queries cost what their caller writes: bounded in terms, in regular expressions and in
// time, on SQLite and on PostgreSQL, and the connection serves the next query afterwards.
#include "CoreServices.h"
#include "TestBackend.h"
#include "db/QueryDeadline.h"
#include "db/SqlQuery.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace Cairn;
using namespace Cairn::Test;

namespace {

constexpr int TimeoutMs = 300;

class QueryLimitsTest : public testing::Test
{
protected:
    void SetUp() override
    {
        CoreOptions options = TestBackend::freshOptions(m_dir.path());
        options.database.queryTimeoutMs = TimeoutMs;
        Result<std::unique_ptr<CoreServices>> opened = CoreServices::open(options);
        ASSERT_TRUE(opened.ok()) << qPrintable(opened.ok() ? QString() : opened.error().message);
        core = std::move(opened).value();
        const Result<User> user = core->users().addUser(
            NewUser{QStringLiteral("admin"), QStringLiteral("long enough"), {}, true});
        ASSERT_TRUE(user.ok());
        admin = Identity{user.value(), false};
        ASSERT_TRUE(
            core->attributes()
                .create(admin, QJsonArray{QJsonObject{
                                   {QStringLiteral("site_id"), 1},
                                   {QStringLiteral("name"), QStringLiteral("vendor")},
                                   {QStringLiteral("resource_name"), QStringLiteral("Device")}}})
                .ok());
    }

    QString refusal(const QString &query)
    {
        const Result<QList<qint64>> answer = core->devices().query(1, query);
        EXPECT_FALSE(answer.ok()) << qPrintable(query);
        if (answer.ok())
            return {};
        EXPECT_EQ(answer.error().code, ErrorCode::BadRequest);
        return answer.error().fields.value(QStringLiteral("query")).toString();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<CoreServices> core;
    Identity admin;
};

} // namespace

TEST_F(QueryLimitsTest, AQueryHasAtMost64TermsAndShortRegularExpressions)
{
    QStringList terms;
    for (int i = 0; i < 64; ++i)
        terms << QStringLiteral("+vendor=v%1").arg(i);
    EXPECT_TRUE(core->devices().query(1, terms.join(QLatin1Char(' '))).ok());
    terms << QStringLiteral("-vendor=x");
    EXPECT_TRUE(refusal(terms.join(QLatin1Char(' '))).contains(QStringLiteral("at most 64")));
    EXPECT_TRUE(
        core->devices().query(1, QStringLiteral("vendor_regex=") + QString(512, u'a')).ok());
    EXPECT_TRUE(refusal(QStringLiteral("vendor_regex=") + QString(513, u'a'))
                    .contains(QStringLiteral("512")));
}

TEST_F(QueryLimitsTest, AStatementPastItsDeadlineFailsAndTheConnectionGoesOn)
{
    QElapsedTimer clock;
    clock.start();
    {
        const QueryDeadline deadline(core->database(), TimeoutMs);
        const Result<QVariant> counted = SqlQuery::scalar(
            core->database().connection(),
            QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE "
                           "x < 1000000000) SELECT count(*) FROM c"));
        EXPECT_FALSE(counted.ok());
        EXPECT_TRUE(deadline.expired());
    }
    EXPECT_LT(clock.elapsed(), 5000);
    // The deadline ends with its scope: later statements run as long as they need.
    const Result<QVariant> after = SqlQuery::scalar(
        core->database().connection(),
        QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE "
                       "x < 10) SELECT count(*) FROM c"));
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->toInt(), 10);
}

TEST_F(QueryLimitsTest, ASlowRegularExpressionAnswersNamingTheLimit)
{
    if (!core->database().isSqlite())
        GTEST_SKIP() << "PostgreSQL's regex engine does not backtrack this way; its deadline is "
                        "the statement_timeout tested above";
    // Backtracking blows up on every one of these values: seconds for the whole set.
    QJsonArray devices;
    for (int i = 0; i < 300; ++i)
        devices.append(
            QJsonObject{{QStringLiteral("hostname"), QStringLiteral("d%1").arg(i)},
                        {QStringLiteral("attributes"),
                         QJsonObject{{QStringLiteral("vendor"),
                                      QString(QString(28, u'a') + QString::number(i))}}}});
    ASSERT_TRUE(core->devices().create(admin, devices, 1).ok());
    QElapsedTimer clock;
    clock.start();
    const QString why = refusal(QStringLiteral("vendor_regex=^(a|a?)+$"));
    EXPECT_LT(clock.elapsed(), 5000);
    EXPECT_TRUE(why.contains(QStringLiteral("query_timeout_seconds"))) << qPrintable(why);
    const Result<QList<qint64>> next =
        core->devices().query(1, QStringLiteral("vendor_regex=^a+1$"));
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(next->size(), 1);
}
