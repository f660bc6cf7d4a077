//! The mails of invitations and password resets (`crate::account_links`), in the editor UI's
//! language (de or en), sent by the worker process.
//!
//! The administrator's request writes the link's row, which owes the mail; a loop in the
//! worker ([`AccountMailer::run`]) sends what is owed every few seconds. Each mail is claimed
//! with a lease before it is sent and settled after, as confirmation mails are: a second
//! worker or a rerun finds it held or settled, and only a crash between the server's
//! acceptance and the settle can send it again. Logs name the link and account ids, never
//! the address.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use maud::{DOCTYPE, html};
use rundbrief_core::model::Role;
use rundbrief_core::{Language, TokenSigner};
use rundbrief_i18n::{Arg, Locales};
use rundbrief_mail::{Email, Mailbox, Mailer, Transport as _};
use rundbrief_store::{
    AccountLink, AccountLinkKind, ConfirmationOutcome, OwedMailKind, Store, StoreError,
};
use tokio::sync::watch;

use crate::account_links::{link_path, purpose};
use crate::owed_mail::{Deferrals, Delivered, end_attempt, mail_lease, send_owed};
use crate::{Clock, ConfirmationError, ConfirmationMail, Settings, SystemClock};

/// How often the worker looks for owed mails: an invitation should arrive while the
/// administrator still thinks of it, and the query is one index lookup.
const POLL: StdDuration = StdDuration::from_secs(2);
/// Mails sent per look; the next look takes the rest.
const BATCH: u32 = 50;

/// The Fluent id of a role's name.
fn role_text_id(role: Role) -> &'static str {
    match role {
        Role::Admin => "admin-role-admin",
        Role::Editor => "admin-role-editor",
        Role::Translator => "admin-role-translator",
        Role::Viewer => "admin-role-viewer",
    }
}

/// Writes the mail of `kind` in `language`: `link` is the one thing to click; `role` names
/// the invited role.
pub fn compose_account_mail(
    locales: &Locales,
    kind: AccountLinkKind,
    language: Language,
    organisation: &str,
    role: Option<Role>,
    link: &str,
    valid_hours: i64,
) -> ConfirmationMail {
    let prefix = match kind {
        AccountLinkKind::Invitation => "account-mail-invitation",
        AccountLinkKind::Reset => "account-mail-reset",
    };
    let role = role.map(|r| locales.text(language, role_text_id(r), &[])).unwrap_or_default();
    let args = [
        ("organisation", Arg::Str(organisation)),
        ("role", Arg::Str(&role)),
        ("hours", Arg::Num(valid_hours)),
    ];
    let t = |part: &str| locales.text(language, &format!("{prefix}-{part}"), &args);
    let (subject, body, button, expiry, ignore) =
        (t("subject"), t("body"), t("button"), t("expiry"), t("ignore"));
    let text =
        format!("{body}\n\n{button}:\n{link}\n\n{expiry}\n\n{ignore}\n\n-- \n{organisation}\n");
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
                    p { (body) }
                    p style="text-align:center;margin:32px 0" {
                        a href=(link) style="background:#0b5394;color:#ffffff;padding:12px 24px;border-radius:4px;text-decoration:none;display:inline-block" { (button) }
                    }
                    p style="font-size:14px;word-break:break-all" { a href=(link) { (link) } }
                    p style="font-size:14px;color:#555555" { (expiry) }
                    p style="font-size:14px;color:#555555" { (ignore) }
                    p style="font-size:12px;color:#595959" { (organisation) }
                }
            }
        }
    }
    .into_string();
    ConfirmationMail { subject, text, html }
}

/// Sends the owed mails of invitations and password resets.
pub struct AccountMailer {
    store: Arc<dyn Store>,
    signer: TokenSigner,
    transport: Mailer,
    from: Mailbox,
    settings: Settings,
    clock: Arc<dyn Clock>,
    /// Deferrals in a row per mail (see [`crate::owed_mail::end_attempt`]).
    deferrals: Deferrals,
}

impl AccountMailer {
    pub fn new(
        store: Arc<dyn Store>,
        signer: TokenSigner,
        transport: Mailer,
        from: Mailbox,
        settings: Settings,
    ) -> Self {
        let clock = Arc::new(SystemClock);
        Self { store, signer, transport, from, settings, clock, deferrals: Deferrals::default() }
    }

