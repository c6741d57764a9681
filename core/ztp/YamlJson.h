#pragma once

#include <QJsonValue>

namespace YAML {
class Node;
}

namespace Cairn {

// A YAML document as JSON: plain scalars that read as booleans, numbers or null become those;
// quoted scalars stay strings, as in PyYAML, which ZTPServer definitions were written for.
QJsonValue yamlToJson(const YAML::Node &node);

} // namespace Cairn
