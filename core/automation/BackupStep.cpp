#include "BackupStep.h"

#include "CommandStep.h"
#include "ConfigurationHistory.h"
#include "DeviceTexts.h"
#include "RunDuration.h"
#include "inventory/SiteService.h"

#include <QElapsedTimer>

namespace Cairn {

Result<StepOutput> BackupStep::run(const StepInput &input)
{
    QElapsedTimer clock;
    clock.start();
    Result<StepOutput> output = m_commands.run(input);
    if (!input.device)
        return output;
    const QJsonObject &settings = input.service.settings;
    const QString property = settings.value(QLatin1String("property")).toString();
    DeviceTexts::Backup backup;
    backup.success = output && output->success;
    backup.text = output ? output->result.toString() : QString();
    backup.runtime = input.runtime;
    backup.duration = RunDuration::text(clock.elapsed());
    // Into the history first: a text it could not keep is a failed backup, recorded as one.
    if (backup.success && settings.value(QLatin1String("commit_to_git")).toBool()) {
        const Result<Site> site = m_sites.get(input.device->siteId);
        const Result<void> written =
            site ? m_history.write({site->name, input.device->hostname, property, backup.text})
                 : Result<void>(site.error());
        if (!written) {
            backup.success = false;
            output = written.error();
        }
    }
    const Result<void> recorded = m_texts.record(input.device->id, property, backup);
    if (!recorded)
        return recorded.error();
    if (!backup.success)
        return output;
    output->details.insert(QStringLiteral("property"), property);
    output->result =
        QStringLiteral("%1 stored (%2 characters).").arg(property).arg(backup.text.size());
    return output;
}

} // namespace Cairn
