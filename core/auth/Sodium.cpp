#include "Sodium.h"

#include <cstdlib>
#include <sodium.h>

namespace Cairn::Sodium {

void ensureInitialized()
{
    // sodium_init is thread-safe and idempotent; -1 means no usable entropy source.
    if (sodium_init() < 0)
        std::abort();
}

QByteArray randomBytes(int size)
{
    ensureInitialized();
    QByteArray bytes(size, Qt::Uninitialized);
    randombytes_buf(bytes.data(), size_t(size));
    return bytes;
}

} // namespace Cairn::Sodium
