// The Enomalism errno table scripts test against is the one docs/api-errors.md documents.
#include "routing/FaceErrors.h"

#include "DocumentSection.h"
#include "inventory/Fields.h"

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

// docs/api-errors.md shows each face's envelope; these are the bodies the code sends for them.
TEST(FaceErrorsTest, TheDocumentedEnvelopesAreWhatEachFaceSends)
{
    const std::pair<const char *, Face> faces[]{{"native", Face::Native},
                                                {"enms", Face::Enms},
                                                {"toolkit", Face::Toolkit},
                                                {"ztp", Face::Ztp},
                                                {"enomalism", Face::Enomalism}};
    for (const auto &[name, face] : faces) {
        QByteArray expected = "```\n";
        for (const Error &error : {Fields::required(QStringLiteral("hostname")),
                                   Error::notFound(QStringLiteral("No such device."))}) {
            const HttpResponse response = FaceErrors::response(face, error);
            expected += QByteArray::number(response.status) + ' ' + response.contentType + '\n' +
                        response.body;
            if (!expected.endsWith('\n'))
                expected += '\n';
        }
        expected += "```\n";
        const std::optional<QByteArray> documented = Cairn::Test::documentSection(
            QStringLiteral(CAIRN_SOURCE_DIR "/docs/api-errors.md"), "envelope-" + QByteArray(name));
        ASSERT_TRUE(documented.has_value()) << name;
        EXPECT_EQ(documented->toStdString(), expected.toStdString()) << name;
    }
}
