#include "SshDevice.h"

#include "FreePort.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QTcpSocket>
#include <QThread>
#include <QUuid>
#include <unistd.h>

namespace Cairn::Test {

namespace {

bool runTool(const QString &program, const QStringList &arguments, QString *error,
             const QByteArray &input = {})
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!input.isEmpty()) {
        process.write(input);
        process.closeWriteChannel();
    }
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        *error = program + QStringLiteral(" failed: ") + QString::fromLocal8Bit(process.readAll());
        return false;
    }
    return true;
}

bool writeFile(const QString &path, const QByteArray &content, QFileDevice::Permissions mode)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size() &&
           file.setPermissions(mode);
}

} // namespace

SshDevice::SshDevice(QString platform, QString hostname, int slowSeconds)
    : m_platform(std::move(platform))
    , m_hostname(std::move(hostname))
    , m_slowSeconds(slowSeconds)
{
}

SshDevice::~SshDevice()
{
    stop();
}

QString SshDevice::unavailableReason()
{
    if (::geteuid() != 0)
        return QStringLiteral("sshd as a test device needs root");
    if (!QFile::exists(QStringLiteral("/usr/sbin/sshd")))
        return QStringLiteral("/usr/sbin/sshd is not installed (openssh-server)");
    return {};
}

QString SshDevice::password()
{
    // One password per machine, random, readable by root only: test processes running at the
    // same time (the SQLite and PostgreSQL suites) must not change it under each other.
    static const QString secret = [] {
        const QString dir = QStringLiteral("/var/lib/cairn-tests");
        const QString path = dir + QStringLiteral("/device-password");
        QDir().mkpath(dir);
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                       QFileDevice::ExeOwner);
        if (!QFile::exists(path)) {
            // Written whole under a private name, then linked into place: the first process
            // wins and everyone reads a complete file.
            const QString mine =
                path + QStringLiteral(".%1").arg(QCoreApplication::applicationPid());
            writeFile(mine, QUuid::createUuid().toString(QUuid::WithoutBraces).toUtf8(),
                      QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            ::link(QFile::encodeName(mine).constData(), QFile::encodeName(path).constData());
            QFile::remove(mine);
        }
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed()
                                              : QString();
    }();
    return secret;
}

bool SshDevice::prepareUser(QString *error)
{
    static bool prepared = false;
    if (prepared)
        return true;
    QProcess lookup;
    lookup.start(QStringLiteral("id"), {QString::fromLatin1(User)});
    lookup.waitForFinished();
    if (lookup.exitCode() != 0 &&
        !runTool(QStringLiteral("useradd"),
                 {QStringLiteral("--system"), QStringLiteral("--no-create-home"),
                  QStringLiteral("--shell"), QStringLiteral("/bin/sh"), QString::fromLatin1(User)},
                 error)) {
        return false;
    }
    prepared = runTool(QStringLiteral("chpasswd"), {}, error,
                       QByteArray(User) + ':' + password().toUtf8() + '\n');
    return prepared;
}

bool SshDevice::start(QString *error)
{
    if (!prepareUser(error))
        return false;
    m_dir = std::make_unique<QTemporaryDir>();
    const QString dir = m_dir->path();
    // sshd reads authorized_keys and runs the emulator as the device user.
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                   QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                   QFileDevice::ExeOther);
    QDir().mkpath(QStringLiteral("/run/sshd"));
    if (!runTool(QStringLiteral("ssh-keygen"),
                 {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                  QStringLiteral("-N"), QString(), QStringLiteral("-f"),
                  dir + QStringLiteral("/host")},
                 error) ||
        !runTool(QStringLiteral("ssh-keygen"),
                 {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                  QStringLiteral("-N"), QString(), QStringLiteral("-f"),
                  dir + QStringLiteral("/client")},
                 error)) {
        return false;
    }
    const QFileDevice::Permissions readable =
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther;
    QFile::copy(dir + QStringLiteral("/client.pub"), dir + QStringLiteral("/authorized_keys"));
    QFile::setPermissions(dir + QStringLiteral("/authorized_keys"), readable);
    QFile::copy(QStringLiteral(CAIRN_DEVICE_EMULATOR), dir + QStringLiteral("/device_emulator.py"));
    QFile::setPermissions(dir + QStringLiteral("/device_emulator.py"),
                          readable | QFileDevice::ExeOther);
    QString portLines;
    while (m_ports.size() < m_portCount) {
        const quint16 port = freePort();
        if (!m_ports.contains(port)) {
            m_ports << port;
            portLines += QStringLiteral("Port %1\n").arg(port);
        }
    }
    const QString config =
        QStringLiteral("ListenAddress 127.0.0.1\n%1HostKey %2/host\nPidFile %2/sshd.pid\n"
                       "UsePAM no\nStrictModes no\nPasswordAuthentication yes\n"
                       "KbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
                       "AuthorizedKeysFile %2/authorized_keys\nAllowUsers %3\n"
                       "ForceCommand /usr/bin/python3 %2/device_emulator.py %4 %5\n"
                       "SetEnv DEVICE_SLOW_SECONDS=%6\n"
                       "MaxStartups 200:30:400\nMaxSessions 100\nLogLevel QUIET\n"
                       "X11Forwarding no\nAllowTcpForwarding no\n")
            .arg(portLines)
            .arg(dir, QString::fromLatin1(User), m_platform, m_hostname)
            .arg(m_slowSeconds);
    if (!writeFile(dir + QStringLiteral("/sshd_config"), config.toUtf8(), readable)) {
        *error = QStringLiteral("cannot write sshd_config");
        return false;
    }
    m_sshd.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_sshd.start(QStringLiteral("/usr/sbin/sshd"),
                 {QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"),
                  dir + QStringLiteral("/sshd_config")});
    const QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        QTcpSocket probe;
        probe.connectToHost(QStringLiteral("127.0.0.1"), m_ports.constLast());
        if (probe.waitForConnected(200))
            return true;
        if (m_sshd.state() == QProcess::NotRunning)
            break;
        QThread::msleep(50);
    }
    *error = QStringLiteral("sshd did not start on port %1").arg(m_ports.constLast());
    return false;
}

void SshDevice::stop()
{
    if (m_sshd.state() == QProcess::NotRunning)
        return;
    m_sshd.terminate();
    if (!m_sshd.waitForFinished(5000))
        m_sshd.kill();
}

QString SshDevice::privateKey() const
{
    QFile key(m_dir->path() + QStringLiteral("/client"));
    return key.open(QIODevice::ReadOnly) ? QString::fromUtf8(key.readAll()) : QString();
}

QString SshDevice::hostKeyFingerprint() const
{
    // "256 SHA256:... comment (ED25519)": the second field.
    QProcess keygen;
    keygen.start(QStringLiteral("ssh-keygen"), {QStringLiteral("-l"), QStringLiteral("-f"),
                                                m_dir->path() + QStringLiteral("/host.pub")});
    keygen.waitForFinished();
    return QString::fromUtf8(keygen.readAllStandardOutput()).section(QLatin1Char(' '), 1, 1);
}

} // namespace Cairn::Test
