#include "ChildEnvironment.h"

namespace Cairn {

QProcessEnvironment ChildEnvironment::scrubbed()
{
    const QProcessEnvironment server = QProcessEnvironment::systemEnvironment();
    QProcessEnvironment child;
    for (const QString &name : server.keys()) {
        const bool kept = name == u"PATH" || name == u"HOME" || name == u"USER" ||
                          name == u"LOGNAME" || name == u"LANG" || name == u"TZ" ||
                          name == u"TMPDIR" || name.startsWith(QLatin1String("LC_"));
        if (kept)
            child.insert(name, server.value(name));
    }
    return child;
}

} // namespace Cairn
