#include "ErrorMessage.h"

#include "RichText.h"

#include <QMessageBox>

namespace Cairn {

QString ErrorMessage::describe(const Error &error)
{
    QStringList lines{error.message};
    for (auto field = error.fields.constBegin(); field != error.fields.constEnd(); ++field)
        lines << QStringLiteral("%1: %2").arg(field.key(), field.value().toString());
    return lines.join(QLatin1Char('\n'));
}

void ErrorMessage::show(QWidget *parent, const QString &whatFailed, const Error &error)
{
    QMessageBox box(QMessageBox::Warning, whatFailed, whatFailed, QMessageBox::Ok, parent);
    box.setTextFormat(Qt::PlainText);
    box.setInformativeText(RichText::plain(describe(error)));
    box.exec();
}

} // namespace Cairn
