#pragma once

#include "CoreFixture.h"

#include <libvirt/libvirt.h>

namespace Cairn::Test {

// A core over libvirt's test:///default, for tests that define domains of their own. That
// driver state is one per process, so each test's domains are undefined after it; the domain
// "test" the driver starts with stays.
class TestDriverFixture : public CoreFixture
{
protected:
    void SetUp() override
    {
        CoreFixture::SetUp();
        admin = addUser(QStringLiteral("admin"), true);
        libvirt = virConnectOpen("test:///default");
        ASSERT_NE(libvirt, nullptr);
    }

    void TearDown() override
    {
        virDomainPtr *domains = nullptr;
        const int count = virConnectListAllDomains(libvirt, &domains, 0);
        for (int index = 0; index < count; ++index) {
            if (QByteArray(virDomainGetName(domains[index])) != "test") {
                if (virDomainIsActive(domains[index]) == 1)
                    virDomainDestroy(domains[index]);
                virDomainUndefine(domains[index]);
            }
            virDomainFree(domains[index]);
        }
        free(domains); // NOLINT(cppcoreguidelines-no-malloc): libvirt allocates it with malloc
        virConnectClose(libvirt);
    }

    // A shut-off domain with `disk` as its file-backed disk (and `devices`, XML, besides),
    // synchronised into the core.
    // `devices` go beside the disk, `elements` beside <devices>.
    void defineDomain(const QString &name, const QString &uuid, const QString &disk,
                      const QString &devices = QString(), const QString &elements = QString())
    {
        const QString xml =
            QStringLiteral("<domain type='test'><name>%1</name><uuid>%2</uuid>"
                           "<memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os>"
                           "<devices><disk type='file' device='disk'><source file='%3'/>"
                           "<target dev='vda'/></disk>%4</devices>%5</domain>")
                .arg(name, uuid, disk, devices, elements);
        virDomainPtr domain = virDomainDefineXML(libvirt, xml.toUtf8().constData());
        ASSERT_NE(domain, nullptr);
        virDomainFree(domain);
        ASSERT_TRUE(core->virt().synchroniseAll().ok());
    }

    Identity admin;
    virConnectPtr libvirt = nullptr;
};

} // namespace Cairn::Test
