#pragma once

#include "ServiceStep.h"

namespace Cairn {

// template_service: its `template`, rendered for the device like every templated field, is the
// result (a configuration to push or file, a report).
class TemplateStep : public ServiceStep
{
public:
    Result<StepOutput> run(const StepInput &input) override;
};

} // namespace Cairn
