#pragma once

#include "inventory/DeviceRepository.h"

#include <QWidget>
#include <optional>

class QLineEdit;

namespace Cairn {

class DeviceService;
class ErrorLabel;

// The box every device view filters with: a word filters by hostname, terms with '=' are an
// NSoT set query. Asked on Return or when cleared; a query the core refuses is shown under the
// box and matches nothing.
class DeviceSearchBox : public QWidget
{
    Q_OBJECT

public:
    explicit DeviceSearchBox(DeviceService &devices, QWidget *parent = nullptr);

    QString text() const;
    // Sets the text without asking (the caller applies it).
    void setText(const QString &text);
    // The devices of `site` (or every site) the text asks for.
    DeviceFilter filter(std::optional<qint64> site) const;
    void showError(const QString &message);

Q_SIGNALS:
    // Return pressed, or the text cleared with its button.
    void searchRequested();

private:
    DeviceService &m_devices;
    QLineEdit *m_text;
    ErrorLabel *m_error;
};

} // namespace Cairn
