// Networks and addresses as users write them (CIDR, bare addresses, IPv4 and IPv6), and the
// interface ranges of ZTP patterns (Ethernet1-48).
#include "FuzzInput.h"
#include "net/IpNetwork.h"
#include "ztp/InterfaceRange.h"

using namespace Cairn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(Fuzz::bytesOf(data, size));
    const Result<IpNetwork> network = IpNetwork::parse(text, QStringLiteral("cidr"));
    if (network) {
        (void)network->cidr();
        (void)network->supernet(network->prefixLength() / 2);
    }
    (void)InterfaceRange::expand(text);
    return 0;
}
