// Jinja templates users write (services, configuration templates, toolkit variables), parsed
// and rendered against a small context, and single expressions (data extraction queries).
#include "FuzzInput.h"
#include "templating/Template.h"

#include <QJsonArray>

using namespace Cairn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QJsonObject context{
        {QStringLiteral("device"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("r1")},
                     {QStringLiteral("ip_address"), QStringLiteral("192.0.2.1")},
                     {QStringLiteral("vlans"), QJsonArray{10, 20, 30}}}},
        {QStringLiteral("results"), QJsonObject{{QStringLiteral("success"), true}}},
        {QStringLiteral("count"), 3},
    };
    const QString source = QString::fromUtf8(Fuzz::bytesOf(data, size));
    const Result<Template> parsed = Template::parse(source);
    if (parsed)
        (void)parsed->render(context);
    (void)Template::evaluate(source, context);
    return 0;
}
