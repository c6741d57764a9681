#include "NeighborDb.h"

#include "PatternReader.h"

#include <yaml-cpp/yaml.h>

namespace Cairn {

NeighborDb NeighborDb::parse(const QByteArray &yaml, ZtpIdentifier identifier)
{
    NeighborDb db;
    try {
        db.read(yaml, identifier);
    } catch (const YAML::Exception &error) {
        db.m_problems.append({QString(), error.mark.line + 1, QString::fromStdString(error.msg)});
    }
    if (!db.isValid()) {
        db.m_nodePatterns.clear();
        db.m_nodePatternIndex.clear();
        db.m_globalPatterns.clear();
    }
    return db;
}

void NeighborDb::read(const QByteArray &yaml, ZtpIdentifier identifier)
{
    const YAML::Node root = YAML::Load(yaml.toStdString());
    // An empty file is a valid neighbordb that matches nothing.
    if (!root || root.IsNull())
        return;
    if (!root.IsMap()) {
        m_problems.append({QString(), root.Mark().line + 1,
                           QStringLiteral("the neighbordb must be a mapping of variables and "
                                          "patterns")});
        return;
    }
    PatternReader::Variables globals;
    const YAML::Node variables = root["variables"];
    if (variables && !variables.IsMap())
        m_problems.append(
            {QString(), variables.Mark().line + 1, QStringLiteral("variables must be a mapping")});
    else if (variables)
        for (const auto &entry : variables) {
            const QString name = QString::fromStdString(entry.first.Scalar());
            if (name == u"any" || name == u"none")
                m_problems.append(
                    {QString(), entry.first.Mark().line + 1,
                     QStringLiteral("%1 is a keyword, not a variable name").arg(name)});
            else if (entry.second.IsScalar())
                globals.insert(name, QString::fromStdString(entry.second.Scalar()));
        }
    const YAML::Node patterns = root["patterns"];
    if (!patterns || patterns.IsNull())
        return;
    if (!patterns.IsSequence()) {
        m_problems.append(
            {QString(), patterns.Mark().line + 1, QStringLiteral("patterns must be a list")});
        return;
    }
    const PatternReader reader(identifier, globals);
    for (const YAML::Node &entry : patterns) {
        std::optional<Pattern> pattern = reader.read(entry, &m_problems);
        if (!pattern)
            continue;
        m_validPatternNames.append(pattern->name);
        if (pattern->node.isEmpty()) {
            m_globalPatterns.append(std::move(*pattern));
        } else if (m_nodePatternIndex.contains(pattern->node)) {
            m_notices.append(QStringLiteral("pattern \"%1\" (line %2) is ignored: an earlier "
                                            "pattern is specific to node %3")
                                 .arg(pattern->name)
                                 .arg(pattern->line)
                                 .arg(pattern->node));
        } else {
            m_nodePatternIndex.insert(pattern->node, m_nodePatterns.size());
            m_nodePatterns.append(std::move(*pattern));
        }
    }
}

QStringList NeighborDb::invalidPatternNames() const
{
    // One name per refused pattern (name and line), however many reasons it has.
    QStringList names;
    QList<QPair<QString, int>> seen;
    for (const NeighborDbProblem &problem : m_problems) {
        const QPair<QString, int> key{problem.pattern, problem.line};
        if (!problem.pattern.isEmpty() && !seen.contains(key)) {
            seen.append(key);
            names.append(problem.pattern);
        }
    }
    names.sort();
    return names;
}

const Pattern *NeighborDb::match(const ZtpNode &node, const QString &nodeId) const
{
    const auto specific = m_nodePatternIndex.constFind(nodeId);
    if (specific != m_nodePatternIndex.constEnd()) {
        const Pattern &pattern = m_nodePatterns[*specific];
        return pattern.matches(node) ? &pattern : nullptr;
    }
    for (const Pattern &pattern : m_globalPatterns)
        if (pattern.matches(node))
            return &pattern;
    return nullptr;
}

} // namespace Cairn
