//! The subscriber export as CSV, shared by `rundbrief export subscribers`, the editor UI's
//! download of the current filter and `GET /api/v1/subscribers.csv`. It is read page by page
//! (keyset by id) with each page's lists in one more query, so an export of any size holds
//! one page in memory, and its columns are names the importer takes back.

use std::collections::HashMap;

use rundbrief_core::model::{Subscriber, SubscriberFilter};
use rundbrief_core::{ListId, SubscriberId};
use rundbrief_store::Store;

use crate::consent::{CsvChunk, rfc3339_utc};
use crate::{App, AppError};

/// Subscribers per page read from the store (its most per page).
const PAGE: u32 = 1000;

/// The columns of the subscriber export, in order. `lists` holds list slugs separated by
/// [`LIST_SEPARATOR`]; `attributes` a JSON object, empty when there are none; times are RFC
/// 3339 in UTC, `confirmed_at` empty for someone who never confirmed.
pub const SUBSCRIBER_CSV_COLUMNS: [&str; 11] = [
    "id",
    "email",
    "name",
    "language",
    "status",
    "region",
    "audience",
    "lists",
    "attributes",
    "created_at",
    "confirmed_at",
];

/// Between the slugs in the `lists` column. Slugs are lower-case letters, digits and dashes,
/// so a comma never appears in one; the CSV writer quotes the cell.
pub const LIST_SEPARATOR: &str = ",";

fn csv_error(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("subscriber export: {e}"))
}

/// The CSV rows of `subscribers`, with the header row first when `header`; `lists` gives each
/// subscriber's list slugs.
fn csv_rows(
    subscribers: &[Subscriber],
    lists: &HashMap<SubscriberId, Vec<&str>>,
    header: bool,
) -> Result<Vec<u8>, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    if header {
        writer.write_record(SUBSCRIBER_CSV_COLUMNS).map_err(csv_error)?;
    }
    for s in subscribers {
        let attributes = if s.attributes.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&s.attributes).map_err(csv_error)?
        };
        let slugs = lists.get(&s.id).map(|l| l.join(LIST_SEPARATOR)).unwrap_or_default();
        writer
            .write_record([
                s.id.0.to_string().as_str(),
                s.email.as_ref().map(|e| e.as_str()).unwrap_or_default(),
                s.name.as_deref().unwrap_or_default(),
                s.language.code(),
                s.status.as_str(),
                s.region.as_deref().unwrap_or_default(),
                s.audience.as_deref().unwrap_or_default(),
                slugs.as_str(),
                attributes.as_str(),
                rfc3339_utc(s.created_at).as_str(),
                s.confirmed_at.map(rfc3339_utc).unwrap_or_default().as_str(),
            ])
            .map_err(csv_error)?;
    }
    writer.into_inner().map_err(csv_error)
}

/// One chunk of the export: the header row when `after` is `None`, then one page of the
/// subscribers `filter` matches after that id. Callers go on until `next` is `None`.
pub async fn subscriber_csv_chunk(
    store: &dyn Store,
    filter: &SubscriberFilter,
    after: Option<i64>,
) -> Result<CsvChunk, AppError> {
    let page = store.list_subscribers(filter, after, PAGE).await?;
    let slugs: HashMap<ListId, String> =
        store.lists().await?.into_iter().map(|l| (l.id, l.slug)).collect();
    let ids: Vec<SubscriberId> = page.items.iter().map(|s| s.id).collect();
    let mut lists: HashMap<SubscriberId, Vec<&str>> = HashMap::new();
    for (subscriber, list) in store.subscriptions_of(&ids).await? {
        if let Some(slug) = slugs.get(&list) {
            lists.entry(subscriber).or_default().push(slug);
        }
    }
    let rows = page.items.len() as u64;
    Ok(CsvChunk { bytes: csv_rows(&page.items, &lists, after.is_none())?, rows, next: page.next })
}

/// The whole export into `out`, page by page (the CLI); returns the number of subscribers.
pub async fn write_subscriber_csv(
    store: &dyn Store,
    filter: &SubscriberFilter,
    out: &mut dyn std::io::Write,
) -> Result<u64, AppError> {
    let mut after = None;
    let mut count = 0;
    loop {
        let chunk = subscriber_csv_chunk(store, filter, after).await?;
        out.write_all(&chunk.bytes).map_err(csv_error)?;
        count += chunk.rows;
        match chunk.next {
            Some(next) => after = Some(next),
            None => return Ok(count),
        }
    }
}

impl App {
    /// [`subscriber_csv_chunk`] on this instance's store.
    pub async fn subscriber_csv_chunk(
        &self,
        filter: &SubscriberFilter,
        after: Option<i64>,
    ) -> Result<CsvChunk, AppError> {
        subscriber_csv_chunk(self.store().as_ref(), filter, after).await
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use rundbrief_core::{EmailAddress, Language, SubscriberStatus};

    #[test]
    fn rows_quote_what_needs_quoting_and_join_lists() {
        let mut attributes = serde_json::Map::new();
        attributes.insert("org".into(), serde_json::json!("Caritas"));
        let subscriber = Subscriber {
            id: SubscriberId(7),
            email: Some(EmailAddress::parse("zoe@example.pl").unwrap()),
            name: Some("Kowalska, \"Zoë\"\nII".into()),
            language: Language::Pl,
            status: SubscriberStatus::Active,
            region: None,
            audience: Some("counsellor".into()),
            attributes,
            created_at: time::macros::datetime!(2026-12-06 09:30:00 +01:00),
            confirmed_at: None,
            unsubscribed_at: None,
        };
        let lists = HashMap::from([(SubscriberId(7), vec!["news", "jobs"])]);
        let text = String::from_utf8(csv_rows(&[subscriber], &lists, true).unwrap()).unwrap();
        assert_eq!(
            text,
            "id,email,name,language,status,region,audience,lists,attributes,created_at,confirmed_at\n\
             7,zoe@example.pl,\"Kowalska, \"\"Zoë\"\"\nII\",pl,active,,counsellor,\"news,jobs\",\
             \"{\"\"org\"\":\"\"Caritas\"\"}\",2026-12-06T08:30:00Z,\n"
        );
    }
}
