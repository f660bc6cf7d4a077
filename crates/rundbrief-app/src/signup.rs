//! Getting on the list: the public sign-up (double opt-in), the confirmation link, a new link
//! for those whose link expired, and subscribers created through the API.
//!
//! The public paths never reveal whether an address is known: a new, pending, active or
//! suppressed address all end in the same outcome for the person at the form, and only new or
//! pending ones get a mail.

use rundbrief_core::model::{ConsentAction, NewSubscriber, Subscriber};
use rundbrief_core::{
    EmailAddress, Language, ListId, SubscriberId, SubscriberStatus, TokenPurpose,
};
use rundbrief_store::StoreError;
use serde::{Deserialize, Serialize};

use crate::validate::{self, clean_optional_text, collect};
use crate::{
    App, AppError, CONSENT_ELSEWHERE_VERSION, CONSENT_TEXT_VERSION, ConfirmationJob, FieldError,
    RequestMeta, consent_event,
};

/// A checked sign-up form as the request stores it for the job (`signup_requests.payload`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignupRequest {
    pub email: String,
    pub name: Option<String>,
    pub language: Language,
    /// Ids of public lists.
    pub topics: Vec<i64>,
    pub region: Option<String>,
    pub audience: Option<String>,
    /// The language the form and its consent text were shown in.
    pub page_language: Language,
    pub consent_version: String,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// The sign-up form as submitted, every field still raw.
#[derive(Debug, Clone, Default)]
pub struct SignupForm {
    pub email: String,
    pub name: String,
    /// The newsletter language chosen on the form.
    pub language: String,
    /// Ids of the chosen topics (public lists).
    pub topics: Vec<String>,
    pub region: String,
    pub audience: String,
    pub consent: bool,
    /// The field hidden from people; anything in it marks a bot.
    pub honeypot: String,
    /// The language the form, and so the consent text, was shown in.
    pub page_language: Option<Language>,
    pub meta: RequestMeta,
}

/// What became of a sign-up. The page shows the same thing for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignupOutcome {
    /// Recorded; a job creates or updates the subscriber and sends the mail if one is owed.
    Accepted,
    /// A bot: accepted silently and forgotten.
    Dropped,
}

/// On what grounds an API caller or an editor adds someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentBasis {
    /// The person gets a confirmation mail and stays pending until they confirm.
    DoubleOptIn,
    /// The caller vouches that consent was obtained elsewhere (on paper, at an event); the
    /// subscriber is active at once and the consent log says so.
    ObtainedElsewhere,
}

impl ConsentBasis {
    /// The status a new subscriber starts in.
    pub fn status(self) -> SubscriberStatus {
        match self {
            Self::DoubleOptIn => SubscriberStatus::Pending,
            Self::ObtainedElsewhere => SubscriberStatus::Active,
        }
    }

    /// What the consent log records for it, and under which text version.
    fn consent(self) -> (ConsentAction, &'static str) {
        match self {
            Self::DoubleOptIn => (ConsentAction::Signup, CONSENT_TEXT_VERSION),
            Self::ObtainedElsewhere => (ConsentAction::Import, CONSENT_ELSEWHERE_VERSION),
        }
    }
}

/// A subscriber to create through the API, fields still raw where they need checking.
#[derive(Debug, Clone)]
pub struct NewSubscriberInput {
    pub email: String,
    pub name: Option<String>,
    pub language: Option<String>,
    pub region: Option<String>,
    pub audience: Option<String>,
    pub attributes: serde_json::Map<String, serde_json::Value>,
    pub lists: Vec<i64>,
    pub consent: ConsentBasis,
    pub meta: RequestMeta,
}

