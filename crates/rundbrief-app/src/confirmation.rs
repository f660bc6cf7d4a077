//! The double opt-in mail: composing it in the subscriber's language and handing it to the
//! transport, off the request path.
//!
//! Requests write what is owed to the store in their own transaction (a sign-up request, or a
//! confirmation mail beside the subscriber) and then *nudge* the job queue with a
//! [`ConfirmationJob`] (ids only, like every job payload). The nudge may be lost in a crash;
//! the worker's sweep finds what is still owed (`crate::outbox`), and the claim of each row
//! makes a job that runs twice send once.

pub mod translator_notice;

use std::sync::Arc;

use maud::{DOCTYPE, html};
use rundbrief_core::model::Subscriber;
use rundbrief_core::verp::{Verp, VerpTarget};
use rundbrief_core::{Language, SubscriberId, SubscriberStatus, TokenPurpose, TokenSigner};
use rundbrief_i18n::{Arg, Locales};
use rundbrief_mail::{Email, Mailbox, Mailer, MessageError, SendError, Transport as _};
use rundbrief_store::{ConfirmationOutcome, OwedMailKind, Store, StoreError};

use crate::owed_mail::{Deferrals, Delivered, end_attempt, mail_lease, send_owed};
use crate::{Clock, Settings, SystemClock};

/// Work owed to a person who signed up: process sign-up request N, send confirmation mail N,
/// or, once they confirmed, send welcome mail N (`crate::welcome`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmationJob {
    Signup(i64),
    Mail(i64),
    Welcome(i64),
}

/// Accepts confirmation jobs without waiting for them to run. Losing one costs time, not the
/// mail: the rows it names are in the store.
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
    /// The welcome mail cannot be written (a variant that does not render, a bad list id);
    /// no retry changes that.
    #[error("{0}")]
    Render(String),
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

/// The imprint and privacy links of every mail's footer, labelled in `lang` and chosen for
/// `lang` along the fallback chain; only those configured.
pub fn legal_links(settings: &Settings, lang: Language) -> Vec<(String, String)> {
    let templates = &settings.templates;
    let org = &templates.organisation;
    let chain = templates.fallback_languages.as_slice();
    [("mail-footer-imprint", &org.imprint_url), ("mail-footer-privacy", &org.privacy_url)]
        .into_iter()
        .filter_map(|(id, url)| {
            let url = url.get(lang, chain)?;
            Some((Locales::embedded().text(lang, id, &[]), url.to_owned()))
        })
        .collect()
}

/// Writes the confirmation mail in `language`, with `link` as the one thing to click and
/// `legal` (label, URL) in the footer.
pub fn compose_confirmation(
    locales: &Locales,
    language: Language,
    organisation: &str,
    name: Option<&str>,
    link: &str,
    valid_hours: i64,
    legal: &[(String, String)],
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
    let mut text = format!(
        "{greeting}\n\n{body}\n\n{button}:\n{link}\n\n{expiry}\n\n{ignore}\n\n-- \n{organisation}\n"
    );
    for (label, url) in legal {
        text.push_str(&format!("{label}: {url}\n"));
    }
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
                    p style="font-size:12px;color:#595959" {
                        (organisation)
                        @for (label, url) in legal {
                            " · "
                            a href=(url) style="color:#595959" { (label) }
                        }
                    }
                }
            }
        }
    }
    .into_string();
    ConfirmationMail { subject, text, html }
}

/// Builds and sends confirmation mails.
pub struct ConfirmationMailer {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) signer: TokenSigner,
    pub(crate) transport: Mailer,
    pub(crate) from: Mailbox,
    /// Signed envelope senders per mail (VERP); `None` sends from the From address.
    pub(crate) verp: Option<Verp>,
    /// Whether the welcome mail's `List-Unsubscribe` also offers the signed `mailto:`, like
    /// campaign mails, when the instance reads the mail sent to the bounce domain.
    pub(crate) unsubscribe_mailto: bool,
    pub(crate) settings: Settings,
    pub(crate) clock: Arc<dyn Clock>,
    /// Deferrals in a row per owed mail (see [`crate::owed_mail::end_attempt`]).
    pub(crate) deferrals: Deferrals,
}

impl ConfirmationMailer {
    pub fn new(
        store: Arc<dyn Store>,
        signer: TokenSigner,
        transport: Mailer,
        from: Mailbox,
        settings: Settings,
    ) -> Self {
        Self {
            store,
            signer,
            transport,
            from,
            verp: None,
            unsubscribe_mailto: false,
            settings,
            clock: Arc::new(SystemClock),
            deferrals: Deferrals::default(),
        }
    }

