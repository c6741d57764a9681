#pragma once

#include "ServiceStep.h"

namespace Cairn {

class CommandStep;
class ConfigurationHistory;
class DeviceTexts;
class SiteService;

// backup_service: the output of `commands` becomes the device's `property` (configuration,
// operational_data or specialized_data), with its last_* status either way, and, with
// `commit_to_git`, its file in the configuration history (committed once the run ends).
class BackupStep : public ServiceStep
{
public:
    BackupStep(CommandStep &commands, DeviceTexts &texts, ConfigurationHistory &history,
               SiteService &sites)
        : m_commands(commands)
        , m_texts(texts)
        , m_history(history)
        , m_sites(sites)
    {
    }

    Result<StepOutput> run(const StepInput &input) override;

private:
    CommandStep &m_commands;
    DeviceTexts &m_texts;
    ConfigurationHistory &m_history;
    SiteService &m_sites;
};

} // namespace Cairn
