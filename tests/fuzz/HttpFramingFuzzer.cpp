// HTTP/1.1 request framing (RequestFramer), fed as a client might cut the bytes: the first byte
// of the input chooses the chunk size. Whatever the bytes, every body's share of the server's
// budget comes back once the connection is gone.
#include "FuzzInput.h"
#include "server/RequestFramer.h"

#include <cstdlib>

using namespace Cairn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const qsizetype chunk = qsizetype(data[0] % 64) + 1;
    const QByteArray stream = Fuzz::bytesOf(data + 1, size - 1);
    HttpLimits limits;
    limits.maxHeaderBytes = 1024;
    limits.maxBodyBytes = 4096;
    limits.maxBodyBytesWithoutCredentials = 512;
    constexpr qint64 budgetBytes = 8192;
    auto budget = std::make_shared<BodyBudget>(budgetBytes);
    {
        RequestFramer framer(limits, budget);
        for (qsizetype at = 0; at < stream.size(); at += chunk) {
            if (framer.feed(QByteArrayView(stream).sliced(at, qMin(chunk, stream.size() - at))))
                break;
            while (framer.takeFacts())
                framer.answered();
        }
    }
    if (!budget->take(budgetBytes))
        std::abort();
    return 0;
}
