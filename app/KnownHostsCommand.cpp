#include "KnownHostsCommand.h"

#include "CommandFailure.h"
#include "CommandHelp.h"
#include "CommonOptions.h"
#include "ExitCode.h"
#include "JsonTime.h"
#include "transport/KnownHostListing.h"

#include <QRegularExpression>
#include <QTextStream>

namespace Cairn {

namespace {

const char *const Usage =
    "usage: cairn known-hosts list\n"
    "       cairn known-hosts add HOST PORT KEY_TYPE SHA256:FINGERPRINT\n"
    "       cairn known-hosts forget HOST PORT\n"
    "(the fingerprint as `ssh-keyscan -p PORT HOST | ssh-keygen -lf -` prints it; key types as\n"
    "SSH names them: ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa)";

const char *const Examples =
    "  cairn known-hosts list\n"
    "  cairn known-hosts add 192.0.2.10 22 ssh-ed25519 "
    "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s\n"
    "  cairn known-hosts forget 192.0.2.10 22      (after the device was replaced)\n";

int list(CoreServices &core)
{
    const Result<QList<KnownHostEntry>> entries = listKnownHosts(core.database());
    if (!entries)
        return reportFailure(entries.error());
    QTextStream out(stdout);
    out << qSetFieldWidth(40) << Qt::left << "HOST:PORT" << qSetFieldWidth(22) << "KEY_TYPE"
        << qSetFieldWidth(52) << "FINGERPRINT" << qSetFieldWidth(0) << "FIRST_SEEN" << Qt::endl;
    for (const KnownHostEntry &entry : entries.value())
        out << qSetFieldWidth(40) << QStringLiteral("%1:%2").arg(entry.host).arg(entry.port)
            << qSetFieldWidth(22) << entry.keyType << qSetFieldWidth(52) << entry.fingerprint
            << qSetFieldWidth(0) << isoTimestamp(entry.firstSeen).toString() << Qt::endl;
    if (entries->isEmpty())
        out << "(no host keys yet: they are recorded at the first login to each device, or "
               "added here)"
            << Qt::endl;
    return ExitOk;
}

// What an operator types is checked before it is held: a mistyped fingerprint would refuse the
// device for ever, and nothing would say why.
Result<void> checkKey(const QString &keyType, const QString &fingerprint)
{
    static const QRegularExpression keyTypes(
        QStringLiteral("^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521))$"));
    static const QRegularExpression sha256(QStringLiteral("^SHA256:[A-Za-z0-9+/]{43}$"));
    if (!keyTypes.match(keyType).hasMatch())
        return Error::badRequest(QStringLiteral("unknown key type \"%1\": expected ssh-ed25519, "
                                                "ecdsa-sha2-nistp256 (384, 521) or ssh-rsa")
                                     .arg(keyType));
    if (!sha256.match(fingerprint).hasMatch())
        return Error::badRequest(QStringLiteral("\"%1\" is not a SHA256 fingerprint: expected "
                                                "SHA256: and 43 base64 characters")
                                     .arg(fingerprint));
    return {};
}

} // namespace

int KnownHostsCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromLatin1(Usage));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("known-hosts"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("list, add or forget."));
    CommonOptions::addTo(parser);
    QTextStream err(stderr);
    if (const std::optional<int> ended = parseArguments(parser, arguments, Examples))
        return *ended;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(1);
    const bool listing = action == QLatin1String("list") && positional.size() == 2;
    bool validPort = false;
    const int port = positional.value(3).toInt(&validPort);
    const bool add = action == QLatin1String("add") && positional.size() == 6;
    const bool forget = action == QLatin1String("forget") && positional.size() == 4;
    if (!listing && ((!add && !forget) || !validPort || port < 1 || port > 65535)) {
        err << "cairn: " << Usage << Qt::endl;
        return ExitUsage;
    }
    if (add) {
        const Result<void> wellFormed = checkKey(positional.value(4), positional.value(5));
        if (!wellFormed) {
            err << "cairn: " << wellFormed.error().message << Qt::endl;
            return ExitUsage;
        }
    }
    int exitCode = ExitOk;
    const std::unique_ptr<CoreServices> core = CommonOptions::open(parser, &exitCode);
    if (!core)
        return exitCode;
    if (listing)
        return list(*core);
    const QString host = positional.value(2);
    const Result<void> done =
        add ? core->knownHosts().remember(host, port, positional.value(4), positional.value(5))
            : core->knownHosts().forget(host, port);
    if (!done)
        return reportFailure(done.error());
    QTextStream(stdout) << (add ? "Added the host key of " : "Forgot the host key of ") << host
                        << ':' << port << Qt::endl;
    return ExitOk;
}

} // namespace Cairn