    /// Reads the time from `clock` instead of the system's (tests move it).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Sends what is owed every [`POLL`] until `stop` turns true.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        let mut tick = tokio::time::interval(POLL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = stop.wait_for(|stopped| *stopped) => return,
            }
            match self.send_due().await {
                Ok(_) => {}
                // The database watcher reports outages once; no line per tick meanwhile.
                Err(error) if error.is_unavailable() => {
                    tracing::debug!(%error, "account mails wait for the database");
                }
                Err(error) => tracing::error!(%error, "cannot look for owed account mails"),
            }
        }
    }

    /// Sends every owed mail that is due and not held; returns how many went out.
    pub async fn send_due(&self) -> Result<usize, StoreError> {
        let due = self.store.due_account_mails(self.clock.now(), BATCH).await?;
        let mut sent = 0;
        for id in due {
            if self.send_mail(id).await? == ConfirmationOutcome::Sent {
                sent += 1;
            }
        }
        Ok(sent)
    }

    /// Sends the mail of link `id` once: claims it, skips it when the link cannot be used
    /// any more, and records the outcome. A mail held by another worker, and one deferred
    /// before the wire (too little of the claim left, or the SMTP pool busy; it is due again
    /// soon), are `Skipped` here.
    pub async fn send_mail(&self, id: i64) -> Result<ConfirmationOutcome, StoreError> {
        let now = self.clock.now();
        let lease_until = now + mail_lease(&self.transport);
        let Some((link, attempts)) = self.store.claim_account_mail(id, now, lease_until).await?
        else {
            return Ok(ConfirmationOutcome::Skipped);
        };
        let delivered = self.deliver(&link, lease_until).await;
        // If the database is what failed, the claim runs out and the next look retries.
        let ending = end_attempt(
            &*self.store,
            &self.deferrals,
            OwedMailKind::AccountMail,
            id,
            attempts,
            delivered,
            "account mail",
            format_args!("link={id}"),
            self.clock.now(),
            mail_lease(&self.transport),
        );
        let (outcome, _) = ending.await?;
        Ok(outcome.unwrap_or(ConfirmationOutcome::Skipped))
    }

    /// Sends the mail of `link` under a claim that ends at `lease_until`; `NotWanted` when it
    /// is not wanted any more (revoked, used, expired, or the account is gone).
    async fn deliver(
        &self,
        link: &AccountLink,
        lease_until: time::OffsetDateTime,
    ) -> Result<Delivered, ConfirmationError> {
        let now = self.clock.now();
        if !link.is_open(now) {
            tracing::info!(
                link = link.id,
                kind = link.kind.as_str(),
                "account mail skipped: the link cannot be used any more"
            );
            return Ok(Delivered::NotWanted);
        }
        let address = match (link.kind, &link.email, link.user_id) {
            (AccountLinkKind::Invitation, Some(email), _) => email.as_str().to_owned(),
            (AccountLinkKind::Reset, _, Some(user)) => match self.store.user(user).await {
                Ok(user) => user.email.as_str().to_owned(),
                Err(StoreError::NotFound(_)) => return Ok(Delivered::NotWanted),
                Err(e) => return Err(e.into()),
            },
            _ => return Ok(Delivered::NotWanted),
        };
        let token = self.signer.sign(purpose(link.kind), link.id, Some(link.expires_at));
        let url = format!("{}{}", self.settings.public_url, link_path(link.kind, &token));
        let hours = (link.expires_at - link.created_at).whole_hours();
        let mail = compose_account_mail(
            Locales::embedded(),
            link.kind,
            link.language,
            &self.settings.organisation_in(link.language),
            link.role,
            &url,
            hours,
        );
        let mut writer = self.settings.message_writer.clone();
        let mut email = Email::transactional(
            &self.from,
            &address,
            &mail.subject,
            &mail.text,
            &mail.html,
            link.language,
        );
        email.eight_bit = self.transport.accepts_8bit();
        let message = writer.build(&email)?;
        let sending = send_owed(
            &self.transport,
            &message,
            self.clock.now(),
            lease_until,
            "account mail",
            format_args!("link={}", link.id),
        );
        if sending.await? == Delivered::Deferred {
            return Ok(Delivered::Deferred);
        }
        tracing::info!(link = link.id, kind = link.kind.as_str(), user = ?link.user_id.map(|u| u.0), message_id = %message.message_id, "account mail sent");
        Ok(Delivered::Sent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_mails_exist_in_german_and_english_with_the_link() {
        let link = "https://example.org/admin/invitation/abc";
        for kind in [AccountLinkKind::Invitation, AccountLinkKind::Reset] {
            let compose = |lang| {
                compose_account_mail(
                    Locales::embedded(),
                    kind,
                    lang,
                    "Org",
                    Some(Role::Editor),
                    link,
                    72,
                )
            };
            let (de, en) = (compose(Language::De), compose(Language::En));
            assert_ne!(de.subject, en.subject, "{kind:?}");
            for mail in [&de, &en] {
                assert!(mail.text.contains(link) && mail.html.contains(link), "{kind:?}");
                assert!(mail.text.contains("72"), "{}", mail.text);
                assert!(!mail.text.contains("account-mail"), "a missing text: {}", mail.text);
            }
            assert!(de.html.contains("lang=\"de\""));
        }
        let invitation = compose_account_mail(
            Locales::embedded(),
            AccountLinkKind::Invitation,
            Language::En,
            "Org",
            Some(Role::Translator),
            link,
            72,
        );
        assert!(invitation.text.contains("translator"), "{}", invitation.text);
    }
}
