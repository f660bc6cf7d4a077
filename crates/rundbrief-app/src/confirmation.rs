//! The double opt-in mail: composing it in the subscriber's language and handing it to the
//! transport, off the request path.
//!
//! Requests only *enqueue* a [`ConfirmationJob`] (ids only, like every job payload). Today
//! [`SpawnQueue`] runs it on a Tokio task with a few retries; when the sending engine brings
//! the apalis queue, an apalis-backed `ConfirmationQueue` replaces it in the binary's wiring
//! (one line), and its handler calls the same [`ConfirmationMailer::deliver`].

use std::sync::Arc;
use std::time::Duration;

use maud::{DOCTYPE, html};
use rundbrief_core::model::Subscriber;
use rundbrief_core::{Language, SubscriberId, SubscriberStatus, TokenPurpose, TokenSigner};
use rundbrief_i18n::{Arg, Locales};
use rundbrief_mail::{Email, Mailbox, Mailer, MessageError, SendError, Transport as _};
use rundbrief_store::{Store, StoreError};

use crate::{Clock, Settings, SystemClock};

/// "Send subscriber N their confirmation link." Carries only the id: the address is read when
/// the job runs, so an erasure in between is respected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConfirmationJob {
    pub subscriber: SubscriberId,
}

/// Accepts confirmation jobs without waiting for them to run.
pub trait ConfirmationQueue: Send + Sync + 'static {
    fn enqueue(&self, job: ConfirmationJob);
}

/// Why a confirmation mail did not go out.
#[derive(Debug, thiserror::Error)]
pub enum ConfirmationError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Message(#[from] MessageError),
    #[error(transparent)]
    Send(#[from] SendError),
}

impl ConfirmationError {
    /// Worth another attempt later.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Store(StoreError::Database(_) | StoreError::Unavailable(_)) => true,
            Self::Send(e) => e.is_transient(),
            _ => false,
        }
    }
}

/// The three parts of a confirmation mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmationMail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Writes the confirmation mail in `language`, with `link` as the one thing to click.
pub fn compose_confirmation(
    locales: &Locales,
    language: Language,
    organisation: &str,
    name: Option<&str>,
    link: &str,
    valid_hours: i64,
) -> ConfirmationMail {
    let org = [("organisation", Arg::Str(organisation))];
    let t = |id: &str| locales.text(language, id, &org);
    let subject = t("confirm-mail-subject");
    let greeting =
        locales.text(language, "confirm-mail-greeting", &[("name", Arg::Str(name.unwrap_or("")))]);
    let body = t("confirm-mail-body");
    let button = t("confirm-mail-button");
    let expiry = locales.text(language, "confirm-mail-expiry", &[("hours", Arg::Num(valid_hours))]);
    let ignore = t("confirm-mail-ignore");
    let text = format!(
        "{greeting}\n\n{body}\n\n{button}:\n{link}\n\n{expiry}\n\n{ignore}\n\n-- \n{organisation}\n"
    );
    let html = html! {
        (DOCTYPE)
        html lang=(language.code()) dir="ltr" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (subject) }
            }
            body style="margin:0;padding:24px;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;line-height:1.5" {
                div style="max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:6px" {
                    p { (greeting) }
                    p { (body) }
                    p style="text-align:center;margin:32px 0" {
                        a href=(link) style="background:#0b5394;color:#ffffff;padding:12px 24px;border-radius:4px;text-decoration:none;display:inline-block" { (button) }
                    }
                    p style="font-size:14px;word-break:break-all" { a href=(link) { (link) } }
                    p style="font-size:14px;color:#555555" { (expiry) }
                    p style="font-size:14px;color:#555555" { (ignore) }
                    p style="font-size:12px;color:#777777" { (organisation) }
                }
            }
        }
    }
    .into_string();
    ConfirmationMail { subject, text, html }
}

/// Builds and sends confirmation mails.
pub struct ConfirmationMailer {
    store: Arc<dyn Store>,
    signer: TokenSigner,
    transport: Mailer,
    from: Mailbox,
    settings: Settings,
    clock: Arc<dyn Clock>,
}

impl ConfirmationMailer {
    pub fn new(
        store: Arc<dyn Store>,
        signer: TokenSigner,
        transport: Mailer,
        from: Mailbox,
        settings: Settings,
    ) -> Self {
        Self { store, signer, transport, from, settings, clock: Arc::new(SystemClock) }
    }

