#pragma once

#include "ServerFixture.h"

#include <QJsonObject>

namespace Cairn::Test {

// eNMS as its users' scripts call it: a python3-requests script (ServerFixture::runPython of
// Prelude + the script) with `call(method, path, auth, **kwargs)` for /rest (auth: a token, or a
// (user, password) pair for HTTP Basic) and `nsot(method, path, **kwargs)` for /api as admin. The
// script notes [status, body] under keys of `seen` and prints it.
struct EnmsScript
{
    QJsonObject noted;
    int status(const char *key) const { return noted[QLatin1String(key)][0].toInt(); }
    QJsonValue body(const char *key) const { return noted[QLatin1String(key)][1]; }

    static inline const QString Prelude = QStringLiteral(R"(
import json, sys, time, requests
base, admin, alice = sys.argv[1], sys.argv[2], sys.argv[3]
def call(method, path, auth, **kwargs):
    token = isinstance(auth, str)
    reply = requests.request(method, base + "/rest" + path, timeout=60,
                             headers={"Authorization": "Token " + auth} if token else {},
                             auth=None if token else auth, **kwargs)
    try:
        body = reply.json()
    except ValueError:
        body = reply.text
    return [reply.status_code, body]
def nsot(method, path, **kwargs):
    reply = requests.request(method, base + "/api" + path, timeout=10,
                             headers={"Authorization": "Token " + admin}, **kwargs)
    return [reply.status_code, reply.json() if reply.content else None]
seen = {}
)");
};

} // namespace Cairn::Test
