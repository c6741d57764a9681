// A VM feed's RSS, as fetched from a server an administrator subscribed to.
#include "FuzzInput.h"
#include "virt/VmFeedRss.h"

#include <QUrl>

using namespace Cairn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QUrl feedUrl(QStringLiteral("https://feeds.example.net/vm/feed.xml"));
    (void)VmFeedRss::parse(Fuzz::bytesOf(data, size), feedUrl);
    return 0;
}
