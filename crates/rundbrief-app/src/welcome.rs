//! The welcome mail (issue 23): one mail to each subscriber whose subscription was confirmed,
//! in their language or along the fallback chain.
//!
//! Editors write it like an issue: it is the one issue of the kind `welcome` (variants,
//! revisions, preview and the composer are the issue's), which never appears in the issue
//! list, the templates or the archive and can be neither sent nor scheduled. It goes out only
//! while switched on (an instance setting, off until an editor switches it on, which needs a
//! ready variant).
//!
//! Exactly once per confirmation: the confirmation's own transaction owes the mail
//! (`OutboxStore::confirm_subscriber`), so a crash leaves the confirmation with its mail or
//! neither, and a repeated click finds the subscriber active and owes nothing. The request
//! then nudges the queue ([`ConfirmationJob::Welcome`]); the worker claims the row with a
//! lease, sends, and marks it sent after the server's answer, and its sweep queues what a
//! crash or a lost job left. As with confirmation mails and campaign deliveries, only a crash
//! between the server's acceptance and the mark can repeat the mail.

use rundbrief_core::model::{Issue, NewIssue};
use rundbrief_core::segment::Segment;
use rundbrief_core::verp::VerpTarget;
use rundbrief_core::{IssueId, Language, SubscriberId, SubscriberStatus, TokenPurpose};
use rundbrief_i18n::Locales;
use rundbrief_mail::{Email, ListHeaders, ListId, Transport as _};
use rundbrief_render::{Personalisation, VariantSource, choose_variant, prepare};
use rundbrief_store::{OwedMailKind, StoreError, WELCOME_MAIL_ON, WELCOME_MAIL_SETTING};

use crate::owed_mail::{Delivered, end_attempt, mail_lease, send_owed};
use crate::{App, AppError, ConfirmationError, ConfirmationJob, ConfirmationMailer, MailOutcome};

/// What the welcome mail's page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct WelcomeMail {
    /// The issue holding its variants; `None` until an editor starts it.
    pub issue: Option<Issue>,
    /// Switched on: each confirmation owes a welcome mail (while a variant is ready).
    pub enabled: bool,
    /// The languages of its ready variants.
    pub ready: Vec<Language>,
}

impl App {
    /// The welcome mail: its issue, whether it is on, and which variants are ready.
    pub async fn welcome_mail(&self) -> Result<WelcomeMail, AppError> {
        let store = self.store();
        let issue = store.welcome_issue().await?;
        let ready = match &issue {
            Some(issue) => store
                .variants(issue.id)
                .await?
                .into_iter()
                .filter(|v| v.ready)
                .map(|v| v.language)
                .collect(),
            None => Vec::new(),
        };
        let enabled =
            store.instance_setting(WELCOME_MAIL_SETTING).await?.as_deref() == Some(WELCOME_MAIL_ON);
        Ok(WelcomeMail { issue, enabled, ready })
    }

    /// Whether `id` is the welcome mail's issue (the composer then offers no sending).
    pub async fn is_welcome_issue(&self, id: IssueId) -> Result<bool, AppError> {
        Ok(self.store().welcome_issue().await?.is_some_and(|w| w.id == id))
    }

    /// The welcome mail's issue, started as a draft titled `title` in `base_language` when
    /// there is none yet; the composer edits its variants like any issue's.
    pub async fn start_welcome_mail(
        &self,
        title: &str,
        base_language: Language,
    ) -> Result<Issue, AppError> {
        let new = NewIssue { title: title.to_owned(), base_language, segment: Segment::everyone() };
        let issue = self.store().create_welcome_issue(&new, self.now()).await?;
        tracing::info!(issue = %issue.id, "welcome mail started");
        Ok(issue)
    }

    /// Switches the welcome mail on or off. On needs a ready variant, so that switching on
    /// never means mails without a text.
    pub async fn set_welcome_enabled(&self, on: bool) -> Result<(), AppError> {
        if on && self.welcome_mail().await?.ready.is_empty() {
            return Err(AppError::Conflict(
                "the welcome mail has no variant marked ready; write one and mark it ready first"
                    .to_owned(),
            ));
        }
        let value = if on { WELCOME_MAIL_ON } else { "off" };
        self.store().set_instance_setting(WELCOME_MAIL_SETTING, value, self.now()).await?;
        tracing::info!(on, "welcome mail switched");
        Ok(())
    }

    /// After a confirmation committed: asks the queue to send the welcome mail it owed, if
    /// any. A failure here costs only time: the worker's sweep finds the owed row.
    pub(crate) async fn nudge_welcome(&self, subscriber: SubscriberId) {
        match self.store().owed_welcome(subscriber).await {
            Ok(Some(mail)) => self.inner.confirmations.enqueue(ConfirmationJob::Welcome(mail)),
            Ok(None) => {}
            Err(error) => {
                tracing::warn!(subscriber = %subscriber, %error, "welcome mail not queued; the sweep will find it")
            }
        }
    }
}