impl App {
    /// Handles a submitted sign-up form. Every field is checked before anything is written, so
    /// a refused form leaves no trace.
    pub async fn signup(&self, form: SignupForm) -> Result<SignupOutcome, AppError> {
        if !form.honeypot.trim().is_empty() {
            tracing::info!("sign-up with a filled honeypot dropped");
            return Ok(SignupOutcome::Dropped);
        }
        let mut errors = Vec::new();
        let email = collect(validate::email("email", &form.email), &mut errors);
        let language = collect(validate::language("language", &form.language), &mut errors);
        let name = collect(clean_optional_text("name", &form.name), &mut errors).flatten();
        let region = collect(self.region("region", &form.region), &mut errors).flatten();
        let audience = collect(validate::audience("audience", &form.audience), &mut errors);
        if !form.consent {
            errors.push(FieldError::new("consent", "consent is required", "error-consent-missing"));
        }
        let topics = collect(self.public_topics(&form.topics).await?, &mut errors);
        let (Some(email), Some(language), Some(audience), Some(topics), true) =
            (email, language, audience, topics, errors.is_empty())
        else {
            return Err(AppError::Invalid(errors));
        };

        // The answer must not depend on the address's state (that would tell a stranger
        // whether it is subscribed) and must hold after any crash: one row is written, the
        // same for every address, and a job does the rest (crate::outbox).
        let request = SignupRequest {
            email: email.as_str().to_owned(),
            name,
            language,
            topics: topics.iter().map(|t| t.0).collect(),
            region,
            audience,
            page_language: form.page_language.unwrap_or(language),
            consent_version: CONSENT_TEXT_VERSION.to_owned(),
            ip: form.meta.ip,
            user_agent: form.meta.user_agent,
        };
        let payload = serde_json::to_string(&request)
            .map_err(|e| AppError::Internal(format!("sign-up request: {e}")))?;
        let id = self.store().queue_signup(&payload, self.now()).await?;
        self.inner.confirmations.enqueue(ConfirmationJob::Signup(id));
        tracing::info!(request = id, "sign-up request recorded");
        metrics::counter!("rundbrief_signups_total").increment(1);
        Ok(SignupOutcome::Accepted)
    }

