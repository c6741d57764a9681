#pragma once

#include "ServiceStep.h"
#include "auth/Sealer.h"

namespace Cairn {

// rest_call_service: one HTTP request (`call_type` to `rest_url`, `payload` as a JSON body,
// `headers`, Basic auth from `username` and the sealed password), answered within `timeout`
// seconds and at most MaxBodyBytes. It succeeds on `expected_status`, or any 2xx when that is 0;
// the result is the body (JSON when it parses, else text).
class RestCallStep : public ServiceStep
{
public:
    static constexpr qint64 MaxBodyBytes = 16 * 1024 * 1024;

    explicit RestCallStep(Sealer sealer)
        : m_sealer(std::move(sealer))
    {
    }

    Result<StepOutput> run(const StepInput &input) override;

private:
    // The sealed password and header values, opened.
    Result<QJsonObject> secretsOf(const Service &service) const;

    Sealer m_sealer;
};

} // namespace Cairn