    /// Sends the confirmation mail of `job`, unless the subscriber no longer waits for one.
    pub async fn deliver(&self, job: ConfirmationJob) -> Result<(), ConfirmationError> {
        let subscriber = match self.store.subscriber(job.subscriber).await {
            Ok(s) => s,
            Err(StoreError::NotFound(_)) => return Ok(()),
            Err(e) => return Err(e.into()),
        };
        let Some(email) = pending_address(&subscriber) else {
            tracing::info!(subscriber = %subscriber.id, "confirmation skipped: not pending any more");
            return Ok(());
        };
        let expires = self.clock.now() + self.settings.confirm_ttl;
        let token = self.signer.sign(TokenPurpose::Confirm, subscriber.id.0, Some(expires));
        let link = format!("{}/confirm/{token}", self.settings.public_url);
        let mail = compose_confirmation(
            Locales::embedded(),
            subscriber.language,
            &self.settings.organisation,
            // No name: anyone can type any address and any text into the form, and the mail
            // goes to that address; text from a stranger must not reach it.
            None,
            &link,
            self.settings.confirm_ttl.whole_hours(),
        );
        let mut writer = self.settings.message_writer.clone();
        let mut confirmation = Email::transactional(
            &self.from,
            email,
            &mail.subject,
            &mail.text,
            &mail.html,
            subscriber.language,
        );
        confirmation.eight_bit = self.transport.accepts_8bit();
        let message = writer.build(&confirmation)?;
        self.transport.send_built(&message).await?;
        tracing::info!(subscriber = %subscriber.id, message_id = %message.message_id, "confirmation mail sent");
        Ok(())
    }
}

fn pending_address(subscriber: &Subscriber) -> Option<&str> {
    if subscriber.status != SubscriberStatus::Pending {
        return None;
    }
    subscriber.email.as_ref().map(|e| e.as_str())
}

/// Runs each job on its own Tokio task, retrying transient failures after growing pauses.
/// Jobs live in memory only: a restart loses the ones in flight, and the person asks for a new
/// link. The apalis queue of the sending engine removes that limit.
pub struct SpawnQueue {
    mailer: Arc<ConfirmationMailer>,
    retry_after: Vec<Duration>,
}

impl SpawnQueue {
    pub fn new(mailer: ConfirmationMailer) -> Self {
        Self {
            mailer: Arc::new(mailer),
            retry_after: vec![
                Duration::from_secs(1),
                Duration::from_secs(10),
                Duration::from_secs(60),
            ],
        }
    }
}

impl ConfirmationQueue for SpawnQueue {
    fn enqueue(&self, job: ConfirmationJob) {
        let mailer = Arc::clone(&self.mailer);
        let pauses = self.retry_after.clone();
        tokio::spawn(async move {
            let mut pauses = pauses.into_iter();
            loop {
                match mailer.deliver(job).await {
                    Ok(()) => return,
                    Err(error) if error.is_transient() => match pauses.next() {
                        Some(pause) => {
                            tracing::warn!(subscriber = %job.subscriber, %error, ?pause, "confirmation mail failed; will retry");
                            tokio::time::sleep(pause).await;
                        }
                        None => {
                            tracing::error!(subscriber = %job.subscriber, %error, "confirmation mail failed; giving up");
                            return;
                        }
                    },
                    Err(error) => {
                        tracing::error!(subscriber = %job.subscriber, %error, "confirmation mail failed permanently");
                        return;
                    }
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mail_is_in_the_requested_language_and_carries_the_link() {
        let link = "https://example.org/confirm/abc";
        let pl =
            compose_confirmation(Locales::embedded(), Language::Pl, "Org", Some("Anna"), link, 48);
        let de = compose_confirmation(Locales::embedded(), Language::De, "Org", None, link, 48);
        assert_ne!(pl.subject, de.subject);
        assert!(pl.text.contains(link) && pl.html.contains(link));
        assert!(pl.text.contains("Anna"));
        assert!(pl.html.contains("lang=\"pl\""));
        assert!(de.text.contains("48"), "{}", de.text);
    }

    #[test]
    fn names_are_escaped_in_html() {
        let mail = compose_confirmation(
            Locales::embedded(),
            Language::En,
            "Org",
            Some("<script>x</script>"),
            "https://e.org/c/1",
            1,
        );
        assert!(!mail.html.contains("<script>"));
    }
}
