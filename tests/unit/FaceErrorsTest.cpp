// The Enomalism errno table scripts test against is the one docs/api-errors.md documents.
#include "routing/FaceErrors.h"

#include <QFile>
#include <gtest/gtest.h>

using namespace Cairn;

TEST(FaceErrorsTest, TheDocumentedErrnoTableIsTheCodes)
{
    QFile document(QStringLiteral(CAIRN_SOURCE_DIR "/docs/api-errors.md"));
    ASSERT_TRUE(document.open(QIODevice::ReadOnly));
    const QByteArray text = document.readAll();
    const QByteArray begin = "<!-- errno:begin -->\n";
    const qsizetype from = text.indexOf(begin) + begin.size();
    const qsizetype to = text.indexOf("<!-- errno:end -->");
    ASSERT_GT(from, begin.size() - 1);
    QByteArray expected = "| errno | HTTP status | meaning |\n|------:|------------:|---------|\n";
    for (const FaceErrors::EnomalismErrno &row : FaceErrors::enomalismErrnos())
        expected += "| " + QByteArray::number(row.value) + " | " + QByteArray::number(row.status) +
                    " | " + row.meaning + " |\n";
    EXPECT_EQ(text.mid(from, to - from).toStdString(), expected.toStdString())
        << "docs/api-errors.md must list FaceErrors::enomalismErrnos()";
}

TEST(FaceErrorsTest, EveryStatusHasOneErrnoAndOthersFallBack)
{
    for (const FaceErrors::EnomalismErrno &row : FaceErrors::enomalismErrnos())
        EXPECT_EQ(FaceErrors::enomalismErrno(row.status), row.value) << row.status;
    EXPECT_EQ(FaceErrors::enomalismErrno(502), 9);
    EXPECT_EQ(FaceErrors::enomalismErrno(418), 1);
}
