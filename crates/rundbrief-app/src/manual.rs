//! A subscriber added by hand in the editor UI, with the same explicit consent choice as an
//! import: consent obtained elsewhere (with its source), or a double-opt-in mail.
//!
//! Like an import it never revives anyone: a known address (also an unsubscribed one) and a
//! suppressed one (erased, bounced, complained) are refused with a field error.

use rundbrief_core::model::{NewSubscriber, Subscriber};
use rundbrief_store::StoreError;

use crate::validate::{self, clean_optional_text, collect};
use crate::{App, AppError, ConsentBasis, FieldError, RequestMeta};

/// The form value of "consent obtained elsewhere".
pub const CONSENT_ELSEWHERE: &str = "obtained-elsewhere";
/// The form value of "send a double-opt-in confirmation mail".
pub const CONSENT_DOUBLE_OPT_IN: &str = "double-opt-in";

/// The "add subscriber" form as submitted, every field still raw.
#[derive(Debug, Clone, Default)]
pub struct ManualSubscriber {
    pub email: String,
    pub name: String,
    pub language: String,
    pub region: String,
    pub audience: String,
    /// Ids of the lists to put the subscriber on.
    pub lists: Vec<String>,
    /// [`CONSENT_ELSEWHERE`] or [`CONSENT_DOUBLE_OPT_IN`]; nothing else is accepted.
    pub consent: String,
    /// Where consent was obtained; required with [`CONSENT_ELSEWHERE`].
    pub source: String,
    /// The editor's account, as the consent log names it.
    pub by: String,
}

impl App {
    /// Adds a subscriber by hand. Every field problem is reported at once and nothing is written
    /// while there is one; a known or suppressed address is an error on the `email` field.
    pub async fn add_subscriber_by_hand(
        &self,
        input: ManualSubscriber,
    ) -> Result<Subscriber, AppError> {
        let mut errors = Vec::new();
        let email = validate::email("email", &input.email)
            .map_err(|_| {
                errors.push(FieldError::new("email", "is not valid", "admin-error-email"));
            })
            .ok();
        let language = collect(validate::language("language", &input.language), &mut errors);
        let name = collect(clean_optional_text("name", &input.name), &mut errors);
        let region = collect(clean_optional_text("region", &input.region), &mut errors);
        let audience = collect(validate::audience("audience", &input.audience), &mut errors);
        let ids: Vec<i64> =
            input.lists.iter().take(1001).filter_map(|raw| raw.trim().parse().ok()).collect();
        let lists = match self.existing_lists("lists", &ids).await? {
            Ok(lists) if ids.len() == input.lists.len().min(1001) => Some(lists),
            _ => {
                errors.push(FieldError::new("lists", "names a missing list", "admin-error-lists"));
                None
            }
        };
        let source = collect(clean_optional_text("source", &input.source), &mut errors).flatten();
        let basis = match input.consent.as_str() {
            CONSENT_ELSEWHERE => {
                if source.is_none() {
                    errors.push(FieldError::new(
                        "source",
                        "is required",
                        "admin-error-consent-source",
                    ));
                }
                Some(ConsentBasis::ObtainedElsewhere)
            }
            CONSENT_DOUBLE_OPT_IN => Some(ConsentBasis::DoubleOptIn),
            _ => {
                errors.push(FieldError::new("consent", "choose one", "admin-error-consent-choice"));
                None
            }
        };
        let (Some(email), Some(language), Some(name), Some(region), Some(audience), Some(lists)) =
            (email, language, name, region, audience, lists)
        else {
            return Err(AppError::Invalid(errors));
        };
        let Some(basis) = basis.filter(|_| errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };

        let status = basis.status();
        let new = NewSubscriber {
            email,
            name,
            language,
            status,
            region,
            audience,
            attributes: serde_json::Map::new(),
        };
        // No browser of the subscriber is involved, so the consent log's user-agent column says
        // who added them and on what grounds, as an import's does.
        let detail = match (basis, source) {
            (ConsentBasis::ObtainedElsewhere, source) => {
                format!("source: {}", source.unwrap_or_default())
            }
            (ConsentBasis::DoubleOptIn, _) => "double opt-in mail".to_owned(),
        };
        let meta = RequestMeta {
            ip: None,
            user_agent: Some(format!("added in the editor UI by {}; {detail}", input.by)),
        };
        let refused =
            |id: &'static str| AppError::Invalid(vec![FieldError::new("email", "refused", id)]);
        let subscriber =
            self.create_with_consent(&new, &lists, basis, meta).await.map_err(|e| match e {
                StoreError::Conflict(_) => refused("admin-error-subscriber-known"),
                StoreError::Suppressed => refused("admin-error-subscriber-suppressed"),
                other => other.into(),
            })?;
        tracing::info!(subscriber = %subscriber.id, %status, "subscriber added by hand");
        Ok(subscriber)
    }
}
