// Scheduled tasks' crontab expressions, and the next firing they give in a zone with daylight
// saving (a schedule that parses must yield a time, or none, never hang).
#include "FuzzInput.h"
#include "automation/CronExpression.h"

#include <QTimeZone>

using namespace Cairn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Result<CronExpression> cron = CronExpression::parse(
        QString::fromUtf8(Fuzz::bytesOf(data, size)), QStringLiteral("crontab"));
    if (!cron)
        return 0;
    static const QTimeZone zone("Europe/Paris");
    static const QDateTime start(QDate(2026, 3, 28), QTime(23, 30), Qt::UTC);
    (void)cron->nextAfter(start, zone);
    return 0;
}
