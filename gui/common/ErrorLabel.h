#pragma once

#include <QLabel>

namespace Cairn {

// What the core refused, beside the field or form it concerns: red in light and dark themes,
// hidden while there is nothing to say.
class ErrorLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ErrorLabel(QWidget *parent = nullptr);

    void showError(const QString &text);
    void clearError();
};

} // namespace Cairn
