#pragma once

#include "Result.h"

#include <QJsonObject>

namespace Cairn {

class ResourceFunctions;

// A definition as one node receives it, as ZTPServer builds it: each action attribute value
// (and each value one level into an object) that starts with `$` is looked up in the node's
// attributes, then the definition's `attributes` (null when neither has it); then every
// function value is called.
class DefinitionResolver
{
public:
    static Result<QJsonObject> resolve(const QJsonObject &definition,
                                       const QJsonObject &nodeAttributes,
                                       const ResourceFunctions &functions);
};

} // namespace Cairn
