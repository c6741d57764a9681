// ZTP: a neighbordb (patterns, written by operators) and the facts a switch posts (JSON, from
// any device on the provisioning network): a neighbordb, a line "----", then the facts. A node
// that posts valid facts is matched against the patterns that passed.
#include "FuzzInput.h"
#include "ztp/NeighborDb.h"

using namespace Cairn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto [neighborDb, facts] = Fuzz::splitInTwo(Fuzz::bytesOf(data, size));
    const NeighborDb db = NeighborDb::parse(neighborDb, ZtpIdentifier::SerialNumber);
    (void)db.invalidPatternNames();
    for (const ZtpIdentifier identifier : {ZtpIdentifier::SerialNumber, ZtpIdentifier::SystemMac}) {
        const Result<ZtpNode> node = ZtpNode::fromJson(facts, identifier);
        if (!node)
            continue;
        (void)node->toStoredJson();
        (void)db.match(node.value(), node->id(identifier));
    }
    return 0;
}
