//! The consent log as proof (GDPR Art. 7(1)): its export as CSV for one subscriber, a filter
//! or everyone, shared by the editor UI, the API and the CLI, and the full consent text of any
//! version in any language.
//!
//! A text version is the Fluent id of the text that was shown (`subscribe-consent-v1`, `-v2`,
//! ...). Wordings are never edited in place, so the id names exactly what a person agreed to,
//! and the locales keep every version.

use rundbrief_core::model::{ConsentEvent, SubscriberFilter};
use rundbrief_core::{Language, SubscriberId};
use rundbrief_i18n::{Arg, Locales};
use time::format_description::well_known::Rfc3339;

use rundbrief_store::Store;

use crate::{App, AppError};

/// The prefix of every consent text version shown on the sign-up form.
const FORM_TEXT_PREFIX: &str = "subscribe-consent-v";

/// Events per page read from the store: an export of any size holds one page in memory.
const PAGE: u32 = 500;

/// The columns of the consent log export, in order.
pub const CONSENT_CSV_COLUMNS: [&str; 7] =
    ["subscriber_id", "event", "text_version", "language", "time", "ip", "user_agent"];

/// Whose consent events an export holds: one subscriber, those a filter of the subscriber
/// list matches, or (both empty) everyone.
#[derive(Debug, Clone, Default)]
pub struct ConsentExport {
    pub subscriber: Option<SubscriberId>,
    pub filter: SubscriberFilter,
}

/// One chunk of a CSV export and where the next one starts (`None`: this was the last).
pub struct CsvChunk {
    pub bytes: Vec<u8>,
    /// Events in this chunk.
    pub rows: u64,
    pub next: Option<i64>,
}

/// The consent texts the sign-up form has shown, oldest first: every
/// `subscribe-consent-vN` the English locale has.
pub fn consent_text_versions() -> Vec<String> {
    let locales = Locales::embedded();
    (1..)
        .map(|n| format!("{FORM_TEXT_PREFIX}{n}"))
        .take_while(|id| locales.has(Language::En, id))
        .collect()
}

/// The text of consent `version` in `lang` with the organisation's name; `None` for a version
/// that is no form text (the API's "obtained elsewhere") or that `lang` lacks.
pub fn consent_text(version: &str, lang: Language, organisation: &str) -> Option<String> {
    let locales = Locales::embedded();
    if !version.starts_with(FORM_TEXT_PREFIX) || !locales.has(lang, version) {
        return None;
    }
    Some(locales.text(lang, version, &[("organisation", Arg::Str(organisation))]))
}

/// RFC 3339 in UTC, whole seconds, as the store keeps it.
pub fn rfc3339_utc(at: time::OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC).format(&Rfc3339).unwrap_or_default()
}

fn csv_error(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("consent export: {e}"))
}

/// The CSV rows of `events`, with the header row first when `header`.
fn csv_rows(events: &[ConsentEvent], header: bool) -> Result<Vec<u8>, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    if header {
        writer.write_record(CONSENT_CSV_COLUMNS).map_err(csv_error)?;
    }
    for e in events {
        writer
            .write_record([
                e.subscriber_id.0.to_string().as_str(),
                e.action.as_str(),
                e.text_version.as_deref().unwrap_or_default(),
                e.language.map(|l| l.code()).unwrap_or_default(),
                rfc3339_utc(e.created_at).as_str(),
                e.ip.as_deref().unwrap_or_default(),
                e.user_agent.as_deref().unwrap_or_default(),
            ])
            .map_err(csv_error)?;
    }
    writer.into_inner().map_err(csv_error)
}

/// One chunk of the export: the header row when `after` is `None`, then one page of events
/// after that event id. Callers go on chunk after chunk until `next` is `None`.
pub async fn consent_csv_chunk(
    store: &dyn Store,
    export: &ConsentExport,
    after: Option<i64>,
) -> Result<CsvChunk, AppError> {
    if let (Some(id), None) = (export.subscriber, after) {
        // An unknown subscriber is not found rather than an empty file.
        store.subscriber(id).await?;
    }
    let page = store.consent_log(export.subscriber, &export.filter, after, PAGE).await?;
    let rows = page.items.len() as u64;
    Ok(CsvChunk { bytes: csv_rows(&page.items, after.is_none())?, rows, next: page.next })
}

/// The whole export into `out`, page by page (the CLI); returns the number of events.
pub async fn write_consent_csv(
    store: &dyn Store,
    export: &ConsentExport,
    out: &mut dyn std::io::Write,
) -> Result<u64, AppError> {
    let mut after = None;
    let mut count = 0;
    loop {
        let chunk = consent_csv_chunk(store, export, after).await?;
        out.write_all(&chunk.bytes).map_err(csv_error)?;
        count += chunk.rows;
        match chunk.next {
            Some(next) => after = Some(next),
            None => return Ok(count),
        }
    }
}

impl App {
    /// [`consent_csv_chunk`] on this instance's store.
    pub async fn consent_csv_chunk(
        &self,
        export: &ConsentExport,
        after: Option<i64>,
    ) -> Result<CsvChunk, AppError> {
        consent_csv_chunk(self.store().as_ref(), export, after).await
    }

    /// The consent text of `version` in `lang` with this instance's organisation name (or,
    /// without one, the same stand-in the pages use).
    pub fn consent_text(&self, version: &str, lang: Language) -> Option<String> {
        consent_text(version, lang, &self.settings().organisation_in(lang))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use rundbrief_core::model::ConsentAction;

    #[test]
    fn every_form_version_is_known_and_the_api_version_has_no_text() {
        let versions = consent_text_versions();
        assert!(versions.contains(&crate::CONSENT_TEXT_VERSION.to_owned()), "{versions:?}");
        assert!(versions.len() >= 2);
        let text = consent_text("subscribe-consent-v2", Language::De, "Servicezentrum");
        assert!(text.unwrap().contains("die Einrichtung Servicezentrum"));
        assert_eq!(consent_text(crate::CONSENT_ELSEWHERE_VERSION, Language::De, "X"), None);
        assert_eq!(consent_text("error-home-link", Language::De, "X"), None);
    }

    #[test]
    fn rows_quote_what_needs_quoting() {
        let event = ConsentEvent {
            id: 1,
            subscriber_id: SubscriberId(7),
            action: ConsentAction::Signup,
            text_version: Some("subscribe-consent-v2".into()),
            language: Some(Language::Pl),
            ip: None,
            user_agent: Some("Agent, \"x\"\nnext".into()),
            created_at: time::macros::datetime!(2026-12-06 09:30:00 +01:00),
        };
        let bytes = csv_rows(&[event], true).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "subscriber_id,event,text_version,language,time,ip,user_agent\n\
             7,signup,subscribe-consent-v2,pl,2026-12-06T08:30:00Z,,\"Agent, \"\"x\"\"\nnext\"\n"
        );
    }
}
