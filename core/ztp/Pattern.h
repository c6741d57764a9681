#pragma once

#include "InterfacePattern.h"

#include <QByteArray>
#include <QList>
#include <QRegularExpression>

namespace Cairn {

// One neighbordb pattern, compiled: which nodes it takes (a node id, or a model regex and/or
// interface constraints) and the definition they get.
struct Pattern
{
    QString name;
    QString definition;
    // Set for a node-specific pattern: the node id, as ids compare (MACs normalised).
    QString node;
    std::optional<QRegularExpression> model;
    QList<InterfacePattern> interfaces;
    QString configHandler;
    // The pattern as written, with its variables resolved into it: stored with a node so the
    // node can be checked against it again later.
    QByteArray source;
    // 1-based line in the neighbordb.
    int line = 0;

    // Greedy, in the node's interface order, first neighbor only: each interface satisfies
    // the first constraint that applies; a false fails at once; every positive constraint must
    // be used. Extra neighbors the pattern does not mention are ignored.
    bool matches(const ZtpNode &node) const;
};

} // namespace Cairn
