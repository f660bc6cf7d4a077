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
    /// Rows in this chunk.
    pub rows: u64,
    pub next: Option<i64>,
}

/// A CSV export read page by page after a keyset cursor (the consent log, the subscriber
/// list): the CLI, the API and the editor UI go through its chunks the same way, so an export
/// of any size holds one page in memory.
pub trait CsvExport: Clone + Send + Sync + 'static {
    /// What the export is called in errors and logs ("consent export").
    const NAME: &'static str;
    /// Its audit action (`export.subscribers`, ...), recorded once per export.
    const ACTION: &'static str = "export";

    /// The audit entry's detail: ids and which filter fields were set, never a search text.
    fn audit_detail(&self) -> serde_json::Value {
        serde_json::Value::Null
    }

    /// The header row when `after` is `None`, then one page of rows after that id. Callers
    /// go on chunk after chunk until `next` is `None`.
    fn chunk(
        &self,
        store: &dyn Store,
        after: Option<i64>,
    ) -> impl Future<Output = Result<CsvChunk, AppError>> + Send;
}

/// The whole of `export` into `out`, page by page (the CLI); returns the number of rows.
/// Audited once by `actor` when the first page was read.
pub async fn write_csv<E: CsvExport>(
    store: &dyn Store,
    export: &E,
    out: &mut dyn std::io::Write,
    actor: crate::audit::AuditActor,
) -> Result<u64, AppError> {
    let mut after = None;
    let mut count = 0;
    loop {
        let chunk = export.chunk(store, after).await?;
        if after.is_none() {
            let now = time::OffsetDateTime::now_utc();
            crate::audit::record(store, now, actor, E::ACTION, None, export.audit_detail()).await;
        }
        out.write_all(&chunk.bytes).map_err(|e| csv_error(e, E::NAME))?;
        count += chunk.rows;
        match chunk.next {
            Some(next) => after = Some(next),
            None => return Ok(count),
        }
    }
}

pub(crate) fn csv_error(e: impl std::fmt::Display, export: &str) -> AppError {
    AppError::Internal(format!("{export}: {e}"))
}

/// The CSV bytes of `items`, one record each as `record` makes it, with the header row
/// `columns` first when `header`; errors name `export`.
pub(crate) fn csv_rows<T, const N: usize>(
    export: &str,
    columns: [&str; N],
    items: &[T],
    header: bool,
    mut record: impl FnMut(&T) -> Result<[String; N], AppError>,
) -> Result<Vec<u8>, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    if header {
        writer.write_record(columns).map_err(|e| csv_error(e, export))?;
    }
    for item in items {
        writer.write_record(record(item)?).map_err(|e| csv_error(e, export))?;
    }
    writer.into_inner().map_err(|e| csv_error(e, export))
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

/// The consent export's CSV rows of `events`, with the header row first when `header`.
fn consent_rows(events: &[ConsentEvent], header: bool) -> Result<Vec<u8>, AppError> {
    csv_rows(ConsentExport::NAME, CONSENT_CSV_COLUMNS, events, header, |e| {
        Ok([
            e.subscriber_id.0.to_string(),
            e.action.as_str().to_owned(),
            e.text_version.clone().unwrap_or_default(),
            e.language.map(|l| l.code()).unwrap_or_default().to_owned(),
            rfc3339_utc(e.created_at),
            e.ip.clone().unwrap_or_default(),
            e.user_agent.clone().unwrap_or_default(),
        ])
    })
}

/// Which fields of a subscriber filter are set, by name: an audit detail that says how an
/// export was narrowed without the values (a search is often an address).
pub(crate) fn filter_fields(filter: &SubscriberFilter) -> Vec<&'static str> {
    let SubscriberFilter {
        status,
        language,
        list,
        region,
        audience,
        created_from,
        created_before,
        search,
    } = filter;
    [
        ("status", status.is_some()),
        ("language", language.is_some()),
        ("list", list.is_some()),
        ("region", region.is_some()),
        ("audience", audience.is_some()),
        ("created_from", created_from.is_some()),
        ("created_before", created_before.is_some()),
        ("search", search.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, set)| set.then_some(name))
    .collect()
}

impl CsvExport for ConsentExport {
    const NAME: &'static str = "consent export";
    const ACTION: &'static str = "export.consent_log";

    fn audit_detail(&self) -> serde_json::Value {
        serde_json::json!({
            "subscriber": self.subscriber.map(|s| s.0),
            "filter": filter_fields(&self.filter),
        })
    }

    async fn chunk(&self, store: &dyn Store, after: Option<i64>) -> Result<CsvChunk, AppError> {
        if let (Some(id), None) = (self.subscriber, after) {
            // An unknown subscriber is not found rather than an empty file.
            store.subscriber(id).await?;
        }
        let page = store.consent_log(self.subscriber, &self.filter, after, PAGE).await?;
        let rows = page.items.len() as u64;
        Ok(CsvChunk { bytes: consent_rows(&page.items, after.is_none())?, rows, next: page.next })
    }
}

impl App {
    /// [`CsvExport::chunk`] on this instance's store.
    pub async fn csv_chunk(
        &self,
        export: &impl CsvExport,
        after: Option<i64>,
    ) -> Result<CsvChunk, AppError> {
        export.chunk(self.store().as_ref(), after).await
    }

    /// The audit entry of an export by `actor`, once its first chunk was read.
    pub async fn audit_export<E: CsvExport>(&self, actor: crate::audit::AuditActor, export: &E) {
        self.record(actor, E::ACTION, None, export.audit_detail()).await;
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
        let bytes = consent_rows(&[event], true).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "subscriber_id,event,text_version,language,time,ip,user_agent\n\
             7,signup,subscribe-consent-v2,pl,2026-12-06T08:30:00Z,,\"Agent, \"\"x\"\"\nnext\"\n"
        );
    }
}
