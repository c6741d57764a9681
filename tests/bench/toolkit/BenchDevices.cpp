// Emulated devices for the toolkit benchmark: sshd (device_emulator.py as cisco_ios) on COUNT
// loopback ports, each a device of its own to an SSH client. Prints
//   PORTS p1 p2 ...
//   USER name
//   PASSWORD secret
//   KEYS k1 k2 ...   (with KEY_FOLDER: the private key each port accepts, for clients that log
//                     in with keys, as ansible does; one sshd, and so one key, per 16 ports)
// and keeps them running until its standard input closes.
//   cairn-bench-devices COUNT [KEY_FOLDER]
#include "SshDevice.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>
#include <cstdio>
#include <memory>
#include <vector>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 50;
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString why = Cairn::Test::SshDevice::unavailableReason();
    if (count < 1 || !why.isEmpty()) {
        err << "cairn-bench-devices: " << (why.isEmpty() ? QStringLiteral("COUNT >= 1") : why)
            << Qt::endl;
        return 2;
    }
    // One sshd per MaxPorts devices.
    std::vector<std::unique_ptr<Cairn::Test::SshDevice>> servers;
    QStringList ports;
    for (int first = 0; first < count; first += Cairn::Test::SshDevice::MaxPorts) {
        auto server = std::make_unique<Cairn::Test::SshDevice>(QStringLiteral("cisco_ios"),
                                                               QStringLiteral("bench"));
        server->setPortCount(qMin(Cairn::Test::SshDevice::MaxPorts, count - first));
        QString error;
        if (!server->start(&error)) {
            err << "cairn-bench-devices: " << error << Qt::endl;
            return 1;
        }
        for (const quint16 port : server->ports())
            ports << QString::number(port);
        servers.push_back(std::move(server));
    }
    // The key of each port's sshd, written once per sshd.
    QStringList keys;
    if (argc > 2) {
        for (std::size_t i = 0; i < servers.size(); ++i) {
            QFile key(
                QStringLiteral("%1/device-key-%2").arg(QString::fromLocal8Bit(argv[2])).arg(i));
            if (!key.open(QIODevice::WriteOnly) ||
                !key.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
                key.write(servers.at(i)->privateKey().toUtf8()) < 0) {
                err << "cairn-bench-devices: cannot write " << key.fileName() << Qt::endl;
                return 1;
            }
            for (qsizetype port = 0; port < servers.at(i)->ports().size(); ++port)
                keys << key.fileName();
        }
    }
    out << "PORTS " << ports.join(QLatin1Char(' ')) << '\n'
        << "USER " << Cairn::Test::SshDevice::User << '\n'
        << "PASSWORD " << Cairn::Test::SshDevice::password() << '\n';
    if (!keys.isEmpty())
        out << "KEYS " << keys.join(QLatin1Char(' ')) << '\n';
    out.flush();
    while (std::getchar() != EOF) {
    }
    return 0;
}
