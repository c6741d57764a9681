// Emulated devices for the toolkit benchmark: sshd (device_emulator.py as cisco_ios) on COUNT
// loopback ports, each a device of its own to an SSH client. Prints
//   PORTS p1 p2 ...
//   USER name
//   PASSWORD secret
// and keeps them running until its standard input closes.
//   cairn-bench-devices COUNT
#include "SshDevice.h"

#include <QCoreApplication>
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
    out << "PORTS " << ports.join(QLatin1Char(' ')) << '\n'
        << "USER " << Cairn::Test::SshDevice::User << '\n'
        << "PASSWORD " << Cairn::Test::SshDevice::password() << Qt::endl;
    while (std::getchar() != EOF) {
    }
    return 0;
}
