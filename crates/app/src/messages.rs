//! Templated messages into the outbox (the measurement links use it too).
//!
//! A message is written from two Fluent messages, `<key>-subject` and `<key>-body`, merged with
//! named arguments. It goes in the recipient's language when that is known, and otherwise in
//! Danish followed by English in one message. It is queued in the same transaction as the event
//! that caused it, so it exists exactly when the event does; the SMTP sender (in `server`) sends
//! it later, and the outbox page shows it either way.

use sammen_domain::OrgId;
use sammen_domain::measurement::{MessageKind, MessageStatus};
use sammen_domain::time::Timestamp;
use sammen_i18n::{Arg, Lang};
use sammen_store::rows::OutboxRow;
use sammen_store::{StoreError, Stored, Tx, measurement as sm};

use crate::App;

/// One message to queue.
pub(crate) struct Message<'a> {
    pub organisation_id: OrgId,
    pub kind: MessageKind,
    pub recipient: &'a str,
    /// The Fluent key stem: `<key>-subject` and `<key>-body` must exist in every language.
    pub key: &'a str,
    pub args: &'a [(&'a str, Arg<'a>)],
    /// The recipient's language, if known; `None` writes Danish and English in one message.
    pub lang: Option<Lang>,
    /// What the message is about (`("application", id)`), for the outbox and for deletion.
    pub about: (&'a str, &'a str),
}

/// The subject and body of a message, as it would be sent.
pub(crate) fn render(m: &Message<'_>) -> (String, String) {
    let subject_key = format!("{}-subject", m.key);
    let body_key = format!("{}-body", m.key);
    match i18n() {
        Some(t) => match m.lang {
            Some(lang) => (t.t_args(lang, &subject_key, m.args), t.t_args(lang, &body_key, m.args)),
            None => (
                format!("{} / {}", t.t_args(Lang::Da, &subject_key, m.args), t.t_args(Lang::En, &subject_key, m.args)),
                format!("{}\n\n---\n\n{}", t.t_args(Lang::Da, &body_key, m.args), t.t_args(Lang::En, &body_key, m.args)),
            ),
        },
        None => ("Sammen".to_owned(), String::new()),
    }
}

/// Queues a message in the caller's transaction and returns its id.
pub(crate) fn queue(tx: &mut Tx<'_>, app: &App, m: &Message<'_>, now: Timestamp) -> Result<String, StoreError> {
    let (subject, body) = render(m);
    let id = app.new_id();
    sm::queue_message(
        tx.conn(),
        &OutboxRow {
            id: id.clone(),
            organisation_id: Stored(m.organisation_id),
            kind: m.kind.into(),
            recipient: m.recipient.to_owned(),
            subject,
            body,
            subject_type: Some(m.about.0.to_owned()),
            subject_id: Some(m.about.1.to_owned()),
            status: MessageStatus::Queued.into(),
            attempts: 0,
            last_error: None,
            created_at: now.micros(),
            sent_at: None,
        },
    )?;
    Ok(id)
}

/// The texts, loaded once for the messages written outside a request (links, reminders, letters).
pub(crate) fn i18n() -> Option<&'static sammen_i18n::I18n> {
    static I18N: std::sync::OnceLock<Option<sammen_i18n::I18n>> = std::sync::OnceLock::new();
    I18N.get_or_init(|| sammen_i18n::I18n::new().ok()).as_ref()
}
