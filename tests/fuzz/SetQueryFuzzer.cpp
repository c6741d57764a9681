// NSoT set queries ("owner=neteng +role=br -metro=lax"), as pynsot users type them.
#include "FuzzInput.h"
#include "inventory/SetQuery.h"

using namespace Cairn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString query = QString::fromUtf8(Fuzz::bytesOf(data, size));
    (void)SetQuery::parse(query);
    (void)SetQuery::splitLikeShell(query);
    return 0;
}
