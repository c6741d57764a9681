#pragma once

#include "Result.h"
#include "VirtFacts.h"

#include <QList>
#include <libvirt/libvirt.h>
#include <memory>

namespace Cairn {

// One open libvirt connection (any URI: test:///default, qemu:///system, qemu+ssh://...).
// libvirt connections are thread-safe; every call blocks for as long as the hypervisor takes,
// so callers run them on worker threads, never on a listener.
class LibvirtConnection
{
public:
    // An unreachable hypervisor or a bad URI is Unavailable with reason "hypervisor".
    static Result<std::unique_ptr<LibvirtConnection>> open(const QString &uri);
    ~LibvirtConnection();
    Q_DISABLE_COPY_MOVE(LibvirtConnection)

    bool isAlive() const;
    Result<HostFacts> host() const;
    Result<QList<DomainFacts>> domains() const;
    // NotFound when the hypervisor has no domain with this uuid.
    Result<DomainFacts> domain(const QString &uuid) const;

    // One of DomainActions on the domain: Conflict when its state does not allow it.
    Result<void> act(const QString &uuid, const QString &action) const;

    // The domain's XML: the persistent definition when `inactive`, else the live one.
    Result<QString> definition(const QString &uuid, bool inactive) const;
    // Defines (or redefines, by uuid) a persistent domain. XML libvirt refuses is BadRequest
    // naming `field`, and changes nothing.
    Result<DomainFacts> define(const QString &xml, const QString &field) const;
    // Stops the domain if it runs and removes its definition (with its managed save, snapshot
    // and NVRAM records); its disks are not touched.
    Result<void> undefine(const QString &uuid) const;
    // Conflict unless the domain is shut off.
    Result<void> rename(const QString &uuid, const QString &name) const;
    // The folders of the hypervisor's directory-backed storage pools (<target><path>).
    Result<QStringList> storagePoolPaths() const;

    // Names libvirt's state numbers the way the API reports them.
    static QString stateName(int state);

private:
    explicit LibvirtConnection(virConnectPtr connection);
    // Why a uuid lookup failed: NotFound, or the hypervisor's error.
    static Error lookupError(const QString &uuid);

    virConnectPtr m_connection;
};

} // namespace Cairn
