#pragma once

#include "NeighborDbProblem.h"
#include "Pattern.h"

#include <QHash>

namespace Cairn {

// The neighbordb file: global variables and patterns. One invalid pattern refuses the whole
// file, as ZTPServer does: skipping it could let a broader pattern match and push the wrong
// configuration. A node-specific pattern (node: id) is the only one tried for its node;
// otherwise global patterns are tried in file order and the first match wins.
class NeighborDb
{
public:
    static NeighborDb parse(const QByteArray &yaml, ZtpIdentifier identifier);

    bool isValid() const { return m_problems.isEmpty(); }
    const QList<NeighborDbProblem> &problems() const { return m_problems; }
    // Later node-specific patterns for an id already taken: ignored, and said so.
    const QStringList &notices() const { return m_notices; }
    // In file order.
    const QList<Pattern> &nodePatterns() const { return m_nodePatterns; }
    const QList<Pattern> &globalPatterns() const { return m_globalPatterns; }
    // Names of the refused patterns, sorted.
    QStringList invalidPatternNames() const;
    // Names of the patterns that passed, in file order (also when others were refused).
    const QStringList &validPatternNames() const { return m_validPatternNames; }

    // The pattern `node` gets, if any; never one of an invalid neighbordb.
    const Pattern *match(const ZtpNode &node, const QString &nodeId) const;

private:
    void read(const QByteArray &yaml, ZtpIdentifier identifier);

    QList<NeighborDbProblem> m_problems;
    QStringList m_notices;
    QList<Pattern> m_nodePatterns;
    QHash<QString, qsizetype> m_nodePatternIndex;
    QList<Pattern> m_globalPatterns;
    QStringList m_validPatternNames;
};

} // namespace Cairn