    /// Sends a fresh confirmation link to a pending address. Says nothing about whether the
    /// address is known: unknown or already confirmed addresses are silently ignored.
    pub async fn resend_confirmation(&self, email: &str) -> Result<(), AppError> {
        let email = validate::email("email", email).map_err(|e| AppError::Invalid(vec![e]))?;
        if let Some(subscriber) = self.store().subscriber_by_email(&email).await?
            && subscriber.status == SubscriberStatus::Pending
        {
            let requested = self
                .store()
                .request_confirmation(
                    subscriber.id,
                    SubscriberStatus::Pending,
                    &[],
                    None,
                    None,
                    self.now(),
                )
                .await;
            match requested {
                Ok(mail) => {
                    self.inner.confirmations.enqueue(ConfirmationJob::Mail(mail));
                    tracing::info!(subscriber = %subscriber.id, "new confirmation link queued");
                }
                // Confirmed or suppressed meanwhile: nothing to send.
                Err(StoreError::Conflict(_) | StoreError::Suppressed) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }

    /// Follows a confirmation link. Repeating it is harmless; a link of someone who has since
    /// unsubscribed or been erased is refused like a forged one.
    pub async fn confirm(&self, token: &str, meta: RequestMeta) -> Result<Subscriber, AppError> {
        let id = self.verify(token, TokenPurpose::Confirm)?;
        let store = self.store();
        let subscriber = match store.subscriber(id).await {
            Ok(s) => s,
            Err(StoreError::NotFound(_)) => return Err(AppError::BadToken),
            Err(e) => return Err(e.into()),
        };
        match subscriber.status {
            SubscriberStatus::Active => Ok(subscriber),
            SubscriberStatus::Pending => {
                // The confirmation confirms the text the person agreed to when signing up,
                // which may be an older version than the form shows today.
                let agreed = store
                    .consent_history(id)
                    .await?
                    .into_iter()
                    .rev()
                    .find(|e| e.action == ConsentAction::Signup)
                    .and_then(|e| e.text_version);
                let event = consent_event(
                    id,
                    ConsentAction::Confirm,
                    Some(agreed.as_deref().unwrap_or(CONSENT_TEXT_VERSION)),
                    subscriber.language,
                    meta,
                );
                // Activation and the consent event in one transaction; an erasure suppression
                // gives way to the person's own confirmation, other suppressions do not.
                match store.confirm_subscriber(id, &event, self.now()).await {
                    Ok(active) => {
                        tracing::info!(subscriber = %id, "subscription confirmed");
                        metrics::counter!("rundbrief_confirmations_total").increment(1);
                        self.nudge_welcome(id).await;
                        Ok(active)
                    }
                    // A double click racing itself: the other request did the work.
                    Err(StoreError::InvalidTransition(_) | StoreError::Conflict(_)) => {
                        store.subscriber(id).await.map_err(Into::into)
                    }
                    Err(StoreError::Suppressed) => Err(AppError::BadToken),
                    Err(e) => Err(e.into()),
                }
            }
            _ => Err(AppError::BadToken),
        }
    }

    /// Checks a confirmation link without acting on it: the page with the button that
    /// [`App::confirm`]s. Mail security scanners open links, so opening one must change
    /// nothing. Refuses the same links as `confirm`.
    pub async fn confirm_target(&self, token: &str) -> Result<crate::SubscriberView, AppError> {
        let id = self.verify(token, TokenPurpose::Confirm)?;
        let subscriber = match self.store().subscriber(id).await {
            Ok(s) => s,
            Err(StoreError::NotFound(_)) => return Err(AppError::BadToken),
            Err(e) => return Err(e.into()),
        };
        match subscriber.status {
            SubscriberStatus::Pending | SubscriberStatus::Active => {
                Ok(crate::SubscriberView::from(&subscriber))
            }
            _ => Err(AppError::BadToken),
        }
    }

    /// Creates a subscriber for an API caller. A known address is a conflict here: the caller
    /// is authenticated, so there is nothing to hide.
    pub async fn create_subscriber(
        &self,
        input: NewSubscriberInput,
    ) -> Result<Subscriber, AppError> {
        let (checked, errors) = self.check_new_subscriber(&input).await?;
        let Some((email, language, name, region, audience, lists)) = checked else {
            return Err(AppError::Invalid(errors));
        };
        self.insert_subscriber(input, email, language, name, region, audience, lists).await
    }

    /// Every field problem of `input`, without writing anything; lets the API report them
    /// together with problems of the request's shape.
    pub async fn new_subscriber_errors(
        &self,
        input: &NewSubscriberInput,
    ) -> Result<Vec<FieldError>, AppError> {
        Ok(self.check_new_subscriber(input).await?.1)
    }

    #[allow(clippy::type_complexity)]
    async fn check_new_subscriber(
        &self,
        input: &NewSubscriberInput,
    ) -> Result<
        (
            Option<(
                EmailAddress,
                Language,
                Option<String>,
                Option<String>,
                Option<String>,
                Vec<ListId>,
            )>,
            Vec<FieldError>,
        ),
        AppError,
    > {
        let mut errors = Vec::new();
        let email = collect(validate::email("email", &input.email), &mut errors);
        let language = match input.language.as_deref() {
            Some(raw) => collect(validate::language("language", raw), &mut errors),
            None => Some(self.settings().default_language),
        };
        let name = collect(
            clean_optional_text("name", input.name.as_deref().unwrap_or_default()),
            &mut errors,
        )
        .flatten();
        let region = collect(
            clean_optional_text("region", input.region.as_deref().unwrap_or_default()),
            &mut errors,
        )
        .flatten();
        let audience = collect(
            validate::audience("audience", input.audience.as_deref().unwrap_or_default()),
            &mut errors,
        )
        .flatten();
        collect(validate::attributes("attributes", &input.attributes), &mut errors);
        let lists = collect(self.existing_lists("lists", &input.lists).await?, &mut errors);
        match (email, language, lists, errors.is_empty()) {
            (Some(email), Some(language), Some(lists), true) => {
                Ok((Some((email, language, name, region, audience, lists)), errors))
            }
            _ => Ok((None, errors)),
        }
    }

    #[allow(clippy::too_many_arguments)]
    async fn insert_subscriber(
        &self,
        input: NewSubscriberInput,
        email: EmailAddress,
        language: Language,
        name: Option<String>,
        region: Option<String>,
        audience: Option<String>,
        lists: Vec<ListId>,
    ) -> Result<Subscriber, AppError> {
        let status = input.consent.status();
        let new = NewSubscriber {
            email,
            name,
            language,
            status,
            region,
            audience,
            attributes: input.attributes,
        };
        let subscriber = self
            .create_with_consent(&new, &lists, input.consent, input.meta)
            .await
            .map_err(|e| match e {
                StoreError::Conflict(_) => {
                    AppError::Conflict("a subscriber with this e-mail address exists".into())
                }
                other => other.into(),
            })?;
        tracing::info!(subscriber = %subscriber.id, %status, "subscriber created through the API");
        Ok(subscriber)
    }

    /// `new` with its lists and the consent event of `basis`, in one transaction, and the
    /// confirmation mail a double opt-in owes queued; store errors are for the caller to word.
    pub(crate) async fn create_with_consent(
        &self,
        new: &NewSubscriber,
        lists: &[ListId],
        basis: ConsentBasis,
        meta: RequestMeta,
    ) -> Result<Subscriber, StoreError> {
        let (action, version) = basis.consent();
        let event = consent_event(SubscriberId(0), action, Some(version), new.language, meta);
        let (subscriber, mail) = self
            .store()
            .create_subscriber_with_consent(new, lists, &event, None, self.now())
            .await?;
        if let Some(mail) = mail {
            self.inner.confirmations.enqueue(ConfirmationJob::Mail(mail));
        }
        Ok(subscriber)
    }

    fn region(&self, field: &str, raw: &str) -> Result<Option<String>, FieldError> {
        let regions = &self.settings().regions;
        // Without configured regions the form has no region field; ignore what bots send.
        if regions.is_empty() {
            return Ok(None);
        }
        match clean_optional_text(field, raw)? {
            None => Ok(None),
            Some(region) if regions.contains(&region) => Ok(Some(region)),
            Some(_) => Err(FieldError::new(
                field,
                "is not one of the offered regions",
                "error-form-summary",
            )),
        }
    }

    /// The chosen topics as ids of public lists; anything else is a field error.
    async fn public_topics(
        &self,
        raw: &[String],
    ) -> Result<Result<Vec<ListId>, FieldError>, AppError> {
        let invalid =
            || FieldError::new("topics", "is not one of the offered topics", "error-form-summary");
        if raw.is_empty() {
            return Ok(Ok(Vec::new()));
        }
        if raw.len() > 100 {
            return Ok(Err(invalid()));
        }
        let lists = self.store().lists().await?;
        let mut chosen = Vec::new();
        for value in raw {
            let Ok(id) = value.trim().parse::<i64>() else { return Ok(Err(invalid())) };
            match lists.iter().find(|l| l.id.0 == id && l.public) {
                Some(list) if !chosen.contains(&list.id) => chosen.push(list.id),
                Some(_) => {}
                None => return Ok(Err(invalid())),
            }
        }
        Ok(Ok(chosen))
    }

    /// `ids` as list ids that exist (public or not).
    pub(crate) async fn existing_lists(
        &self,
        field: &str,
        ids: &[i64],
    ) -> Result<Result<Vec<ListId>, FieldError>, AppError> {
        if ids.is_empty() {
            return Ok(Ok(Vec::new()));
        }
        let lists = self.store().lists().await?;
        let mut chosen = Vec::new();
        for id in ids {
            match lists.iter().find(|l| l.id.0 == *id) {
                Some(list) if !chosen.contains(&list.id) => chosen.push(list.id),
                Some(_) => {}
                None => {
                    return Ok(Err(FieldError::new(
                        field,
                        format!("list {id} does not exist"),
                        "error-form-summary",
                    )));
                }
            }
        }
        Ok(Ok(chosen))
    }
}
