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
    // storage pools; the core adds <data-dir>/virt/images, where provisioned disks go.
    QStringList imageDirs;
    // VM feeds and their packages may be on loopback, private or link-local addresses (a lab's
    // own repository); off, such targets are refused, so a feed URL cannot probe the inside.
    bool feedsAllowPrivate = false;
    // The largest package archive a feed may send.
    qint64 maxPackageBytes = qint64(64) << 30;
};

} // namespace Cairn
