#include "TemplateStep.h"

namespace Cairn {

Result<StepOutput> TemplateStep::run(const StepInput &input)
{
    StepOutput output;
    output.result = input.service.settings.value(QLatin1String("template")).toString();
    return output;
}

} // namespace Cairn
