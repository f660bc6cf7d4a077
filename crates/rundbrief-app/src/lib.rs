//! The use cases of Rundbrief: how people get on and off the lists (sign-up with double opt-in,
//! confirmation, unsubscribe, preferences, erasure), how API callers and editors read and manage
//! subscribers and lists ([`lists`]), and how editors compose issues and see them as their
//! readers will ([`issues`]). The web crate reaches storage only through [`App`] and these.
//!
//! Everything here works on `Arc<dyn Store>`, a [`ConfirmationQueue`] and a [`Clock`]; nothing
//! knows HTTP or SQL. The web crate turns requests into calls of [`App`] and its errors into
//! pages or problem documents.

pub mod account_links;
pub mod account_mail;
pub mod accounts;
pub mod archive;
pub mod audit;
pub mod bounces;
pub mod bulk;
pub mod campaign;
mod confirmation;
pub mod consent;
mod directory;
pub mod editing;
mod error;
pub mod health;
pub mod import;
pub mod import_jobs;
pub mod issues;
pub mod lists;
pub mod machine_translation;
mod manage;
pub mod manual;
pub mod media;
mod outbox;
mod owed_mail;
pub mod pow;
pub mod returned;
pub mod revisions;
pub mod self_service;
mod signup;
pub mod subscriber_export;
pub mod suppressions;
mod test_mail;
pub mod tokens;
pub mod totp;
pub mod two_factor;
pub mod validate;
pub mod welcome;

use std::sync::Arc;

use rundbrief_core::model::{ConsentAction, NewConsentEvent, SubscriberUpdate};
use rundbrief_core::{Language, SubscriberId, TokenPurpose, TokenSigner};
use rundbrief_store::Store;
use time::OffsetDateTime;

pub use confirmation::{
    ConfirmationError, ConfirmationJob, ConfirmationMail, ConfirmationMailer, ConfirmationQueue,
    MailOutcome, compose_confirmation,
};
pub use directory::{MonthGrowth, SubscriberChanges, SubscriberRecord};
pub use error::{AppError, BoxError, FieldError};
pub use issues::{
    Audience, AudienceLanguage, IssueChanges, IssueInput, Preview, PreviewFormat, PreviewRequest,
    SegmentInput, VariantChoice, preview,
};
pub use manage::{Preferences, PreferencesUpdate, SubscriberView};
pub use revisions::{RevisionAuthor, SourceChanges, VariantRevision, VariantState};
pub use signup::{ConsentBasis, NewSubscriberInput, SignupForm, SignupOutcome, SignupRequest};
pub use validate::{AUDIENCES, MAX_TEXT_LEN, clean_optional_text};

/// The Fluent id of the consent text on the sign-up form; stored with every sign-up as the
/// version of the text the person agreed to. A new wording gets a new id, never an edit.
pub const CONSENT_TEXT_VERSION: &str = "subscribe-consent-v2";
/// Recorded as the text version when an API caller vouches for consent obtained elsewhere.
pub const CONSENT_ELSEWHERE_VERSION: &str = "api-consent-obtained-elsewhere";

pub use rundbrief_core::clock::{Clock, SystemClock};

/// Who made a request, recorded with consent events as proof (DSGVO Art. 7).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestMeta {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// The instance's settings the use cases need.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Base of links in mails, without a trailing slash.
    pub public_url: String,
    /// Name of the organisation, the `$organisation` of the texts.
    pub organisation: String,
    pub default_language: Language,
    /// How long a confirmation link stays valid.
    pub confirm_ttl: time::Duration,
    /// Confirmation mails one address gets in 24 hours at most, however often it is signed up
    /// (against mail-bombing a stranger through the form).
    pub confirmation_daily_limit: u32,
    /// The regions offered on the sign-up form; empty hides the field.
    pub regions: Vec<String>,
    /// Variant languages tried, in order, when a subscriber's own language has no ready variant.
    pub fallback_languages: Vec<Language>,
    /// The operator's mail templates, loaded once at start so a broken file stops the start
    /// rather than a preview.
    pub templates: Arc<rundbrief_render::Templates>,
    /// The sender of campaign mails.
    pub from: rundbrief_mail::Mailbox,
    /// Message-IDs in the sender's domain and the DKIM signers; cloned per use.
    pub message_writer: rundbrief_mail::MessageWriter,
    /// How many soft bounces within how many days make an address bounced.
    pub soft_bounces: rundbrief_store::SoftBounceRule,
    /// Whether a returned mail without a signed bounce address may be matched to a subscriber
    /// by the address it reports, when the instance has signed bounce addresses (VERP).
    pub bounce_match_unsigned: bool,
    /// The machine translation service for drafts (`RUNDBRIEF_MT_URL`); `None`: off.
    pub machine_translation: Option<machine_translation::MtSettings>,
    /// The largest image upload taken, in bytes (`RUNDBRIEF_MEDIA_MAX_BYTES`).
    pub media_max_bytes: u64,
}

