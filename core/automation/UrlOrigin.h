#pragma once

#include <QString>

namespace Cairn::UrlOrigin {

// Where a URL sends what it carries: "scheme://host:port" (default ports filled in, lower
// case); empty when the text is no absolute http(s) URL.
QString of(const QString &url);
// The text before the path: "https://{{ device.ip_address }}:8443" of a templated URL.
QString authorityText(const QString &url);
// Whether a REST call's secrets, kept from `previous`, would go somewhere else at `next`: the
// origins differ, or either URL's authority is a template and its text changed.
bool moves(const QString &previous, const QString &next);

} // namespace Cairn::UrlOrigin
