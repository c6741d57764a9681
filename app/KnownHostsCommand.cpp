#include "KnownHostsCommand.h"

#include "CommonOptions.h"
#include "ExitCode.h"

#include <QTextStream>

namespace Cairn {

namespace {

const char *const Usage =
    "usage: cairn known-hosts add HOST PORT KEY_TYPE SHA256:FINGERPRINT\n"
    "       cairn known-hosts forget HOST PORT\n"
    "(the fingerprint as `ssh-keyscan -p PORT HOST | ssh-keygen -lf -` prints it; key types as\n"
    "SSH names them: ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa)";

} // namespace

int KnownHostsCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromLatin1(Usage));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("known-hosts"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("add or forget."));
    CommonOptions::addTo(parser);
    QTextStream err(stderr);
    if (!parser.parse(arguments)) {
        err << "cairn: " << parser.errorText() << Qt::endl;
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(1);
    bool validPort = false;
    const int port = positional.value(3).toInt(&validPort);
    const bool add = action == QLatin1String("add") && positional.size() == 6 &&
                     positional.value(5).startsWith(QLatin1String("SHA256:"));
    const bool forget = action == QLatin1String("forget") && positional.size() == 4;
    if ((!add && !forget) || !validPort || port < 1 || port > 65535) {
        err << "cairn: " << Usage << Qt::endl;
        return ExitUsage;
    }
    int exitCode = ExitOk;
    const std::unique_ptr<CoreServices> core = CommonOptions::open(parser, &exitCode);
    if (!core)
        return exitCode;
    const QString host = positional.value(2);
    const Result<void> done =
        add ? core->knownHosts().remember(host, port, positional.value(4), positional.value(5))
            : core->knownHosts().forget(host, port);
    if (!done) {
        err << "cairn: " << done.error().message << Qt::endl;
        return ExitFailure;
    }
    QTextStream(stdout) << (add ? "Added the host key of " : "Forgot the host key of ") << host
                        << ':' << port << Qt::endl;
    return ExitOk;
}

} // namespace Cairn
