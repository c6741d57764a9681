// multipart/form-data uploads (packages, spreadsheets, templates): the Content-Type header, a
// line "----", then the body.
#include "FuzzInput.h"
#include "routing/MultipartForm.h"

using namespace Cairn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto [contentType, body] = Fuzz::splitInTwo(Fuzz::bytesOf(data, size));
    (void)MultipartForm::parse(contentType, body);
    return 0;
}
