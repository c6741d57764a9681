#pragma once

#include "ServiceStep.h"

namespace Cairn {

// ping_service: whether the device answers. TCP opens a connection to each of `ports` (each
// within `timeout` seconds); ICMP runs the system's ping `count` times, which Debian lets any
// user do. Succeeds when every port (or the ping) answers; the result tells each apart.
class PingStep : public ServiceStep
{
public:
    Result<StepOutput> run(const StepInput &input) override;

private:
    static Result<StepOutput> tcp(const StepInput &input);
    static Result<StepOutput> icmp(const StepInput &input);
};

} // namespace Cairn