    /// Reads the time from `clock` instead of the system's (tests move it).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Offers the signed `mailto:` in the welcome mail's `List-Unsubscribe` (needs VERP).
    pub fn with_unsubscribe_mailto(mut self, mailto: bool) -> Self {
        self.unsubscribe_mailto = mailto;
        self
    }

    /// Sends each mail from its own signed bounce address (`RUNDBRIEF_BOUNCE_DOMAIN`), so that
    /// a bounce names the confirmation mail it answers.
    pub fn with_verp(mut self, verp: Option<Verp>) -> Self {
        self.verp = verp;
        self
    }

    /// Sends confirmation mail `id` once: claims it, skips it when the subscriber no longer
    /// waits for it or the address had its mails for the day, and records the outcome.
    pub async fn send_mail(&self, id: i64) -> Result<MailOutcome, ConfirmationError> {
        let now = self.clock.now();
        let lease_until = now + mail_lease(&self.transport);
        let Some(claim) = self.store.claim_confirmation(id, now, lease_until).await? else {
            return Ok(MailOutcome::NotMine);
        };
        let sent_today = self
            .store
            .confirmations_sent_since(&claim.email_hash, now - time::Duration::days(1), id, now)
            .await?;
        if sent_today >= i64::from(self.settings.confirmation_daily_limit) {
            tracing::info!(subscriber = %claim.subscriber_id, mail = id, "confirmation mail skipped: the address had its mails for today");
            self.store
                .settle_confirmation(id, claim.attempts, ConfirmationOutcome::Skipped, now)
                .await?;
            return Ok(MailOutcome::Skipped);
        }
        let delivered = self.deliver(claim.subscriber_id, id, lease_until).await;
        // The database may be what failed: then the claim runs out and the sweep tries again.
        let ending = end_attempt(
            &*self.store,
            &self.deferrals,
            OwedMailKind::Confirmation,
            id,
            claim.attempts,
            delivered,
            "confirmation mail",
            format_args!("subscriber={} mail={id}", claim.subscriber_id),
            self.clock.now(),
            mail_lease(&self.transport),
        );
        let (_, done) = ending.await?;
        Ok(done)
    }

