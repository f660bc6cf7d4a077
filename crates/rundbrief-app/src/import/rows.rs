//! Reading an import file: its encoding and delimiter, and each row checked into an
//! [`ImportRow`] or a rejection that names the column and the reason.

use std::collections::HashMap;
use std::net::IpAddr;

use rundbrief_core::model::{NewConsentEvent, NewSubscriber};
use rundbrief_core::{EmailAddress, Language, ListId, SubscriberId, SubscriberStatus};
use rundbrief_store::ImportRow;
use time::OffsetDateTime;
use time::macros::format_description;

use super::columns::{Columns, Field};
use super::language::parse_language;
use crate::validate;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What the start of a file says about all of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniffed {
    pub delimiter: u8,
    /// Non-ASCII bytes that are not UTF-8: a spreadsheet saved by Excel in Windows-1252.
    pub windows_1252: bool,
    pub bom: bool,
    /// The file says it is UTF-8: a BOM, or non-ASCII text that is valid UTF-8. A later field
    /// that is not UTF-8 is then a broken row, not a hint at Windows-1252.
    pub utf8: bool,
}

/// Looks at the first bytes of a file (`head`, e.g. 64 KiB): a UTF-8 byte order mark, text
/// that is not UTF-8, and which of `,` `;` and tab the header line uses most.
pub fn sniff(head: &[u8]) -> Sniffed {
    let bom = head.starts_with(BOM);
    let text = if bom { &head[BOM.len()..] } else { head };
    // A cut at the end of `head` may split a character; only an error inside counts.
    let windows_1252 =
        !bom && matches!(std::str::from_utf8(text), Err(e) if e.error_len().is_some());
    let utf8 = bom || (!windows_1252 && !text.is_ascii());
    let line = text.split(|b| *b == b'\n').next().unwrap_or_default();
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in line {
        if *byte == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(count) = counts.iter_mut().find(|(d, _)| d == byte) {
            count.1 += 1;
        }
    }
    // Ties (a one-column file) go to the comma, the first.
    let delimiter = counts.iter().fold(counts[0], |best, c| if c.1 > best.1 { *c } else { best }).0;
    Sniffed { delimiter, windows_1252, bom, utf8 }
}

/// One field as text: UTF-8 when it is, otherwise Windows-1252 (which decodes every byte), so
/// a file whose first lines are plain ASCII still reads its later umlauts.
pub fn decode(bytes: &[u8], windows_1252: bool) -> String {
    if !windows_1252 && let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned()
}

/// A field of a row as [`decode`] reads it, except in a file that says it is UTF-8: there bytes
/// that are not become U+FFFD, which [`check_row`] rejects, instead of a silent guess.
pub fn decode_field(bytes: &[u8], sniffed: &Sniffed) -> String {
    if sniffed.utf8 {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    decode(bytes, sniffed.windows_1252)
}

/// Why a row was not imported, and in which column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub column: String,
    pub reason: String,
}

/// What one row of the file becomes before the database is asked.
#[derive(Debug, Clone, PartialEq)]
pub enum Checked {
    Row(Box<ImportRow>),
    /// The file says the person is not (or no longer) subscribed: unsubscribed, blocklisted,
    /// bounced, or never confirmed. Never imported as active.
    LeftBefore,
}

/// What every row of one import shares.
#[derive(Debug, Clone)]
pub struct RowContext {
    pub columns: Columns,
    /// Lists by lower-case slug and by lower-case name in any language.
    pub lists: HashMap<String, ListId>,
    pub default_language: Language,
    /// The consent event of every row; proof columns fill in its time and IP.
    pub consent: NewConsentEvent,
    /// The import's start: an opt-in time after it (and a day of clock and time zone slack)
    /// cannot be a proof of consent.
    pub now: OffsetDateTime,
}

impl RowContext {
    fn get<'r>(&self, record: &'r [String], field: Field) -> &'r str {
        self.columns.index(field).and_then(|i| record.get(i)).map(|v| v.trim()).unwrap_or_default()
    }

    fn header(&self, field: Field) -> String {
        self.columns
            .index(field)
            .and_then(|i| self.columns.headers.get(i))
            .cloned()
            .unwrap_or_default()
    }

    fn reject(&self, field: Field, reason: impl Into<String>) -> Rejection {
        Rejection { column: self.header(field), reason: reason.into() }
    }
}

/// The list names in a lists cell: separated by `,` `;` or `|`, Mailchimp's quotes removed.
pub fn list_names(cell: &str) -> Vec<String> {
    cell.split([',', ';', '|'])
        .map(|name| name.trim().trim_matches('"').trim().to_owned())
        .filter(|name| !name.is_empty())
        .collect()
}

