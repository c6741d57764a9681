#pragma once

#include "NeighborDbProblem.h"
#include "Pattern.h"

#include <QHash>

namespace YAML {
class Node;
}

namespace Cairn {

// Reads one pattern mapping of a neighbordb, checking every rule ZTPServer checks (keys and
// their types, interface syntax, forbidden keyword combinations) plus what it would only find
// when loading: undefined $variables, unknown functions, regexes that do not compile.
class PatternReader
{
public:
    using Variables = QHash<QString, QString>;

    PatternReader(ZtpIdentifier identifier, Variables globals);

    // The pattern, or nothing with the reasons appended to `problems`.
    std::optional<Pattern> read(const YAML::Node &yaml, QList<NeighborDbProblem> *problems) const;
    // A pattern stored with a node (nodes/<id>/pattern), as Cairn or ZTPServer wrote it: name
    // and definition may be missing and null keys are ignored.
    static Result<Pattern> readStored(const QByteArray &text, ZtpIdentifier identifier);

private:
    struct Peer
    {
        QString device;
        QString port;
    };

    std::optional<Peer> peerOf(const YAML::Node &value, QStringList *errors) const;
    std::optional<ValueMatcher> matcherFor(const QString &token, const Variables &variables,
                                           QStringList *errors) const;
    void readInterfaces(const YAML::Node &list, const Variables &variables, Pattern *pattern,
                        QStringList *errors) const;

    ZtpIdentifier m_identifier;
    Variables m_globals;
    bool m_lenient = false;
};

} // namespace Cairn
