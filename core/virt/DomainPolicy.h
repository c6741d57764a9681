#pragma once

#include "DomainDefinition.h"
#include "FolderContainment.h"
#include "Result.h"

#include <QStringList>

namespace Cairn {

// What a machine definition from an API caller (xmldesc, store_xml, a package, a feed's
// package) may ask of its host. libvirt runs the machine with the host's rights: a disk, a
// serial port's file, a kernel or an interface script is a host path it opens or runs, and
// qemu:commandline hands arguments to qemu. Refused: elements in another namespace (outside
// <metadata>), host devices and filesystems, disks other than files and pool volumes, files
// outside the allowed folders (the images folders and the hypervisor's storage pools),
// character devices on host files, sockets or ports, interface scripts, and an unconfined
// security label.
class DomainPolicy
{
public:
    explicit DomainPolicy(const QStringList &allowedFolders);

    // BadRequest naming `field` and the element at fault.
    Result<void> check(const DomainDefinition &definition, const QString &field) const;
    // Whether the file (resolved through links) lies in one of the allowed folders.
    bool allows(const QString &path) const;

private:
    Result<void> checkElement(const QDomElement &element, const QString &field) const;
    Result<void> checkDevice(const QDomElement &device, const QString &field) const;

    FolderContainment m_folders;
};

} // namespace Cairn
