#pragma once

#include "ServiceStep.h"

namespace Cairn {

// data_extraction_service: `query`, an expression over what templates see (device.configuration,
// payload.rest_data...), gives a text; `match` takes values out of it: a regular expression as
// Python's re.findall does (whole matches, the group, or the groups of each match), or a TextFSM
// template (rows as lists with textfsm, as objects keyed by the header with textfsm_dict). The
// result is {variable: values}.
class DataExtractionStep : public ServiceStep
{
public:
    // Most values one regular expression extracts.
    static constexpr int MaxMatches = 100000;
    // Most characters its matches may capture, all together.
    static constexpr qint64 MaxCaptured = 16 * 1024 * 1024;

    Result<StepOutput> run(const StepInput &input) override;
};

} // namespace Cairn
