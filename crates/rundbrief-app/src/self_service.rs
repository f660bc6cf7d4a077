//! A subscriber's own data (GDPR Art. 15 access, Art. 20 portability), reached through their
//! preferences link: profile, lists, the consent history with the texts agreed to, and which
//! issues were sent to them when. The link names exactly one subscriber, and everything here
//! is read by that id, so nobody else's data can appear.

use rundbrief_core::Language;
use serde::Serialize;

use crate::consent::{consent_text, rfc3339_utc};
use crate::{App, AppError};

/// Everything Rundbrief stores about one subscriber, as the JSON download carries it.
#[derive(Debug, Clone, Serialize)]
pub struct PersonalData {
    pub profile: Profile,
    pub lists: Vec<ListEntry>,
    pub consent: Vec<ConsentEntry>,
    pub sent_issues: Vec<SentEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    pub id: i64,
    pub email: Option<String>,
    pub name: Option<String>,
    pub language: Language,
    pub status: String,
    pub region: Option<String>,
    pub audience: Option<String>,
    pub attributes: serde_json::Map<String, serde_json::Value>,
    pub created_at: String,
    pub confirmed_at: Option<String>,
    pub unsubscribed_at: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ListEntry {
    pub id: i64,
    pub slug: String,
    /// The list's name along the reader's fallback chain.
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConsentEntry {
    pub event: String,
    pub text_version: Option<String>,
    /// The text of that version in the language it was shown in.
    pub text: Option<String>,
    pub language: Option<Language>,
    pub time: String,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SentEntry {
    pub issue_id: i64,
    pub title: String,
    pub language: Option<Language>,
    pub sent_at: String,
}

impl App {
    /// The data of the subscriber that the preferences link `token` names. Erased subscribers
    /// have none left, and their link is refused like a forged one.
    pub async fn personal_data(&self, token: &str) -> Result<PersonalData, AppError> {
        let prefs = self.preferences(token).await?;
        let s = &prefs.subscriber;
        let store = self.store();
        let settings = self.settings();
        let all_lists = store.lists().await?;
        let lists = all_lists
            .iter()
            .filter(|l| prefs.subscribed.contains(&l.id))
            .map(|l| ListEntry {
                id: l.id.0,
                slug: l.slug.clone(),
                name: crate::lists::list_name(l, s.language, &settings.fallback_languages)
                    .to_owned(),
            })
            .collect();
        let consent = store
            .consent_history(s.id)
            .await?
            .into_iter()
            .map(|e| ConsentEntry {
                event: e.action.as_str().to_owned(),
                text: e.text_version.as_deref().and_then(|v| {
                    let shown_in = e.language.unwrap_or(s.language);
                    consent_text(v, shown_in, &settings.organisation_in(shown_in))
                }),
                text_version: e.text_version,
                language: e.language,
                time: rfc3339_utc(e.created_at),
                ip: e.ip,
                user_agent: e.user_agent,
            })
            .collect();
        let sent_issues = store
            .sent_to(s.id)
            .await?
            .into_iter()
            .map(|d| SentEntry {
                issue_id: d.issue_id.0,
                title: d.title,
                language: d.language,
                sent_at: rfc3339_utc(d.sent_at),
            })
            .collect();
        let profile = Profile {
            id: s.id.0,
            email: s.email.as_ref().map(|e| e.as_str().to_owned()),
            name: s.name.clone(),
            language: s.language,
            status: s.status.as_str().to_owned(),
            region: s.region.clone(),
            audience: s.audience.clone(),
            attributes: s.attributes.clone(),
            created_at: rfc3339_utc(s.created_at),
            confirmed_at: s.confirmed_at.map(rfc3339_utc),
            unsubscribed_at: s.unsubscribed_at.map(rfc3339_utc),
        };
        tracing::info!(subscriber = %s.id, "personal data read by its subscriber");
        Ok(PersonalData { profile, lists, consent, sent_issues })
    }
}
