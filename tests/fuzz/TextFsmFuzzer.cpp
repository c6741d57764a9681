// TextFSM templates (uploaded by users) and the device output they parse: the template, a line
// "----", then the text.
#include "FuzzInput.h"
#include "textfsm/TextFsmMachine.h"

using namespace Cairn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto [templateText, output] = Fuzz::splitInTwo(Fuzz::bytesOf(data, size));
    const Result<TextFsmTemplate> parsed = TextFsmTemplate::parse(QString::fromUtf8(templateText));
    if (!parsed)
        return 0;
    TextFsmMachine machine(parsed.value());
    (void)machine.parse(QString::fromUtf8(output));
    return 0;
}
