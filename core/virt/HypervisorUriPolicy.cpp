#include "HypervisorUriPolicy.h"

#include "FolderContainment.h"

#include <QFileInfo>
#include <QUrl>
#include <QUrlQuery>

namespace Cairn {

namespace {

Error refused(const QString &why)
{
    return Error::invalidField(QStringLiteral("virt_url"), why);
}

// The remote transports' parameters that neither run a program, read a server file nor turn a
// check off, each with the values libvirt accepts.
bool isAllowedParameter(const QString &name, const QString &value)
{
    if (name == u"mode")
        return value == u"auto" || value == u"legacy" || value == u"direct";
    if (name == u"proxy")
        return value == u"auto" || value == u"netcat" || value == u"native";
    if (name == u"no_tty")
        return value == u"0" || value == u"1";
    return false;
}

} // namespace

HypervisorUriPolicy::HypervisorUriPolicy(VirtSettings settings)
    : m_settings(std::move(settings))
{
}

Result<void> HypervisorUriPolicy::check(const QString &uri) const
{
    const QUrl url(uri.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty())
        return refused(QStringLiteral("This is not a libvirt URI."));
    const QString scheme = url.scheme().toLower();
    if (url.hasFragment())
        return refused(QStringLiteral("A libvirt URI has no fragment."));
    if (!url.password().isEmpty())
        return refused(QStringLiteral("Passwords do not belong in the URI: libvirt asks for them, "
                                      "or use keys."));
    if (scheme == u"test") {
        if (!url.host().isEmpty() || url.hasQuery())
            return refused(QStringLiteral("The test driver is local: test:///default."));
        return checkTestDriver(url.path());
    }
    const bool remote = scheme == u"qemu+ssh" || scheme == u"qemu+tls" ||
                        (scheme == u"qemu+tcp" && m_settings.allowTcp);
    if (scheme != u"qemu" && !remote) {
        return refused(m_settings.allowTcp || scheme != u"qemu+tcp"
                           ? QStringLiteral("Only qemu:///system, qemu:///session, qemu+ssh://, "
                                            "qemu+tls:// and test:///default are allowed.")
                           : QStringLiteral("qemu+tcp:// is unencrypted; allow it with [virt] "
                                            "allow_tcp=true."));
    }
    if (url.path() != u"/system" && url.path() != u"/session")
        return refused(QStringLiteral("The path is /system or /session."));
    if (scheme == u"qemu" && (!url.host().isEmpty() || url.hasQuery()))
        return refused(QStringLiteral("A local hypervisor is qemu:///system or qemu:///session."));
    if (remote && url.host().isEmpty())
        return refused(QStringLiteral("Name the host: %1://host/system.").arg(scheme));
    const QList<QPair<QString, QString>> parameters = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[name, value] : parameters) {
        if (!isAllowedParameter(name, value))
            return refused(QStringLiteral("The parameter %1 is not allowed; only mode, proxy and "
                                          "no_tty are.")
                               .arg(name));
    }
    return {};
}

Result<void> HypervisorUriPolicy::checkTestDriver(const QString &path) const
{
    if (path == u"/default")
        return {};
    if (m_settings.testFixturesDir.isEmpty())
        return refused(QStringLiteral("Only test:///default is allowed; simulated hosts from "
                                      "files need [virt] test_fixtures_dir."));
    // A file that is gone (a host taken away) is still in the folder: it is then unreachable,
    // not refused.
    const QFileInfo file(path);
    if (!FolderContainment({m_settings.testFixturesDir}).contains(path) ||
        (file.exists() && !file.isFile()) || !path.endsWith(QLatin1String(".xml")))
        return refused(QStringLiteral("A simulated host is an .xml file in the test fixtures "
                                      "folder."));
    return {};
}

} // namespace Cairn