/// Checks one record (its fields already decoded) into a row to store.
pub fn check_row(record: &[String], ctx: &RowContext) -> Result<Checked, Rejection> {
    let columns = ctx.columns.headers.len();
    // More columns than the header: usually a value with the delimiter in it and no quotes,
    // which shifts every later column. Empty extra columns (a trailing `;`) are harmless.
    let surplus = record.get(columns..).unwrap_or_default();
    if record.len() < columns || surplus.iter().any(|f| !f.trim().is_empty()) {
        let hint =
            if record.len() < columns { "" } else { " (a value with a delimiter needs quotes)" };
        return Err(Rejection {
            column: String::new(),
            reason: format!("has {} columns where the header has {columns}{hint}", record.len()),
        });
    }
    if let Some(index) = record.iter().position(|f| f.contains(char::REPLACEMENT_CHARACTER)) {
        return Err(Rejection {
            column: ctx.columns.headers.get(index).cloned().unwrap_or_default(),
            reason: "is not valid UTF-8, though the file is (save it as UTF-8 again or retype \
                     the value)"
                .into(),
        });
    }
    if left_before(record, ctx) {
        return Ok(Checked::LeftBefore);
    }
    let raw_email = ctx.get(record, Field::Email);
    if raw_email.is_empty() {
        return Err(ctx.reject(Field::Email, "is empty"));
    }
    let email: EmailAddress = validate::email("email", raw_email).map_err(|e| {
        // The form's short message, with what exactly is wrong: a file has many rows to fix.
        let reason = match EmailAddress::parse_deliverable(raw_email) {
            Err(detail) if e.message_id == "error-email-invalid" => {
                format!("{}: {detail}", e.reason)
            }
            _ => e.reason,
        };
        ctx.reject(Field::Email, reason)
    })?;
    let name = name(record, ctx)?;
    let language = match ctx.get(record, Field::Language) {
        "" => ctx.default_language,
        value => parse_language(value).ok_or_else(|| {
            ctx.reject(Field::Language, "is not one of the 24 EU languages (code, locale or name)")
        })?,
    };
    let mut lists = Vec::new();
    for list in list_names(ctx.get(record, Field::Lists)) {
        match ctx.lists.get(&list.to_lowercase()) {
            Some(id) if !lists.contains(id) => lists.push(*id),
            Some(_) => {}
            None => {
                return Err(ctx.reject(Field::Lists, format!("names the unknown list '{list}'")));
            }
        }
    }
    let text = |field: Field| {
        validate::clean_optional_text("", ctx.get(record, field))
            .map_err(|e| ctx.reject(field, e.reason))
    };
    let region = text(Field::Region)?;
    let audience = validate::audience("", ctx.get(record, Field::Audience))
        .map_err(|e| ctx.reject(Field::Audience, e.reason))?;
    let consent_at = match ctx.get(record, Field::OptinTime) {
        "" | "0" => None,
        value => Some(parse_time(value).ok_or_else(|| {
            ctx.reject(Field::OptinTime, "is not a time (e.g. 2023-05-04 13:05:00 or 04.05.2023)")
        })?),
    };
    if consent_at.is_some_and(|at| at > ctx.now + time::Duration::days(1)) {
        return Err(ctx.reject(Field::OptinTime, "is in the future"));
    }
    let ip = match ctx.get(record, Field::OptinIp) {
        "" => ctx.consent.ip.clone(),
        value => Some(
            value
                .parse::<IpAddr>()
                .map_err(|_| ctx.reject(Field::OptinIp, "is not an IP address"))?
                .to_string(),
        ),
    };
    let attributes = attributes(record, ctx)?;
    let new = NewSubscriber {
        email,
        name,
        language,
        status: SubscriberStatus::Active,
        region,
        audience,
        attributes,
    };
    let consent = NewConsentEvent {
        subscriber_id: SubscriberId(0),
        language: Some(language),
        ip,
        ..ctx.consent.clone()
    };
    Ok(Checked::Row(Box::new(ImportRow {
        new,
        lists,
        consent,
        consent_at,
        confirmation_due: None,
    })))
}

/// listmonk's `blocklisted`, Mailchimp's `unsubscribed`/`cleaned`, CleverReach's
/// `deactivated`/`bounced` times: the person is not to be mailed.
fn left_before(record: &[String], ctx: &RowContext) -> bool {
    let status = ctx.get(record, Field::Status).to_lowercase();
    let left_status = !matches!(
        status.as_str(),
        "" | "enabled" | "subscribed" | "active" | "confirmed" | "aktiv" | "angemeldet"
    );
    let left_column = ctx.columns.fields.iter().any(|(i, f)| {
        *f == Field::Left && record.get(*i).is_some_and(|v| !matches!(v.trim(), "" | "0"))
    });
    left_status || left_column
}

fn name(record: &[String], ctx: &RowContext) -> Result<Option<String>, Rejection> {
    let full = ctx.get(record, Field::Name);
    let (field, value) = if full.is_empty() {
        let joined = [ctx.get(record, Field::FirstName), ctx.get(record, Field::LastName)]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let field = if ctx.get(record, Field::FirstName).is_empty() {
            Field::LastName
        } else {
            Field::FirstName
        };
        (field, joined)
    } else {
        (Field::Name, full.to_owned())
    };
    validate::clean_optional_text("", &value).map_err(|e| ctx.reject(field, e.reason))
}

