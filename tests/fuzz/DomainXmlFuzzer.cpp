// libvirt domain XML from API callers (xmldesc, store_xml, packages): parsed, held to the host
// policy, and read for the interfaces and disks a machine shows.
#include "FuzzInput.h"
#include "virt/DomainPolicy.h"
#include "virt/DomainXml.h"

using namespace Cairn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString xml = QString::fromUtf8(Fuzz::bytesOf(data, size));
    const Result<DomainDefinition> definition = DomainDefinition::parse(xml, QStringLiteral("xml"));
    if (definition) {
        static const DomainPolicy policy({QStringLiteral("/var/lib/cairn-fuzz/images")});
        (void)policy.check(definition.value(), QStringLiteral("xml"));
    }
    (void)DomainXml::interfaces(xml);
    (void)DomainXml::disks(xml);
    return 0;
}
