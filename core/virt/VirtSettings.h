#pragma once

#include <QString>
#include <QStringList>

namespace Cairn {

// What an API caller may point the VM control plane at ([virt] in the configuration file).
// libvirt opens, reads and runs whatever a URI or a domain definition names, with the server's
// own rights, so everything beyond the usual drivers and folders is off unless configured.
struct VirtSettings
{
    // qemu+tcp:// is unencrypted and, by default, unauthenticated.
    bool allowTcp = false;
    // test:///<file> (a simulated host read from an XML file) only for files below this folder;
    // empty: only test:///default.
    QString testFixturesDir;
    // Folders where a machine's file-backed disks (and kernels) may live besides libvirt's
    // storage pools; the core adds the provisioning folder.
    QStringList imageDirs;
    // Where provisioned machines' disks go, a folder per machine; empty: <data-dir>/virt/images.
    // The data directory is 0700: for qemu:///system, whose qemu user must read the disks, name
    // a folder outside it (such as /var/lib/libvirt/images/cairn).
    QString provisionDir;
    // VM feeds and their packages may be on loopback, private or link-local addresses (a lab's
    // own repository); off, such targets are refused, so a feed URL cannot probe the inside.
    bool feedsAllowPrivate = false;
    // The largest package archive a feed may send.
    qint64 maxPackageBytes = qint64(64) << 30;
};

} // namespace Cairn
