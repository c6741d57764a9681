#include "CredentialSetDialog.h"

#include "CoreServices.h"
#include "common/ErrorLabel.h"
#include "common/ShownOnceKey.h"
#include "transport/PlatformCatalog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Cairn {

namespace {

const QString PrivateKeyField = QStringLiteral("private_key");
const QString PlatformsField = QStringLiteral("platforms");
// A key file larger than this is not a private key.
constexpr qint64 MaximumKeyFileBytes = 64 * 1024;

} // namespace

CredentialSetDialog::CredentialSetDialog(CoreServices &core, const Identity &caller,
                                         const std::optional<CredentialSet> &existing,
                                         QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_caller(caller)
    , m_existing(existing)
    , m_steps(new QStackedWidget(this))
    , m_privateKey(new QPlainTextEdit(this))
    , m_platforms(new QListWidget(this))
    , m_token(new ShownOnceKey(
          tr("This is the set's token: toolkit requests name the set by it. It is on the "
             "clipboard now, and this is the only time it is shown: Cairn keeps only its hash."),
          this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(existing ? tr("Edit Credential Set %1").arg(existing->name)
                            : tr("New Credential Set"));
    auto *ask = new QWidget(m_steps);
    auto *askLayout = new QVBoxLayout(ask);
    askLayout->setContentsMargins(0, 0, 0, 0);
    askLayout->addWidget(m_errors.general());
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    addText(form, QStringLiteral("name"), tr("&Name:"), false);
    addText(form, QStringLiteral("description"), tr("&Description:"), false);
    addText(form, QStringLiteral("username"), tr("&Username:"), false);
    addText(form, QStringLiteral("password"), tr("&Password:"), true);

    m_privateKey->setObjectName(PrivateKeyField);
    m_privateKey->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_privateKey->setFixedHeight(m_privateKey->fontMetrics().lineSpacing() * 5 + 12);
    m_privateKey->setPlaceholderText(existing && existing->hasPrivateKey
                                         ? tr("Unchanged")
                                         : tr("-----BEGIN OPENSSH PRIVATE KEY-----"));
    auto *loadKey = new QPushButton(QIcon::fromTheme(QStringLiteral("document-open")),
                                    tr("&Load from File…"), this);
    loadKey->setObjectName(QStringLiteral("loadKey"));
    connect(loadKey, &QPushButton::clicked, this, &CredentialSetDialog::loadKeyFile);
    auto *keyColumn = new QVBoxLayout;
    keyColumn->addWidget(m_privateKey);
    keyColumn->addWidget(loadKey, 0, Qt::AlignLeft);
    auto *keyLabel = new QLabel(tr("Private &key:"), this);
    keyLabel->setBuddy(m_privateKey);
    form->addRow(keyLabel, keyColumn);
    m_errors.add(PrivateKeyField, form);
    addText(form, QStringLiteral("key_passphrase"), tr("Key pass&phrase:"), true);
    addText(form, QStringLiteral("enable_password"), tr("&Enable password:"), true);

    m_platforms->setObjectName(PlatformsField);
    m_platforms->setToolTip(tr("The platforms the set may log in to; none ticked means any."));
    m_platforms->setMaximumHeight(m_platforms->fontMetrics().lineSpacing() * 6);
    for (const QString &platform : PlatformCatalog::names()) {
        auto *item = new QListWidgetItem(platform, m_platforms);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(existing && existing->platforms.contains(platform) ? Qt::Checked
                                                                               : Qt::Unchecked);
    }
    form->addRow(tr("P&latforms:"), m_platforms);
    m_errors.add(PlatformsField, form);
    askLayout->addLayout(form);
    m_steps->addWidget(ask);
    m_steps->addWidget(m_token);
    if (existing) {
        m_texts.value(QStringLiteral("name"))->setText(existing->name);
        m_texts.value(QStringLiteral("description"))->setText(existing->description);
        m_texts.value(QStringLiteral("username"))->setText(existing->username);
        if (existing->hasPassword)
            m_texts.value(QStringLiteral("password"))->setPlaceholderText(tr("Unchanged"));
        if (existing->hasEnablePassword)
            m_texts.value(QStringLiteral("enable_password"))->setPlaceholderText(tr("Unchanged"));
    }

    connect(m_buttons, &QDialogButtonBox::accepted, this, &CredentialSetDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CredentialSetDialog::reject);
    connect(this, &QDialog::finished, this, &CredentialSetDialog::forgetSecrets);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_steps);
    layout->addWidget(m_buttons);
    resize(520, sizeHint().height());
}

QLineEdit *CredentialSetDialog::addText(QFormLayout *form, const QString &field,
                                        const QString &label, bool secret)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(field);
    if (secret)
        edit->setEchoMode(QLineEdit::Password);
    form->addRow(label, edit);
    m_errors.add(field, form);
    m_texts.insert(field, edit);
    return edit;
}

QString CredentialSetDialog::token() const
{
    return m_token->key();
}

QJsonObject CredentialSetDialog::fields() const
{
    QJsonObject fields;
    for (auto text = m_texts.cbegin(); text != m_texts.cend(); ++text) {
        const bool secret = text.value()->echoMode() == QLineEdit::Password;
        if (!secret || !text.value()->text().isEmpty())
            fields.insert(text.key(), text.value()->text());
    }
    if (!m_privateKey->toPlainText().isEmpty())
        fields.insert(PrivateKeyField, m_privateKey->toPlainText());
    QJsonArray platforms;
    for (int row = 0; row < m_platforms->count(); ++row) {
        if (m_platforms->item(row)->checkState() == Qt::Checked)
            platforms << m_platforms->item(row)->text();
    }
    fields.insert(PlatformsField, platforms);
    return fields;
}

void CredentialSetDialog::accept()
{
    if (m_steps->currentWidget() == m_token) {
        QDialog::accept();
        return;
    }
    m_errors.clear();
    if (m_existing) {
        const Result<CredentialSet> saved =
            m_core.credentialSets().update(m_caller, m_existing->id, fields(), true);
        if (!saved) {
            m_errors.show(saved.error());
            return;
        }
        QDialog::accept();
        return;
    }
    const Result<IssuedCredentialSet> issued = m_core.credentialSets().create(m_caller, fields());
    if (!issued) {
        m_errors.show(issued.error());
        return;
    }
    forgetSecrets();
    m_token->set(issued->token);
    m_steps->setCurrentWidget(m_token);
    m_buttons->button(QDialogButtonBox::Save)->setText(tr("&Done"));
    // There is nothing left to cancel: the set exists.
    m_buttons->button(QDialogButtonBox::Cancel)->hide();
}

void CredentialSetDialog::forgetSecrets()
{
    for (QLineEdit *text : std::as_const(m_texts)) {
        if (text->echoMode() == QLineEdit::Password)
            text->clear();
    }
    m_privateKey->clear();
}

void CredentialSetDialog::loadKeyFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Load Private Key"), QDir::home().filePath(QStringLiteral(".ssh")));
    if (path.isEmpty())
        return;
    QFile file(path);
    // Read to one byte past the limit: a pipe or device reports no size.
    const QByteArray key =
        file.open(QIODevice::ReadOnly) ? file.read(MaximumKeyFileBytes + 1) : QByteArray();
    if (key.isEmpty() || key.size() > MaximumKeyFileBytes) {
        m_errors.show(Error::invalidField(PrivateKeyField, tr("That file is not a private key "
                                                              "Cairn can read.")));
        return;
    }
    m_privateKey->setPlainText(QString::fromUtf8(key));
}

} // namespace Cairn
