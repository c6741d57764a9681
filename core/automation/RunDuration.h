#pragma once

#include <QString>

namespace Cairn::RunDuration {

// A duration as eNMS shows them: H:MM:SS.
QString text(qint64 milliseconds);

} // namespace Cairn::RunDuration
