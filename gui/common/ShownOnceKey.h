#pragma once

#include <QWidget>

class QLineEdit;

namespace Cairn {

// A secret Cairn keeps only the hash of (an API token's key, a credential set's token), shown
// the one time it exists: why it will not be shown again, the key (selectable, fixed-width)
// and a Copy button. set() also puts it on the clipboard.
class ShownOnceKey : public QWidget
{
    Q_OBJECT

public:
    ShownOnceKey(const QString &explanation, QWidget *parent = nullptr);

    QString key() const;
    void set(const QString &key);

private:
    QLineEdit *m_key;
};

} // namespace Cairn