fn attributes(
    record: &[String],
    ctx: &RowContext,
) -> Result<serde_json::Map<String, serde_json::Value>, Rejection> {
    let mut attributes = match ctx.get(record, Field::AttributesJson) {
        "" => serde_json::Map::new(),
        json => serde_json::from_str(json)
            .map_err(|_| ctx.reject(Field::AttributesJson, "is not a JSON object"))?,
    };
    for (index, field) in &ctx.columns.fields {
        let value = record.get(*index).map(|v| v.trim()).unwrap_or_default();
        if *field != Field::Attribute || value.is_empty() {
            continue;
        }
        let header = &ctx.columns.headers[*index];
        let value = validate::clean_optional_text("", value)
            .map_err(|e| Rejection { column: header.clone(), reason: e.reason })?;
        if let Some(value) = value {
            attributes.insert(header.trim().to_owned(), serde_json::Value::String(value));
        }
    }
    validate::attributes("attributes", &attributes)
        .map_err(|e| ctx.reject(Field::AttributesJson, e.reason))?;
    Ok(attributes)
}

/// Times as old systems write them, taken as UTC when they carry no offset: RFC 3339,
/// `2023-05-04 13:05:00` (Mailchimp, listmonk), `04.05.2023 13:05` (German Excel), a date,
/// or Unix seconds (CleverReach).
pub fn parse_time(value: &str) -> Option<OffsetDateTime> {
    use time::{Date, PrimitiveDateTime};
    let value = value.trim();
    if let Ok(t) = OffsetDateTime::parse(value, &time::format_description::well_known::Rfc3339) {
        return Some(t);
    }
    if let Ok(seconds) = value.parse::<i64>() {
        return OffsetDateTime::from_unix_timestamp(seconds).ok();
    }
    let primitive = [
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
        format_description!("[year]-[month]-[day] [hour]:[minute]"),
        format_description!("[day].[month].[year] [hour]:[minute]:[second]"),
        format_description!("[day].[month].[year] [hour]:[minute]"),
    ];
    if let Some(t) = primitive.iter().find_map(|f| PrimitiveDateTime::parse(value, f).ok()) {
        return Some(t.assume_utc());
    }
    let dates =
        [format_description!("[year]-[month]-[day]"), format_description!("[day].[month].[year]")];
    dates.iter().find_map(|f| Date::parse(value, f).ok()).map(|d| d.midnight().assume_utc())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_finds_bom_encoding_and_delimiter() {
        let excel = b"E-Mail;Vorname;Sprache\r\nj\xFCrgen@example.de;J\xFCrgen;Deutsch\r\n";
        let want = Sniffed { delimiter: b';', windows_1252: true, bom: false, utf8: false };
        assert_eq!(sniff(excel), want);
        let bom = "\u{feff}email,name\nzoe@example.org,Zoë\n".as_bytes();
        let want = Sniffed { delimiter: b',', windows_1252: false, bom: true, utf8: true };
        assert_eq!(sniff(bom), want);
        // Plain ASCII says nothing: a later umlaut may still be Windows-1252.
        assert!(!sniff(b"email\na@example.org\n").utf8);
        assert!(sniff("email,name\na@example.org,Zoë\n".as_bytes()).utf8);
        let utf8 = sniff("email,name\nZoë\n".as_bytes());
        assert_eq!(decode_field(b"J\xFCrgen", &utf8), "J\u{FFFD}rgen", "rejected by check_row");
        let tab = b"email\tname\t\"a,b,c\"\n";
        assert_eq!(sniff(tab).delimiter, b'\t');
        // A UTF-8 character cut at the end of the sniffed part is not Windows-1252.
        assert!(!sniff(&"email\nZoë".as_bytes()[..9]).windows_1252);
        assert_eq!(decode(b"J\xFCrgen", false), "Jürgen");
        assert_eq!(decode("Jürgen".as_bytes(), false), "Jürgen");
    }

    #[test]
    fn times_of_other_systems_are_read_as_utc() {
        let want = time::macros::datetime!(2023-05-04 13:05:00 UTC);
        for value in
            ["2023-05-04T13:05:00Z", "2023-05-04 13:05:00", "04.05.2023 13:05", "1683205500"]
        {
            assert_eq!(parse_time(value), Some(want), "{value}");
        }
        assert_eq!(parse_time("2023-05-04"), Some(time::macros::datetime!(2023-05-04 0:00 UTC)));
        assert_eq!(parse_time("gestern"), None);
    }

    #[test]
    fn list_cells_split_on_any_separator() {
        assert_eq!(list_names("\"News\",\"Events\""), vec!["News", "Events"]);
        assert_eq!(list_names("news; events |x"), vec!["news", "events", "x"]);
        assert!(list_names(" ").is_empty());
    }
}
