// What a machine definition may ask of its host: libvirt opens, runs and passes through whatever
// the XML names, with the host's rights.
#include "virt/DomainPolicy.h"

#include <QDir>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace Cairn;

namespace {

class DomainPolicyTest : public testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(QDir().mkpath(images())); }

    QString images() const { return m_dir.filePath(QStringLiteral("images")); }

    // The problem with a domain holding `devices` (and `os`), empty when it is allowed.
    QString problemWith(const QString &devices, const QString &os = {}) const
    {
        const QString xml =
            QStringLiteral("<domain type='kvm'><name>vm</name><memory>65536</memory>"
                           "<os><type>hvm</type>%1</os><devices>%2</devices></domain>")
                .arg(os, devices);
        const Result<DomainDefinition> definition =
            DomainDefinition::parse(xml, QStringLiteral("xmldesc"));
        EXPECT_TRUE(definition.ok());
        const Result<void> checked =
            DomainPolicy({images()}).check(definition.value(), QStringLiteral("xmldesc"));
        if (checked)
            return {};
        EXPECT_TRUE(checked.error().fields.contains(QStringLiteral("xmldesc")));
        return checked.error().message;
    }

    QTemporaryDir m_dir;
};

} // namespace

TEST_F(DomainPolicyTest, DisksComeFromTheImagesFoldersOrStoragePools)
{
    const QString inside = images() + QStringLiteral("/vm.qcow2");
    EXPECT_EQ(problemWith(QStringLiteral("<disk type='file' device='disk'><source file='%1'/>"
                                         "<target dev='vda'/></disk>")
                              .arg(inside)),
              QString());
    EXPECT_EQ(problemWith(QStringLiteral("<disk type='volume' device='disk'><source pool='default' "
                                         "volume='vm.qcow2'/><target dev='vda'/></disk>")),
              QString());
    EXPECT_EQ(
        problemWith(QStringLiteral("<disk type='file' device='cdrom'><target dev='hdc'/></disk>")),
        QString());
    for (const QString &disk :
         {QStringLiteral("<disk type='file'><source file='/etc/shadow'/></disk>"),
          QStringLiteral("<disk type='file'><source file='%1/../../server.key'/></disk>")
              .arg(images()),
          QStringLiteral("<disk type='file'><source file='relative.img'/></disk>"),
          QStringLiteral("<disk type='block'><source dev='/dev/sda'/></disk>"),
          QStringLiteral("<disk type='dir'><source dir='/'/></disk>"),
          QStringLiteral(
              "<disk type='network'><source protocol='nbd' name='x'><host name='10.0.0.1'/>"
              "</source></disk>"),
          QStringLiteral("<disk type='file'><source file='%1/a.qcow2'/><backingStore type='file'>"
                         "<source file='/root/.ssh/id_rsa'/></backingStore></disk>")
              .arg(images()),
          QStringLiteral("<disk type='file'><source file='%1/a.qcow2'/><backingStore "
                         "type='network'><source protocol='http' name='x'/></backingStore></disk>")
              .arg(images())})
        EXPECT_FALSE(problemWith(disk).isEmpty()) << qPrintable(disk);
}

TEST_F(DomainPolicyTest, HostDevicesFilesProgramsAndQemuArgumentsAreRefused)
{
    for (const QString &device :
         {QStringLiteral("<hostdev mode='subsystem' type='pci'/>"),
          QStringLiteral(
              "<filesystem type='mount'><source dir='/'/><target dir='root'/></filesystem>"),
          QStringLiteral("<serial type='file'><source path='/etc/cron.d/x'/></serial>"),
          QStringLiteral("<console type='dev'><source path='/dev/ttyS0'/></console>"),
          QStringLiteral("<channel type='unix'><source mode='bind' path='/run/x.sock'/></channel>"),
          QStringLiteral(
              "<serial type='tcp'><source mode='bind' host='0.0.0.0' service='23'/></serial>"),
          QStringLiteral("<interface type='ethernet'><script path='/tmp/x.sh'/></interface>"),
          QStringLiteral("<interface type='hostdev'/>"), QStringLiteral("<shmem name='x'/>"),
          QStringLiteral("<input type='passthrough'><source evdev='/dev/input/event0'/></input>"),
          QStringLiteral("<rng model='virtio'><backend model='random'>/etc/shadow</backend></rng>"),
          QStringLiteral("<tpm><backend type='passthrough'/></tpm>")})
        EXPECT_FALSE(problemWith(device).isEmpty()) << qPrintable(device);
    EXPECT_FALSE(problemWith({}, QStringLiteral("<kernel>/boot/vmlinuz</kernel>")).isEmpty());
    EXPECT_FALSE(problemWith({}, QStringLiteral("<loader>/etc/shadow</loader>")).isEmpty());
    EXPECT_EQ(problemWith({}, QStringLiteral("<loader readonly='yes' type='pflash'>/usr/share/OVMF/"
                                             "OVMF_CODE.fd</loader>")),
              QString());
    EXPECT_EQ(problemWith(QStringLiteral("<serial type='pty'/><console type='pty'/>"
                                         "<interface type='network'><source network='default'/>"
                                         "</interface><graphics type='vnc' port='-1'/>"
                                         "<rng model='virtio'><backend model='random'>/dev/urandom"
                                         "</backend></rng>")),
              QString());

    for (const QString &domain :
         {QStringLiteral(
              "<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>"
              "<name>vm</name><qemu:commandline><qemu:arg value='-drive'/>"
              "</qemu:commandline></domain>"),
          // libvirt goes by the namespace's URI, not by the prefix.
          QStringLiteral("<domain type='kvm'><name>vm</name><commandline "
                         "xmlns='http://libvirt.org/schemas/domain/qemu/1.0'><arg value='-drive'/>"
                         "</commandline></domain>"),
          QStringLiteral("<domain type='kvm'><name>vm</name><seclabel type='none'/></domain>")}) {
        const Result<DomainDefinition> definition =
            DomainDefinition::parse(domain, QStringLiteral("xmldesc"));
        ASSERT_TRUE(definition.ok()) << qPrintable(domain);
        EXPECT_FALSE(
            DomainPolicy({images()}).check(definition.value(), QStringLiteral("xmldesc")).ok())
            << qPrintable(domain);
    }
}