impl ConfirmationMailer {
    /// Sends welcome mail `id` once: claims it, skips it when the subscriber is no longer
    /// active or no variant fits, and records the outcome.
    pub async fn send_welcome(&self, id: i64) -> Result<MailOutcome, ConfirmationError> {
        let now = self.clock.now();
        let lease_until = now + mail_lease(&self.transport);
        let Some(claim) = self.store.claim_welcome(id, now, lease_until).await? else {
            return Ok(MailOutcome::NotMine);
        };
        let delivered = self.deliver_welcome(claim.subscriber_id, id, lease_until).await;
        // If the database is what failed, the claim runs out and the sweep tries again.
        let ending = end_attempt(
            &*self.store,
            &self.deferrals,
            OwedMailKind::Welcome,
            id,
            claim.attempts,
            delivered,
            "welcome mail",
            format_args!("subscriber={} welcome={id}", claim.subscriber_id),
            self.clock.now(),
            mail_lease(&self.transport),
        );
        let (_, done) = ending.await?;
        Ok(done)
    }

    /// Sends the welcome mail to `subscriber` under a claim that ends at `lease_until`;
    /// `NotWanted` when they are no longer active, their address is suppressed, the welcome
    /// mail is switched off, or no variant is ready for their language and the fallback chain.
    async fn deliver_welcome(
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
        let email = match (&subscriber.email, subscriber.status) {
            (Some(email), SubscriberStatus::Active) => email.clone(),
            _ => {
                tracing::info!(subscriber = %subscriber.id, welcome = mail_id, "welcome mail skipped: not active any more");
                return Ok(Delivered::NotWanted);
            }
        };
        if self.store.is_suppressed(&email).await? {
            tracing::info!(subscriber = %subscriber.id, welcome = mail_id, "welcome mail skipped: address suppressed");
            return Ok(Delivered::NotWanted);
        }
        // Switched off means no welcome mail goes out from now on, also none already owed: an
        // editor switches it off because its text is wrong.
        if self.store.instance_setting(WELCOME_MAIL_SETTING).await?.as_deref()
            != Some(WELCOME_MAIL_ON)
        {
            tracing::info!(subscriber = %subscriber.id, welcome = mail_id, "welcome mail skipped: switched off");
            return Ok(Delivered::NotWanted);
        }
        let Some(issue) = self.store.welcome_issue().await? else {
            return Ok(Delivered::NotWanted);
        };
        let variants = self.store.variants(issue.id).await?;
        let ready: Vec<Language> =
            variants.iter().filter(|v| v.ready).map(|v| v.language).collect();
        let chain = &self.settings.fallback_languages;
        let Some(variant) = choose_variant(subscriber.language, &ready, chain)
            .and_then(|chosen| variants.iter().find(|v| v.language == chosen))
        else {
            tracing::info!(subscriber = %subscriber.id, welcome = mail_id, language = subscriber.language.code(), "welcome mail skipped: no ready variant for the language");
            return Ok(Delivered::NotWanted);
        };
        let source = VariantSource {
            language: variant.language,
            subject: &variant.subject,
            preheader: &variant.preheader,
            markdown: &variant.body_markdown,
        };
        let templates = &self.settings.templates;
        let prepared = prepare(templates, Locales::embedded(), &source, subscriber.language)
            .map_err(|e| ConfirmationError::Render(format!("welcome mail: {e}")))?;
        // Never-expiring links, as in every campaign mail.
        let link = |path: &str, purpose: TokenPurpose| {
            let token = self.signer.sign(purpose, subscriber.id.0, None);
            format!("{}/{path}/{token}", self.settings.public_url)
        };
        let unsubscribe_url = link("unsubscribe", TokenPurpose::Unsubscribe);
        let preferences_url = link("preferences", TokenPurpose::Preferences);
        let who = Personalisation {
            name: subscriber.name.as_deref(),
            email: email.as_str(),
            unsubscribe_url: &unsubscribe_url,
            preferences_url: &preferences_url,
        };
        let organisation = &templates.organisation;
        let list_id = ListId::new(organisation.name(), &organisation.list_id)
            .map_err(|e| ConfirmationError::Render(format!("list_id in organisation.toml: {e}")))?;
        let mailto = (self.verp.as_ref())
            .filter(|_| self.unsubscribe_mailto)
            .map(|v| format!("mailto:{}", v.address(VerpTarget::Unsubscribe(subscriber.id))));
        let subject = prepared.subject(&who);
        let html = prepared.render_html(&who);
        let text = prepared.render_text(&who);
        let mut mail = Email::campaign(
            &self.from,
            email.as_str(),
            &subject,
            &text,
            &html,
            prepared.language(),
            ListHeaders {
                list_id: &list_id,
                unsubscribe_url: &unsubscribe_url,
                unsubscribe_mailto: mailto.as_deref(),
            },
        );
        mail.eight_bit = self.transport.accepts_8bit();
        // No signed bounce address of its own yet: a bounce of a welcome mail goes to the
        // From address, like any report without a signed address.
        let mut writer = self.settings.message_writer.clone();
        let message = writer.build(&mail)?;
        let sending = send_owed(
            &self.transport,
            &message,
            self.clock.now(),
            lease_until,
            "welcome mail",
            format_args!("subscriber={} welcome={mail_id}", subscriber.id),
        );
        if sending.await? == Delivered::Deferred {
            return Ok(Delivered::Deferred);
        }
        tracing::info!(subscriber = %subscriber.id, welcome = mail_id, variant = variant.language.code(), message_id = %message.message_id, "welcome mail sent");
        Ok(Delivered::Sent)
    }
}