    /// Sends confirmation mail `mail_id` to `subscriber` under a claim that ends at
    /// `lease_until`; `NotWanted` when they no longer wait for one (confirmed, unsubscribed or
    /// erased meanwhile).
    async fn deliver(
        &self,
        subscriber: SubscriberId,
        mail_id: i64,
        lease_until: time::OffsetDateTime,
    ) -> Result<Delivered, ConfirmationError> {
        let subscriber = match self.store.subscriber(subscriber).await {
            Ok(s) => s,
            Err(StoreError::NotFound(_)) => return Ok(Delivered::NotWanted),
            Err(e) => return Err(e.into()),
        };
        let Some(email) = pending_address(&subscriber) else {
            tracing::info!(subscriber = %subscriber.id, "confirmation skipped: not pending any more");
            return Ok(Delivered::NotWanted);
        };
        let expires = self.clock.now() + self.settings.confirm_ttl;
        let token = self.signer.sign(TokenPurpose::Confirm, subscriber.id.0, Some(expires));
        let link = format!("{}/confirm/{token}", self.settings.public_url);
        let mail = compose_confirmation(
            Locales::embedded(),
            subscriber.language,
            &self.settings.organisation_in(subscriber.language),
            // No name: anyone can type any address and any text into the form, and the mail
            // goes to that address; text from a stranger must not reach it.
            None,
            &link,
            self.settings.confirm_ttl.whole_hours(),
            &legal_links(&self.settings, subscriber.language),
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
        let bounce = self.verp.as_ref().map(|v| v.address(VerpTarget::Confirmation(mail_id)));
        confirmation.return_path = bounce.as_deref();
        let message = writer.build(&confirmation)?;
        let sending = send_owed(
            &self.transport,
            &message,
            self.clock.now(),
            lease_until,
            "confirmation mail",
            format_args!("subscriber={} mail={mail_id}", subscriber.id),
        );
        if sending.await? == Delivered::Deferred {
            return Ok(Delivered::Deferred);
        }
        tracing::info!(subscriber = %subscriber.id, message_id = %message.message_id, "confirmation mail sent");
        Ok(Delivered::Sent)
    }
}

/// Waits before the attempts of an owed mail after the first; after the last, the person
/// asks for a new link (or the administrator sends anew).
pub(crate) const RETRY_AFTER: [time::Duration; 4] = [
    time::Duration::seconds(5),
    time::Duration::minutes(1),
    time::Duration::minutes(10),
    time::Duration::hours(1),
];

/// How one attempt at an owed mail (confirmation, welcome, translator notice, account link)
/// ends, from what its delivery returned: sent, not wanted any more, a transient error due
/// again after the next pause of [`RETRY_AFTER`] while one is left, any other error failed;
/// the settle to write, or none when the delivery was deferred (the claim is given back
/// without the attempt, and the mail is due again in seconds). `attempts` counts this one; `now` is the time after the delivery.
/// `what` names the mail and `ids` its row and owner for the log: ids only, never addresses.
pub(crate) fn attempt_outcome(
    delivered: Result<Delivered, ConfirmationError>,
    attempts: u32,
    now: time::OffsetDateTime,
    what: &str,
    ids: std::fmt::Arguments<'_>,
) -> (Option<ConfirmationOutcome>, MailOutcome) {
    let error = match delivered {
        Ok(Delivered::Sent) => return (Some(ConfirmationOutcome::Sent), MailOutcome::Sent),
        Ok(Delivered::NotWanted) => {
            return (Some(ConfirmationOutcome::Skipped), MailOutcome::Skipped);
        }
        Ok(Delivered::Deferred) => return (None, MailOutcome::NotMine),
        // No place in the SMTP pool in time: refused before the wire, like a claim short of
        // time, so no attempt is spent on it (a campaign may hold the pool for a while).
        Err(ConfirmationError::Send(error)) if error.is_pool_busy() => {
            tracing::info!(%ids, attempt = attempts, "{what} deferred: the SMTP pool is busy");
            return (None, MailOutcome::NotMine);
        }
        Err(error) => error,
    };
    let pause = RETRY_AFTER.get(attempts.saturating_sub(1) as usize).copied();
    match (error.is_transient(), pause) {
        (true, Some(pause)) => {
            let at = now + pause;
            tracing::warn!(%ids, attempt = attempts, %error, "{what} failed; will retry");
            (Some(ConfirmationOutcome::RetryAt(at)), MailOutcome::RetryAt { at, attempts })
        }
        _ => {
            tracing::error!(%ids, attempt = attempts, %error, "{what} failed; giving up");
            (Some(ConfirmationOutcome::Failed), MailOutcome::Failed)
        }
    }
}

/// What [`ConfirmationMailer::send_mail`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailOutcome {
    Sent,
    Skipped,
    Failed,
    /// Failed for now; due again at `at`, after `attempts` attempts.
    RetryAt {
        at: time::OffsetDateTime,
        attempts: u32,
    },
    /// Sent, being sent or settled by another job already, or deferred before the wire (too
    /// little of the claim left, or the SMTP pool busy): then it is due again soon, and the
    /// attempt did not count.
    NotMine,
}

fn pending_address(subscriber: &Subscriber) -> Option<&str> {
    if subscriber.status != SubscriberStatus::Pending {
        return None;
    }
    subscriber.email.as_ref().map(|e| e.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn send_error(message: &str) -> ConfirmationError {
        let failure =
            rundbrief_mail::Failure { code: None, enhanced: None, message: message.into() };
        ConfirmationError::Send(SendError::Transient(failure))
    }

    /// No place in the SMTP pool is a deferral, like a claim short of time: no settle (the
    /// claim is given back) and no attempt spent, even on the last attempt; any other
    /// transient error on the last attempt fails the mail.
    #[test]
    fn a_busy_pool_defers_the_mail_and_spends_no_attempt() {
        let now = time::OffsetDateTime::UNIX_EPOCH;
        let busy = send_error("SMTP pool busy: no connection free within 60 s");
        let (outcome, result) = attempt_outcome(Err(busy), 5, now, "test", format_args!("mail=1"));
        assert_eq!((outcome, result), (None, MailOutcome::NotMine));
        let other = send_error("connection reset");
        let (outcome, _) = attempt_outcome(Err(other), 5, now, "test", format_args!("mail=1"));
        assert_eq!(outcome, Some(ConfirmationOutcome::Failed));
    }

    #[test]
    fn the_mail_is_in_the_requested_language_and_carries_the_link() {
        let link = "https://example.org/confirm/abc";
        let legal = [("Impressum".to_owned(), "https://example.org/impressum".to_owned())];
        let pl = compose_confirmation(
            Locales::embedded(),
            Language::Pl,
            "Org",
            Some("Anna"),
            link,
            48,
            &[],
        );
        let de =
            compose_confirmation(Locales::embedded(), Language::De, "Org", None, link, 48, &legal);
        assert!(de.text.contains("Impressum: https://example.org/impressum\n"), "{}", de.text);
        assert!(de.html.contains("href=\"https://example.org/impressum\""), "{}", de.html);
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
            &[],
        );
        assert!(!mail.html.contains("<script>"));
    }
}