impl Settings {
    /// The organisation's name for a text in `lang`; without one configured, "the newsletter
    /// team" in `lang`, so that the product's name never stands in for the organisation's.
    pub fn organisation_in(&self, lang: Language) -> String {
        match self.templates.organisation.name() {
            Some(name) => name.to_owned(),
            None => {
                rundbrief_i18n::Locales::embedded().text(lang, "site-organisation-unnamed", &[])
            }
        }
    }
}

/// The use cases, cheap to clone (one `Arc`).
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    store: Arc<dyn Store>,
    signer: TokenSigner,
    confirmations: Arc<dyn ConfirmationQueue>,
    clock: Arc<dyn Clock>,
    settings: Settings,
}

/// What the sign-up form and the editor both set on a subscriber: the profile a person fills
/// in. Attributes belong to API callers and stay as they are.
pub(crate) fn profile_update(
    name: Option<String>,
    language: Language,
    region: Option<String>,
    audience: Option<String>,
) -> SubscriberUpdate {
    SubscriberUpdate {
        name: Some(name),
        language: Some(language),
        region: Some(region),
        audience: Some(audience),
        attributes: None,
    }
}

/// One row of the consent log, the proof of what a subscriber agreed to (`text_version`, when
/// a consent text was shown), in which language, and from where.
pub(crate) fn consent_event(
    subscriber_id: SubscriberId,
    action: ConsentAction,
    text_version: Option<&str>,
    language: Language,
    meta: RequestMeta,
) -> NewConsentEvent {
    NewConsentEvent {
        subscriber_id,
        action,
        text_version: text_version.map(str::to_owned),
        language: Some(language),
        ip: meta.ip,
        user_agent: meta.user_agent,
    }
}

impl App {
    pub fn new(
        store: Arc<dyn Store>,
        signer: TokenSigner,
        confirmations: Arc<dyn ConfirmationQueue>,
        settings: Settings,
    ) -> Self {
        Self::with_clock(store, signer, confirmations, settings, Arc::new(SystemClock))
    }

    pub fn with_clock(
        store: Arc<dyn Store>,
        signer: TokenSigner,
        confirmations: Arc<dyn ConfirmationQueue>,
        settings: Settings,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self { inner: Arc::new(Inner { store, signer, confirmations, clock, settings }) }
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.inner.store
    }

    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    pub fn now(&self) -> OffsetDateTime {
        self.inner.clock.now()
    }

    /// The never-expiring link that unsubscribes `id`, for mail footers and pages.
    pub fn unsubscribe_url(&self, id: SubscriberId) -> String {
        let token = self.inner.signer.sign(TokenPurpose::Unsubscribe, id.0, None);
        format!("{}/unsubscribe/{token}", self.inner.settings.public_url)
    }

    /// The never-expiring link to the preferences page of `id`.
    pub fn preferences_path(&self, id: SubscriberId) -> String {
        let token = self.inner.signer.sign(TokenPurpose::Preferences, id.0, None);
        format!("/preferences/{token}")
    }

    /// The subscriber a link token names, if the token is genuine, unexpired and meant for
    /// `purpose`.
    fn verify(&self, token: &str, purpose: TokenPurpose) -> Result<SubscriberId, AppError> {
        match self.inner.signer.verify(token, purpose, self.now()) {
            Ok(subject) => Ok(SubscriberId(subject)),
            Err(rundbrief_core::TokenError::Expired) => Err(AppError::ExpiredToken),
            Err(_) => Err(AppError::BadToken),
        }
    }
}
