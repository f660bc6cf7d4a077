//! The subscriber export as CSV, shared by `rundbrief export subscribers`, the editor UI's
//! download of the current filter and `GET /api/v1/subscribers.csv`. It is read page by page
//! (keyset by id) with each page's lists in one more query, so an export of any size holds
//! one page in memory, and its columns are names the importer takes back.

use std::collections::HashMap;

use rundbrief_core::model::{Subscriber, SubscriberFilter};
use rundbrief_core::{ListId, SubscriberId};
use rundbrief_store::Store;

use crate::AppError;
use crate::consent::{CsvChunk, CsvExport, csv_error, csv_rows, rfc3339_utc};

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

/// The subscriber export's CSV rows of `subscribers`, with the header row first when
/// `header`; `lists` gives each subscriber's list slugs.
fn subscriber_rows(
    subscribers: &[Subscriber],
    lists: &HashMap<SubscriberId, Vec<&str>>,
    header: bool,
) -> Result<Vec<u8>, AppError> {
    let name = <SubscriberFilter as CsvExport>::NAME;
    csv_rows(name, SUBSCRIBER_CSV_COLUMNS, subscribers, header, |s| {
        let attributes = if s.attributes.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&s.attributes).map_err(|e| csv_error(e, name))?
        };
        Ok([
            s.id.0.to_string(),
            s.email.as_ref().map(|e| e.as_str()).unwrap_or_default().to_owned(),
            s.name.clone().unwrap_or_default(),
            s.language.code().to_owned(),
            s.status.as_str().to_owned(),
            s.region.clone().unwrap_or_default(),
            s.audience.clone().unwrap_or_default(),
            lists.get(&s.id).map(|l| l.join(LIST_SEPARATOR)).unwrap_or_default(),
            attributes,
            rfc3339_utc(s.created_at),
            s.confirmed_at.map(rfc3339_utc).unwrap_or_default(),
        ])
    })
}

/// The export of the subscribers a filter matches (none: everyone), page by page by id.
impl CsvExport for SubscriberFilter {
    const NAME: &'static str = "subscriber export";
    const ACTION: &'static str = "export.subscribers";

    fn audit_detail(&self) -> serde_json::Value {
        serde_json::json!({ "filter": crate::consent::filter_fields(self) })
    }

    async fn chunk(&self, store: &dyn Store, after: Option<i64>) -> Result<CsvChunk, AppError> {
        let page = store.list_subscribers(self, after, PAGE).await?;
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
        let bytes = subscriber_rows(&page.items, &lists, after.is_none())?;
        Ok(CsvChunk { bytes, rows, next: page.next })
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
        let text =
            String::from_utf8(subscriber_rows(&[subscriber], &lists, true).unwrap()).unwrap();
        assert_eq!(
            text,
            "id,email,name,language,status,region,audience,lists,attributes,created_at,confirmed_at\n\
             7,zoe@example.pl,\"Kowalska, \"\"Zoë\"\"\nII\",pl,active,,counsellor,\"news,jobs\",\
             \"{\"\"org\"\":\"\"Caritas\"\"}\",2026-12-06T08:30:00Z,\n"
        );
    }
}
