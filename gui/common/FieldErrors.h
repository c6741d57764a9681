#pragma once

#include <QHash>
#include <QString>

class QFormLayout;
class QWidget;

namespace Cairn {

struct Error;
class ErrorLabel;

// A dialog's errors where they belong, as the core names them: each field's message under that
// field's editor (a label named "<field>Error"), the rest in a general label on top.
class FieldErrors
{
public:
    // Makes the general label (named "generalError"); the dialog places it.
    explicit FieldErrors(QWidget *dialog);

    ErrorLabel *general() const { return m_general; }
    // The label of `field`, as a row of its own under the last row of `form` when given.
    ErrorLabel *add(const QString &field, QFormLayout *form = nullptr);
    void clear();
    // Focuses the first editor named after a field the error names.
    void show(const Error &error);

private:
    QWidget *m_dialog;
    ErrorLabel *m_general;
    QHash<QString, ErrorLabel *> m_fields;
};

} // namespace Cairn
