#include "DomainPolicy.h"

#include <QDir>

namespace Cairn {

namespace {

Error refused(const QString &field, const QString &why)
{
    return Error::invalidField(field, QStringLiteral("Not allowed: %1").arg(why));
}

bool isOneOf(const QString &value, std::initializer_list<const char *> allowed)
{
    return std::any_of(allowed.begin(), allowed.end(), [&value](const char *candidate) {
        return value == QLatin1String(candidate);
    });
}

// Firmware comes from the distribution's packages.
bool isSystemFirmware(const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    return clean.startsWith(QLatin1String("/usr/share/")) ||
           clean.startsWith(QLatin1String("/var/lib/libvirt/qemu/nvram/"));
}

} // namespace

DomainPolicy::DomainPolicy(const QStringList &allowedFolders)
    : m_folders(allowedFolders)
{
}

bool DomainPolicy::allows(const QString &path) const
{
    return m_folders.contains(path);
}

Result<void> DomainPolicy::check(const DomainDefinition &definition, const QString &field) const
{
    // Depth first, without recursion: a hostile document may nest deeply.
    QList<QDomElement> pending{definition.root()};
    while (!pending.isEmpty()) {
        const QDomElement element = pending.takeLast();
        const Result<void> checked = checkElement(element, field);
        if (!checked)
            return checked.error();
        // <metadata> holds applications' own elements, which libvirt keeps and never acts on.
        if (element.tagName() == u"metadata")
            continue;
        for (QDomElement child = element.firstChildElement(); !child.isNull();
             child = child.nextSiblingElement())
            pending << child;
    }
    return {};
}

Result<void> DomainPolicy::checkElement(const QDomElement &element, const QString &field) const
{
    const QString tag = element.tagName();
    if (tag.contains(QLatin1Char(':')))
        return refused(field, QStringLiteral("<%1> (elements of another namespace, such as "
                                             "qemu:commandline)")
                                  .arg(tag));
    // libvirt matches namespaces by URI: a default namespace (xmlns="...qemu/1.0") on an
    // unprefixed <commandline> is qemu:commandline too. No declarations outside <metadata>.
    const QDomNamedNodeMap attributes = element.attributes();
    for (int index = 0; index < attributes.count(); ++index) {
        const QString name = attributes.item(index).nodeName();
        if (name == u"xmlns" || name.contains(QLatin1Char(':')))
            return refused(field,
                           QStringLiteral("the attribute %1 of <%2> (namespaces)").arg(name, tag));
    }
    if (tag == u"script")
        return refused(field, QStringLiteral("<script> (a host program run for an interface)"));
    if (tag == u"kernel" || tag == u"initrd" || tag == u"dtb" || tag == u"table") {
        if (!allows(element.text().trimmed()))
            return refused(field, QStringLiteral("<%1> %2 is outside the images folders")
                                      .arg(tag, element.text().trimmed()));
    }
    if ((tag == u"loader" || tag == u"nvram") && !element.text().trimmed().isEmpty() &&
        !isSystemFirmware(element.text().trimmed()) && !allows(element.text().trimmed()))
        return refused(field, QStringLiteral("<%1> %2 is neither firmware nor in the images "
                                             "folders")
                                  .arg(tag, element.text().trimmed()));
    if (tag == u"seclabel" && element.attribute(QStringLiteral("type")) == u"none")
        return refused(field, QStringLiteral("<seclabel type='none'> (an unconfined machine)"));
    if (element.parentNode().nodeName() == u"devices")
        return checkDevice(element, field);
    return {};
}

Result<void> DomainPolicy::checkDevice(const QDomElement &device, const QString &field) const
{
    const QString tag = device.tagName();
    const QString type = device.attribute(QStringLiteral("type"));
    if (isOneOf(tag, {"hostdev", "filesystem", "shmem"}))
        return refused(field, QStringLiteral("<%1> (the host's devices and files)").arg(tag));
    if ((tag == u"smartcard" && device.attribute(QStringLiteral("mode")) != u"host-certificates") ||
        (tag == u"tpm" &&
         device.firstChildElement(QStringLiteral("backend")).attribute(QStringLiteral("type")) ==
             u"passthrough") ||
        (tag == u"input" && type == u"passthrough") || (tag == u"interface" && type == u"hostdev"))
        return refused(
            field, QStringLiteral("<%1 type='%2'> (a host device passed through)").arg(tag, type));
    if (isOneOf(tag, {"serial", "parallel", "console", "channel"}) && !type.isEmpty() &&
        !isOneOf(type, {"pty", "null", "vc", "spicevmc", "spiceport", "qemu-vdagent"}))
        return refused(field, QStringLiteral("<%1 type='%2'> (a host file, device, socket or "
                                             "port)")
                                  .arg(tag, type));
    if (tag == u"rng") {
        const QDomElement backend = device.firstChildElement(QStringLiteral("backend"));
        if (backend.attribute(QStringLiteral("model")) != u"random" ||
            !isOneOf(backend.text().trimmed(), {"", "/dev/random", "/dev/urandom", "/dev/hwrng"}))
            return refused(field, QStringLiteral("<rng> other than the host's random device"));
    }
    if (tag != u"disk")
        return {};
    if (!isOneOf(type, {"file", "volume"}))
        return refused(field, QStringLiteral("<disk type='%1'> (only files in the images "
                                             "folders and storage pool volumes)")
                                  .arg(type));
    const QDomNodeList chain = device.elementsByTagName(QStringLiteral("backingStore"));
    for (int index = 0; index < chain.count(); ++index) {
        const QString backing = chain.at(index).toElement().attribute(QStringLiteral("type"));
        if (!backing.isEmpty() && backing != u"file")
            return refused(field, QStringLiteral("<backingStore type='%1'>").arg(backing));
    }
    // The disk's own source and those of its backing chain.
    const QDomNodeList sources = device.elementsByTagName(QStringLiteral("source"));
    for (int index = 0; index < sources.count(); ++index) {
        const QDomElement source = sources.at(index).toElement();
        for (const char *hostPath : {"dev", "dir", "socket"}) {
            if (source.hasAttribute(QLatin1String(hostPath)))
                return refused(field,
                               QStringLiteral("a disk source's %1").arg(QLatin1String(hostPath)));
        }
        const QString file = source.attribute(QStringLiteral("file"));
        if (!file.isEmpty() && !allows(file))
            return refused(field, QStringLiteral("the disk %1 is outside the images folders and "
                                                 "storage pools")
                                      .arg(file));
    }
    return {};
}

} // namespace Cairn
