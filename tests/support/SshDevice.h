#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace Cairn::Test {

// An emulated network device: OpenSSH sshd on 127.0.0.1 and a free port whose ForceCommand is
// device_emulator.py for one platform. Logins are as the local user "cairn-device" (created
// when missing, with a random password kept for the machine in /var/lib/cairn-tests) with
// that password or with the key pair made for this device. Needs root, like sshd itself.
class SshDevice
{
public:
    static constexpr const char *User = "cairn-device";

    // `slowSeconds`: how long the emulator's slow command (show tech-support) takes.
    explicit SshDevice(QString platform = QStringLiteral("cisco_ios"),
                       QString hostname = QStringLiteral("R1"), int slowSeconds = 3);
    ~SshDevice();

    // Empty when sshd can run here; otherwise why not (for GTEST_SKIP).
    static QString unavailableReason();
    bool start(QString *error);
    void stop();
    // Before start(): listen on this many ports, each a device of its own to a client (sessions
    // are pooled per address and port), all served by the one sshd; at most MaxPorts, sshd's
    // limit of listening sockets.
    static constexpr int MaxPorts = 16;
    void setPortCount(int count) { m_portCount = count; }
    quint16 port() const { return m_ports.value(0); }
    QList<quint16> ports() const { return m_ports; }
    static QString password();
    // The client's private key (OpenSSH format) that authorized_keys accepts.
    QString privateKey() const;
    // The sshd's (ed25519) host key as SHA256:base64, as ssh-keygen -l shows it.
    QString hostKeyFingerprint() const;
    QString platform() const { return m_platform; }
    QString hostname() const { return m_hostname; }

private:
    bool prepareUser(QString *error);

    QString m_platform;
    QString m_hostname;
    int m_slowSeconds;
    std::unique_ptr<QTemporaryDir> m_dir;
    QProcess m_sshd;
    int m_portCount = 1;
    QList<quint16> m_ports;
};

} // namespace Cairn::Test
