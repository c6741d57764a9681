#pragma once

#include <QString>

namespace Cairn {

// Why a template could not be read or rendered, at which line. Thrown only inside the template
// engine, where any node of a deep tree may fail and the whole render ends with it; `Template`
// turns it into an Error before it leaves the engine.
struct TemplateFailure
{
    int line = 0;
    QString message;
};

} // namespace Cairn
