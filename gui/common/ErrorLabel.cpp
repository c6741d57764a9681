#include "ErrorLabel.h"

namespace Cairn {

ErrorLabel::ErrorLabel(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    QPalette red = palette();
    red.setColor(QPalette::WindowText, QColor(0xe0, 0x1b, 0x24));
    setPalette(red);
    hide();
}

void ErrorLabel::showError(const QString &text)
{
    setText(text);
    show();
}

void ErrorLabel::clearError()
{
    clear();
    hide();
}

} // namespace Cairn
