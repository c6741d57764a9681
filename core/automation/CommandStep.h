#pragma once

#include "ServiceStep.h"

namespace Cairn {

class DeviceLogin;

// command_service and the reading half of backup_service: `commands` sent to the device's CLI
// one after another (or all in configuration mode with `config_mode`), each within `timeout`
// seconds, the outputs joined. A device-side error (the platform's error patterns) fails it.
class CommandStep : public ServiceStep
{
public:
    explicit CommandStep(DeviceLogin &login)
        : m_login(login)
    {
    }

    Result<StepOutput> run(const StepInput &input) override;

private:
    DeviceLogin &m_login;
};

} // namespace Cairn
