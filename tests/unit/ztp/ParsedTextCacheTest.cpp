#include "ztp/ParsedTextCache.h"

#include <gtest/gtest.h>

using namespace Cairn;

namespace {

// A text is parsed once while kept; an edited text (another key) is parsed again; a failure is
// never kept, and a text longer than the budget is parsed every time.
TEST(ParsedTextCache, KeepsWhatATextParsedToButNotFailuresNorLongTexts)
{
    ParsedTextCache<int> cache(64);
    int parses = 0;
    const auto length = [&parses](const QByteArray &text) {
        return [&parses, text]() -> Result<int> {
            ++parses;
            if (text.startsWith("bad"))
                return Error::badRequest(QStringLiteral("unreadable"));
            return int(text.size());
        };
    };
    EXPECT_EQ(cache.get("actions: []", length("actions: []")).value(), 11);
    EXPECT_EQ(cache.get("actions: []", length("actions: []")).value(), 11);
    EXPECT_EQ(parses, 1);
    EXPECT_EQ(cache.get("actions: [1]", length("actions: [1]")).value(), 12);
    EXPECT_EQ(parses, 2);

    EXPECT_FALSE(cache.get("bad: [", length("bad: [")).ok());
    EXPECT_FALSE(cache.get("bad: [", length("bad: [")).ok());
    EXPECT_EQ(parses, 4);

    const QByteArray longText(65, 'x');
    EXPECT_EQ(cache.get(longText, length(longText)).value(), 65);
    EXPECT_EQ(cache.get(longText, length(longText)).value(), 65);
    EXPECT_EQ(parses, 6);
}

} // namespace
