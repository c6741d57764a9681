#include "LibvirtConnection.h"

#include "DomainXml.h"

#include <QDomDocument>
#include <QHash>
#include <QLoggingCategory>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

namespace Cairn {

namespace {

Q_LOGGING_CATEGORY(lcLibvirt, "cairn.virt.libvirt")

// libvirt prints every error to stderr unless a handler is set; Cairn reports them itself.
void quietErrors(void *, virErrorPtr)
{
}

void silenceLibvirtOnce()
{
    static const bool silenced = [] {
        virSetErrorFunc(nullptr, quietErrors);
        return true;
    }();
    Q_UNUSED(silenced)
}

QString lastError()
{
    const char *message = virGetLastErrorMessage();
    return message ? QString::fromUtf8(message) : QStringLiteral("unknown libvirt error");
}

// What libvirt's error numbers callers meet most often mean, in words that quote nothing.
QString meaningOf(int code)
{
    switch (code) {
    case VIR_ERR_XML_ERROR:
    case VIR_ERR_XML_DETAIL:
        return QStringLiteral("the XML is not a definition libvirt accepts");
    case VIR_ERR_CONFIG_UNSUPPORTED:
        return QStringLiteral("the hypervisor does not support this configuration");
    case VIR_ERR_OPERATION_INVALID:
        return QStringLiteral("not possible in the machine's current state");
    case VIR_ERR_NO_CONNECT:
    case VIR_ERR_SYSTEM_ERROR:
        return QStringLiteral("the hypervisor cannot be reached");
    case VIR_ERR_AUTH_FAILED:
        return QStringLiteral("the hypervisor refused the credentials");
    default:
        return QStringLiteral("see the server log");
    }
}

// libvirt's own text may quote what it read (a file given as a host definition, a line of a
// key), so it goes to the log only; callers get what failed and libvirt's error number.
QString failure(const QString &what)
{
    const virErrorPtr error = virGetLastError();
    const int code = error ? error->code : VIR_ERR_INTERNAL_ERROR;
    qCWarning(lcLibvirt).noquote() << what << "- libvirt:" << lastError();
    return QStringLiteral("%1: libvirt error %2, %3.").arg(what).arg(code).arg(meaningOf(code));
}

Error hypervisorError(const QString &what)
{
    return Error::unavailable(QStringLiteral("hypervisor"), failure(what));
}

// Owns a virDomainPtr.
struct DomainHandle
{
    virDomainPtr domain = nullptr;
    ~DomainHandle()
    {
        if (domain)
            virDomainFree(domain);
    }
};

Result<DomainFacts> factsOf(virDomainPtr domain)
{
    DomainFacts facts;
    char uuid[VIR_UUID_STRING_BUFLEN];
    if (virDomainGetUUIDString(domain, uuid) < 0)
        return hypervisorError(QStringLiteral("Cannot read a domain's uuid"));
    facts.uuid = QString::fromLatin1(uuid);
    facts.name = QString::fromUtf8(virDomainGetName(domain));
    virDomainInfo info{};
    if (virDomainGetInfo(domain, &info) < 0)
        return hypervisorError(QStringLiteral("Cannot read domain %1").arg(facts.name));
    facts.state = LibvirtConnection::stateName(info.state);
    facts.vcpus = info.nrVirtCpu;
    facts.memoryKib = qint64(info.memory);
    facts.persistent = virDomainIsPersistent(domain) == 1;
    char *xml = virDomainGetXMLDesc(domain, 0);
    if (!xml)
        return hypervisorError(QStringLiteral("Cannot read the definition of %1").arg(facts.name));
    const QString definition = QString::fromUtf8(xml);
    free(xml); // NOLINT(cppcoreguidelines-no-malloc): libvirt allocates it with malloc
    facts.interfaces = DomainXml::interfaces(definition);
    facts.disks = DomainXml::disks(definition);
    return facts;
}

} // namespace

LibvirtConnection::LibvirtConnection(virConnectPtr connection)
    : m_connection(connection)
{
}

LibvirtConnection::~LibvirtConnection()
{
    virConnectClose(m_connection);
}

Result<std::unique_ptr<LibvirtConnection>> LibvirtConnection::open(const QString &uri)
{
    silenceLibvirtOnce();
    virConnectPtr connection = virConnectOpen(uri.toUtf8().constData());
    if (!connection)
        return hypervisorError(QStringLiteral("Cannot connect to the hypervisor"));
    return std::unique_ptr<LibvirtConnection>(new LibvirtConnection(connection));
}

bool LibvirtConnection::isAlive() const
{
    return virConnectIsAlive(m_connection) == 1;
}

QString LibvirtConnection::stateName(int state)
{
    switch (state) {
    case VIR_DOMAIN_RUNNING:
        return QStringLiteral("running");
    case VIR_DOMAIN_BLOCKED:
        return QStringLiteral("blocked");
    case VIR_DOMAIN_PAUSED:
        return QStringLiteral("paused");
    case VIR_DOMAIN_SHUTDOWN:
        return QStringLiteral("shutdown");
    case VIR_DOMAIN_SHUTOFF:
        return QStringLiteral("shutoff");
    case VIR_DOMAIN_CRASHED:
        return QStringLiteral("crashed");
    case VIR_DOMAIN_PMSUSPENDED:
        return QStringLiteral("pmsuspended");
    default:
        return QStringLiteral("nostate");
    }
}

Result<HostFacts> LibvirtConnection::host() const
{
    HostFacts facts;
    const char *type = virConnectGetType(m_connection);
    if (!type)
        return hypervisorError(QStringLiteral("Cannot read the hypervisor type"));
    facts.virtClass = QString::fromUtf8(type).toLower();
    virNodeInfo info{};
    if (virNodeGetInfo(m_connection, &info) < 0)
        return hypervisorError(QStringLiteral("Cannot read the host"));
    facts.cpus = int(info.cpus);
    facts.memoryKib = qint64(info.memory);
    // Not every driver reports free memory (0 with an error): then all of it counts as free.
    const unsigned long long freeBytes = virNodeGetFreeMemory(m_connection);
    facts.freeMemoryKib = freeBytes > 0 ? qint64(freeBytes / 1024) : facts.memoryKib;
    return facts;
}

Result<QList<DomainFacts>> LibvirtConnection::domains() const
{
    virDomainPtr *list = nullptr;
    const int count = virConnectListAllDomains(m_connection, &list, 0);
    if (count < 0)
        return hypervisorError(QStringLiteral("Cannot list the domains"));
    QList<DomainFacts> domains;
    std::optional<Error> failed;
    for (int index = 0; index < count; ++index) {
        const DomainHandle handle{list[index]};
        if (failed)
            continue;
        Result<DomainFacts> facts = factsOf(handle.domain);
        if (facts)
            domains << std::move(facts).value();
        else
            failed = facts.error();
    }
    free(list); // NOLINT(cppcoreguidelines-no-malloc): libvirt allocates it with malloc
    if (failed)
        return *failed;
    return domains;
}

Result<DomainFacts> LibvirtConnection::domain(const QString &uuid) const
{
    const DomainHandle handle{
        virDomainLookupByUUIDString(m_connection, uuid.toLatin1().constData())};
    if (!handle.domain)
        return lookupError(uuid);
    return factsOf(handle.domain);
}

Result<void> LibvirtConnection::act(const QString &uuid, const QString &action) const
{
    static const QHash<QString, int (*)(virDomainPtr)> calls = {
        {QStringLiteral("suspend"), virDomainSuspend},
        {QStringLiteral("resume"), virDomainResume},
        {QStringLiteral("shutdown"), virDomainShutdown},
        {QStringLiteral("poweroff"), virDomainDestroy},
        {QStringLiteral("reboot"),
         [](virDomainPtr domain) {
             return virDomainReboot(domain, 0);
         }},
        {QStringLiteral("create"), virDomainCreate},
    };
    const auto call = calls.constFind(action);
    if (call == calls.constEnd())
        return Error::badRequest(QStringLiteral("Unknown action \"%1\".").arg(action));
    const DomainHandle handle{
        virDomainLookupByUUIDString(m_connection, uuid.toLatin1().constData())};
    if (!handle.domain)
        return lookupError(uuid);
    if (call.value()(handle.domain) == 0)
        return {};
    const virErrorPtr error = virGetLastError();
    if (error && error->code == VIR_ERR_OPERATION_INVALID)
        return Error::conflict(failure(QStringLiteral("Cannot %1 machine %2").arg(action, uuid)));
    return hypervisorError(QStringLiteral("Cannot %1 machine %2").arg(action, uuid));
}

Result<QString> LibvirtConnection::definition(const QString &uuid, bool inactive) const
{
    const DomainHandle handle{
        virDomainLookupByUUIDString(m_connection, uuid.toLatin1().constData())};
    if (!handle.domain)
        return lookupError(uuid);
    char *xml = virDomainGetXMLDesc(handle.domain, inactive ? VIR_DOMAIN_XML_INACTIVE : 0);
    if (!xml)
        return hypervisorError(QStringLiteral("Cannot read the definition of %1").arg(uuid));
    QString definition = QString::fromUtf8(xml);
    free(xml); // NOLINT(cppcoreguidelines-no-malloc): libvirt allocates it with malloc
    return definition;
}

Result<DomainFacts> LibvirtConnection::define(const QString &xml, const QString &field) const
{
    const DomainHandle handle{virDomainDefineXML(m_connection, xml.toUtf8().constData())};
    if (!handle.domain) {
        const virErrorPtr error = virGetLastError();
        if (error && error->domain != VIR_FROM_RPC && error->code != VIR_ERR_SYSTEM_ERROR &&
            error->code != VIR_ERR_NO_CONNECT && error->code != VIR_ERR_INTERNAL_ERROR)
            return Error::invalidField(field, failure(QStringLiteral("libvirt refused it")));
        return hypervisorError(QStringLiteral("Cannot define the machine"));
    }
    return factsOf(handle.domain);
}

Result<void> LibvirtConnection::undefine(const QString &uuid) const
{
    const DomainHandle handle{
        virDomainLookupByUUIDString(m_connection, uuid.toLatin1().constData())};
    if (!handle.domain)
        return lookupError(uuid);
    if (virDomainIsActive(handle.domain) == 1 && virDomainDestroy(handle.domain) < 0)
        return hypervisorError(QStringLiteral("Cannot stop machine %1").arg(uuid));
    if (virDomainIsPersistent(handle.domain) != 1)
        return {};
    // Drivers without NVRAM (the test driver, Xen) refuse its flag: the fewer flags then.
    const unsigned int records =
        VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA;
    for (const unsigned int flags : {records | VIR_DOMAIN_UNDEFINE_NVRAM, records, 0U}) {
        if (virDomainUndefineFlags(handle.domain, flags) == 0)
            return {};
    }
    return hypervisorError(QStringLiteral("Cannot undefine machine %1").arg(uuid));
}

Result<void> LibvirtConnection::rename(const QString &uuid, const QString &name) const
{
    const DomainHandle handle{
        virDomainLookupByUUIDString(m_connection, uuid.toLatin1().constData())};
    if (!handle.domain)
        return lookupError(uuid);
    if (virDomainRename(handle.domain, name.toUtf8().constData(), 0) == 0)
        return {};
    const virErrorPtr error = virGetLastError();
    if (error &&
        (error->code == VIR_ERR_OPERATION_INVALID || error->code == VIR_ERR_OPERATION_FAILED))
        return Error::conflict(failure(QStringLiteral("Cannot rename machine %1").arg(uuid)));
    return hypervisorError(QStringLiteral("Cannot rename machine %1").arg(uuid));
}

Result<QStringList> LibvirtConnection::storagePoolPaths() const
{
    virStoragePoolPtr *pools = nullptr;
    const int count = virConnectListAllStoragePools(m_connection, &pools, 0);
    if (count < 0)
        return hypervisorError(QStringLiteral("Cannot list the storage pools"));
    QStringList paths;
    for (int index = 0; index < count; ++index) {
        char *xml = virStoragePoolGetXMLDesc(pools[index], 0);
        if (xml) {
            QDomDocument document;
            if (document.setContent(QString::fromUtf8(xml))) {
                const QString path = document.documentElement()
                                         .firstChildElement(QStringLiteral("target"))
                                         .firstChildElement(QStringLiteral("path"))
                                         .text()
                                         .trimmed();
                if (!path.isEmpty())
                    paths << path;
            }
            free(xml); // NOLINT(cppcoreguidelines-no-malloc): libvirt allocates it with malloc
        }
        virStoragePoolFree(pools[index]);
    }
    free(pools); // NOLINT(cppcoreguidelines-no-malloc): libvirt allocates it with malloc
    return paths;
}

Error LibvirtConnection::lookupError(const QString &uuid)
{
    const virErrorPtr error = virGetLastError();
    if (error && error->code == VIR_ERR_NO_DOMAIN)
        return Error::notFound(QStringLiteral("No machine %1 on this hypervisor.").arg(uuid));
    return hypervisorError(QStringLiteral("Cannot look machine %1 up").arg(uuid));
}

} // namespace Cairn
