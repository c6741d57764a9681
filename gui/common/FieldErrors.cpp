#include "FieldErrors.h"

#include "Error.h"
#include "ErrorLabel.h"

#include <QFormLayout>

namespace Cairn {

FieldErrors::FieldErrors(QWidget *dialog)
    : m_dialog(dialog)
    , m_general(new ErrorLabel(dialog))
{
    m_general->setObjectName(QStringLiteral("generalError"));
}

ErrorLabel *FieldErrors::add(const QString &field, QFormLayout *form)
{
    auto *label = new ErrorLabel(m_dialog);
    label->setObjectName(field + QStringLiteral("Error"));
    if (form)
        form->addRow(QString(), label);
    m_fields.insert(field, label);
    return label;
}

void FieldErrors::clear()
{
    m_general->clearError();
    for (ErrorLabel *label : std::as_const(m_fields))
        label->clearError();
}

void FieldErrors::show(const Error &error)
{
    QStringList unplaced;
    bool focused = false;
    for (auto field = error.fields.constBegin(); field != error.fields.constEnd(); ++field) {
        ErrorLabel *label = m_fields.value(field.key());
        if (!label) {
            unplaced << field.value().toString();
            continue;
        }
        label->showError(field.value().toString());
        QWidget *editor = m_dialog->findChild<QWidget *>(field.key());
        if (editor && !focused) {
            editor->setFocus();
            focused = true;
        }
    }
    // The reason itself goes on top unless a field says it already.
    if (error.fields.isEmpty() || !unplaced.isEmpty())
        m_general->showError((QStringList{error.message} + unplaced).join(QLatin1Char('\n')));
}

} // namespace Cairn
