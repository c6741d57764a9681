// The Enomalism errno table scripts test against is the one docs/api-errors.md documents.
#include "routing/FaceErrors.h"

#include "DocumentSection.h"

#include <gtest/gtest.h>

using namespace Cairn;

TEST(FaceErrorsTest, TheDocumentedErrnoTableIsTheCodes)
{
    const std::optional<QByteArray> table = Cairn::Test::documentSection(
        QStringLiteral(CAIRN_SOURCE_DIR "/docs/api-errors.md"), "errno");
    ASSERT_TRUE(table.has_value());
    QByteArray expected = "| errno | HTTP status | meaning |\n|------:|------------:|---------|\n";
    for (const FaceErrors::EnomalismErrno &row : FaceErrors::enomalismErrnos())
        expected += "| " + QByteArray::number(row.value) + " | " + QByteArray::number(row.status) +
                    " | " + row.meaning + " |\n";
    EXPECT_EQ(table->toStdString(), expected.toStdString())
        << "docs/api-errors.md must list FaceErrors::enomalismErrnos()";
}

TEST(FaceErrorsTest, EveryStatusHasOneErrnoAndOthersFallBack)
{
    for (const FaceErrors::EnomalismErrno &row : FaceErrors::enomalismErrnos())
        EXPECT_EQ(FaceErrors::enomalismErrno(row.status), row.value) << row.status;
    EXPECT_EQ(FaceErrors::enomalismErrno(502), 9);
    EXPECT_EQ(FaceErrors::enomalismErrno(418), 1);
}
