//! Importing an existing list from a CSV file (`rundbrief import`): the file is read row by
//! row, checked, and stored in batched transactions, so memory stays flat and a run that was
//! killed halfway can simply be started again.
//!
//! Consent is always an explicit choice of the person importing: "obtained elsewhere" with a
//! named source, the opt-in time and IP of the old system as proof, or a double opt-in mail to
//! each new address (pending until confirmed, the mails paced). Suppressed and
//! unsubscribed addresses are never brought back, and existing subscribers change only in the
//! fields the caller names, never in their status.

pub mod columns;
pub mod language;
pub mod rows;
mod seen;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash as _, Hasher as _};
use std::io::{BufRead, BufReader, Read};

use rundbrief_core::model::{ConsentAction, NewConsentEvent, NewList};
use rundbrief_core::{EmailAddress, Language, ListId, SubscriberId, SubscriberStatus};
use rundbrief_store::{ImportOutcome, ImportRow, ImportUpdate, Store, StoreError};
use time::OffsetDateTime;

use columns::{Columns, Field};
use rows::{Checked, Rejection, RowContext, check_row, decode, decode_field, list_names, sniff};

/// `text_version` of the consent event when consent was obtained elsewhere.
pub const IMPORT_ELSEWHERE_VERSION: &str = "import-consent-obtained-elsewhere";
/// `text_version` of the consent event when the old system's opt-in is the proof.
pub const IMPORT_PROOF_VERSION: &str = "import-opt-in-of-previous-system";
const SNIFF_BYTES: usize = 64 * 1024;
/// Rows per transaction unless the caller says otherwise: 5,000 measured fastest on both
/// databases (bench/import.sh, docs/benchmarks.md); fewer commits write each index page fewer
/// times, and larger batches only cost memory.
pub const DEFAULT_BATCH_SIZE: usize = 5_000;
/// Confirmation mails a second of a double-opt-in import when no send rate is configured:
/// 36,000 an hour keeps a large import from flooding the relay (and the confirmation sweep
/// queues at most 100 a second anyway).
pub const DEFAULT_CONFIRMATIONS_PER_SECOND: f64 = 10.0;

/// How the people in the file agreed to be mailed; there is deliberately no default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportConsent {
    /// On paper, at an event, in another system: `source` says where.
    ObtainedElsewhere { source: String },
    /// The file's opt-in time (and IP, when present) column is the proof; rows without one
    /// are rejected.
    ProofColumns,
    /// Each new address gets a confirmation mail in its language and stays pending until it
    /// confirms; the mails fall due `pace` apart (one over the send rate), so the worker sends
    /// a large import at the configured rate instead of all at once.
    DoubleOptIn { pace: time::Duration },
}

impl ImportConsent {
    /// Double opt-in paced at `per_second` mails (the configured send rate), or
    /// [`DEFAULT_CONFIRMATIONS_PER_SECOND`] when it is unset or not a positive number.
    pub fn double_opt_in(per_second: Option<f64>) -> Self {
        let rate = per_second
            .filter(|rate| rate.is_finite() && *rate > 0.0)
            .unwrap_or(DEFAULT_CONFIRMATIONS_PER_SECOND)
            // At least one an hour, so that the pace stays a number a due time can carry.
            .max(1.0 / 3600.0);
        Self::DoubleOptIn { pace: time::Duration::seconds_f64(1.0 / rate) }
    }
}

#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub consent: ImportConsent,
    /// Who runs the import, for the consent log.
    pub by: String,
    /// The file's name, for the consent log.
    pub file_name: String,
    pub update: ImportUpdate,
    pub create_lists: bool,
    pub dry_run: bool,
    /// `--map`: normalised header to field, before the aliases.
    pub map: BTreeMap<String, Field>,
    /// For rows without a language.
    pub default_language: Language,
    /// Rows per transaction.
    pub batch_size: usize,
}

/// What became of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowResult {
    Created,
    Updated,
    Skipped(&'static str),
    Rejected(Rejection),
}

/// Told about every row and about progress, e.g. to print a dry run, write the reject file
/// and move a progress bar.
pub trait ImportObserver {
    fn headers(&mut self, _headers: &[String]) {}
    /// `record` holds the row's original fields for rejected rows and is empty otherwise.
    fn row(&mut self, line: u64, email: &str, result: &RowResult, record: &[String]);
    /// Bytes of the file read so far.
    fn progress(&mut self, _bytes: u64) {}
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub created: u64,
    pub updated: u64,
    pub skipped: BTreeMap<&'static str, u64>,
    pub rejected: u64,
    /// Columns not stored because an earlier column fills the same field.
    pub ignored_columns: Vec<String>,
    /// Lists created (or, in a dry run, that would be created).
    pub new_lists: Vec<String>,
}

impl ImportReport {
    fn count(&mut self, result: &RowResult) {
        match result {
            RowResult::Created => self.created += 1,
            RowResult::Updated => self.updated += 1,
            RowResult::Skipped(reason) => *self.skipped.entry(reason).or_default() += 1,
            RowResult::Rejected(_) => self.rejected += 1,
        }
    }

    /// One line: created, updated, skipped by reason, rejected.
    pub fn summary(&self) -> String {
        let skipped: u64 = self.skipped.values().sum();
        let reasons: Vec<String> =
            self.skipped.iter().map(|(reason, n)| format!("{n} {reason}")).collect();
        let reasons =
            if reasons.is_empty() { String::new() } else { format!(" ({})", reasons.join(", ")) };
        format!(
            "{} created, {} updated, {skipped} skipped{reasons}, {} rejected",
            self.created, self.updated, self.rejected
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file or the options cannot be imported as they are; the text says why.
    #[error("{0}")]
    Refused(String),
    #[error("cannot read the file: {0}")]
    Read(#[from] csv::Error),
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Imports the CSV in `input` into `store`, telling `observer` about every row.
pub async fn import_csv<R: Read>(
    store: &dyn Store,
    input: R,
    options: &ImportOptions,
    now: OffsetDateTime,
    observer: &mut dyn ImportObserver,
) -> Result<ImportReport, ImportError> {
    let mut input = BufReader::with_capacity(SNIFF_BYTES, input);
    let sniffed = sniff(input.fill_buf()?);
    if sniffed.bom {
        input.consume(3);
    }
    let proof = options.consent == ImportConsent::ProofColumns;
    let (mut reader, headers, columns) = open_csv(input, &sniffed, &options.map, proof)?;
    observer.headers(&headers);
    let mut run = Run {
        store,
        options,
        now,
        ctx: RowContext {
            lists: known_lists(store).await?,
            default_language: options.default_language,
            consent: consent_template(options),
            columns,
            now,
        },
        report: ImportReport::default(),
        filter: seen::Filter::default(),
        span: HashSet::with_capacity(options.batch_size.max(1)),
        found: seen::Seen::default(),
        created: seen::IdRanges::default(),
        batch: Vec::with_capacity(options.batch_size),
        held: Vec::new(),
        unresolved: 0,
    };
    run.report.ignored_columns = run.ctx.columns.duplicates.clone();
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record)? {
        let line = record.position().map_or(0, csv::Position::line);
        let fields: Vec<String> = record.iter().map(|f| decode_field(f, &sniffed)).collect();
        run.row(line, fields, observer).await?;
        if run.batch.len() >= options.batch_size.max(1) {
            run.flush(observer).await?;
            observer.progress(record.position().map_or(0, csv::Position::byte));
        }
    }
    run.flush(observer).await?;
    Ok(run.report)
}

/// A CSV reader over `input` (its BOM already skipped) as `sniffed` says, with the file's
/// header read and mapped to fields: what every import checks before its first row, the
/// upload as soon as it is stored and `import_csv` before it reads on. With `proof`, the
/// opt-in time column must be there.
pub(crate) fn open_csv<R: Read>(
    input: R,
    sniffed: &rows::Sniffed,
    map: &BTreeMap<String, Field>,
    proof: bool,
) -> Result<(csv::Reader<R>, Vec<String>, Columns), ImportError> {
    let mut reader =
        csv::ReaderBuilder::new().delimiter(sniffed.delimiter).flexible(true).from_reader(input);
    let headers: Vec<String> =
        reader.byte_headers()?.iter().map(|h| decode(h, sniffed.windows_1252)).collect();
    let columns = Columns::new(&headers, map).map_err(ImportError::Refused)?;
    if proof && columns.index(Field::OptinTime).is_none() {
        return Err(ImportError::Refused(
            "consent proof needs an opt-in time column (e.g. optin_time, OPTIN_TIME, \
             CONFIRM_TIME, confirmed_at); name yours with --map COLUMN=optin_time"
                .into(),
        ));
    }
    Ok((reader, headers, columns))
}

/// The state of one import while it reads the file.
struct Run<'a> {
    store: &'a dyn Store,
    options: &'a ImportOptions,
    now: OffsetDateTime,
    ctx: RowContext,
    report: ImportReport,
    /// Every address read so far, approximately: a row it certainly has not seen is new to
    /// the file; the others are looked up exactly before the batch is stored (`resolve`).
    filter: seen::Filter,
    /// The addresses of the rows read since the last batch was stored, exactly.
    span: HashSet<u64>,
    /// Addresses of stored rows that found an existing subscriber or suppression (every
    /// stored row in a dry run, which keeps nothing in the store), exactly.
    found: seen::Seen,
    /// The subscribers this run created: an address the filter may have seen is a second row
    /// if the store holds it under one of these ids.
    created: seen::IdRanges,
    batch: Vec<Pending>,
    /// Rows settled while a row of the batch is still a maybe-seen one: held back, so that
    /// the observer hears of rows in the order it did when every address was kept.
    held: Vec<Told>,
    /// Rows of `batch` that the filter may have seen, not looked up yet.
    unresolved: usize,
}

/// A row for the next batch.
struct Pending {
    line: u64,
    email: String,
    hash: u64,
    row: ImportRow,
    /// The row's fields while the filter may have seen its address: for the reject file if it
    /// turns out to be a second row.
    maybe_seen: Option<Vec<String>>,
}

/// A settled row the observer has not been told of yet.
struct Told {
    line: u64,
    email: String,
    result: RowResult,
    record: Vec<String>,
}

impl Run<'_> {
    async fn row(
        &mut self,
        line: u64,
        fields: Vec<String>,
        observer: &mut dyn ImportObserver,
    ) -> Result<(), ImportError> {
        if self.options.create_lists {
            self.create_lists(&fields).await?;
        }
        let checked = check_row(&fields, &self.ctx).and_then(|checked| self.proof(checked));
        let email = self.ctx.columns.index(Field::Email).and_then(|i| fields.get(i));
        let email = email.map(|e| e.trim().to_owned()).unwrap_or_default();
        let result = match checked {
            Ok(Checked::Row(mut row)) => {
                let hash = address_hash(&row.new.email);
                if self.span.insert(hash) {
                    // A list that a dry run would create has no id yet.
                    row.lists.retain(|list| list.0 != 0);
                    let maybe_seen = (!self.filter.insert(hash)).then_some(fields);
                    self.unresolved += usize::from(maybe_seen.is_some());
                    self.batch.push(Pending { line, email, hash, row: *row, maybe_seen });
                    return Ok(());
                }
                self.second_row()
            }
            Ok(Checked::LeftBefore) => RowResult::Skipped("not subscribed in the file"),
            Err(rejection) => RowResult::Rejected(rejection),
        };
        let record = if matches!(result, RowResult::Rejected(_)) { fields } else { Vec::new() };
        self.tell(Told { line, email, result, record }, observer).await
    }

    fn second_row(&self) -> RowResult {
        RowResult::Rejected(Rejection {
            column: self.ctx.columns.headers[self.ctx.columns.index(Field::Email).unwrap_or(0)]
                .clone(),
            reason: "appears earlier in the file".into(),
        })
    }

    /// Tells the observer of a settled row, or holds it back behind a row not looked up yet
    /// (looking them up once as many are held as a batch has rows, so that this stays small).
    async fn tell(
        &mut self,
        told: Told,
        observer: &mut dyn ImportObserver,
    ) -> Result<(), ImportError> {
        if self.unresolved == 0 {
            self.report.count(&told.result);
            observer.row(told.line, &told.email, &told.result, &told.record);
            return Ok(());
        }
        self.held.push(told);
        if self.held.len() >= self.options.batch_size.max(1) {
            self.resolve(observer).await?;
        }
        Ok(())
    }

    /// Looks up the batch's rows whose address the filter may have seen: a second row if an
    /// earlier stored row found that address existing (or suppressed), or if this run created
    /// the subscriber that holds it; rows of the current batch are in `span` already. Then
    /// tells the observer of the held rows and these, in the file's order.
    async fn resolve(&mut self, observer: &mut dyn ImportObserver) -> Result<(), ImportError> {
        if self.unresolved == 0 {
            return Ok(());
        }
        let keys: Vec<String> = self
            .batch
            .iter()
            .filter(|pending| pending.maybe_seen.is_some() && !self.found.contains(pending.hash))
            .map(|pending| pending.row.new.email.key())
            .collect();
        let holders: HashMap<String, SubscriberId> = if keys.is_empty() {
            HashMap::new()
        } else {
            self.store.subscriber_ids_by_key(&keys).await?.into_iter().collect()
        };
        let mut seconds = Vec::new();
        let mut kept = Vec::with_capacity(self.batch.len());
        for mut pending in std::mem::take(&mut self.batch) {
            let Some(record) = pending.maybe_seen.take() else {
                kept.push(pending);
                continue;
            };
            let created = || {
                let holder = holders.get(&pending.row.new.email.key());
                holder.is_some_and(|id| self.created.contains(id.0))
            };
            if self.found.contains(pending.hash) || created() {
                let result = self.second_row();
                seconds.push(Told { line: pending.line, email: pending.email, result, record });
            } else {
                kept.push(pending);
            }
        }
        self.batch = kept;
        self.unresolved = 0;
        let mut told = std::mem::take(&mut self.held);
        told.append(&mut seconds);
        told.sort_by_key(|told| told.line);
        for told in told {
            self.report.count(&told.result);
            observer.row(told.line, &told.email, &told.result, &told.record);
        }
        Ok(())
    }

    /// With proof columns, a row without an opt-in time has no proof.
    fn proof(&self, checked: Checked) -> Result<Checked, Rejection> {
        match &checked {
            Checked::Row(row)
                if self.options.consent == ImportConsent::ProofColumns
                    && row.consent_at.is_none() =>
            {
                let index = self.ctx.columns.index(Field::OptinTime).unwrap_or(0);
                Err(Rejection {
                    column: self.ctx.columns.headers.get(index).cloned().unwrap_or_default(),
                    reason: "is empty, and the opt-in time is the proof of consent".into(),
                })
            }
            _ => Ok(checked),
        }
    }

    async fn create_lists(&mut self, fields: &[String]) -> Result<(), ImportError> {
        let Some(cell) = self.ctx.columns.index(Field::Lists).and_then(|i| fields.get(i)) else {
            return Ok(());
        };
        for name in list_names(cell) {
            if self.ctx.lists.contains_key(&name.to_lowercase()) {
                continue;
            }
            let id = if self.options.dry_run {
                ListId(0)
            } else {
                let new = NewList {
                    slug: slug(&name),
                    names: BTreeMap::from([(self.options.default_language, name.clone())]),
                    public: false,
                };
                // A name no list may have: the row is rejected as naming an unknown list.
                if crate::lists::check_list(&new).is_err() {
                    continue;
                }
                let list = self.store.create_list(&new, self.now).await?;
                tracing::info!(list = %list.id, "list created by an import");
                self.ctx.lists.insert(list.slug.to_lowercase(), list.id);
                list.id
            };
            self.ctx.lists.insert(name.to_lowercase(), id);
            self.report.new_lists.push(name);
        }
        Ok(())
    }

    async fn flush(&mut self, observer: &mut dyn ImportObserver) -> Result<(), ImportError> {
        self.resolve(observer).await?;
        self.span.clear();
        if self.batch.is_empty() {
            return Ok(());
        }
        // Moved out, not cloned: the rows are not needed after the store has them.
        let (read, mut rows): (Vec<(u64, String, u64)>, Vec<ImportRow>) = self
            .batch
            .drain(..)
            .map(|pending| ((pending.line, pending.email, pending.hash), pending.row))
            .unzip();
        if let ImportConsent::DoubleOptIn { pace } = self.options.consent {
            // The n-th new address of the import is due n paces after its start. Rows of this
            // batch that turn out to exist leave a gap of one pace each, never a burst.
            for (index, row) in rows.iter_mut().enumerate() {
                let n = self.report.created + index as u64;
                row.new.status = SubscriberStatus::Pending;
                row.confirmation_due = Some(self.now + pace * n as f64);
                // The event is the import's request, made now: the old system's opt-in time
                // and IP would date it wrongly.
                row.consent_at = None;
                row.consent.ip = None;
            }
        }
        let stored = self
            .store
            .import_batch_ids(&rows, self.options.update, self.options.dry_run, self.now)
            .await?;
        drop(rows);
        self.created.extend(stored.created.iter().map(|id| id.0));
        for ((line, email, hash), outcome) in read.into_iter().zip(stored.outcomes) {
            if outcome != ImportOutcome::Created || self.options.dry_run {
                self.found.insert(hash);
            }
            let result = match outcome {
                ImportOutcome::Created => RowResult::Created,
                ImportOutcome::Updated => RowResult::Updated,
                ImportOutcome::Exists => RowResult::Skipped("exists"),
                ImportOutcome::Suppressed => RowResult::Skipped("suppressed"),
                ImportOutcome::Unsubscribed => RowResult::Skipped("unsubscribed"),
            };
            self.report.count(&result);
            observer.row(line, &email, &result, &[]);
        }
        Ok(())
    }
}

fn address_hash(email: &EmailAddress) -> u64 {
    let mut hasher = DefaultHasher::new();
    email.key().hash(&mut hasher);
    hasher.finish()
}

/// A slug for a list named in the file: lower-case ASCII letters and digits (German letters
/// spelled out), the rest one `-`, at most 64 bytes.
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.to_lowercase().chars() {
        let spelled = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            _ => "",
        };
        if !spelled.is_empty() {
            slug.push_str(spelled);
        } else if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_matches('-').to_owned();
    slug.truncate(crate::lists::MAX_SLUG_LEN);
    if slug.is_empty() { "list".into() } else { slug }
}

async fn known_lists(store: &dyn Store) -> Result<HashMap<String, ListId>, StoreError> {
    let mut known = HashMap::new();
    for list in store.lists().await? {
        for name in list.names.values() {
            known.insert(name.trim().to_lowercase(), list.id);
        }
        // Slugs win over a name that happens to equal another list's slug.
        known.insert(list.slug.to_lowercase(), list.id);
    }
    Ok(known)
}

/// The consent event every imported subscriber gets: the import, its source or proof, and who
/// ran it. The `user_agent` field carries this because an import has no browser.
fn consent_template(options: &ImportOptions) -> NewConsentEvent {
    let (version, detail) = match &options.consent {
        ImportConsent::ObtainedElsewhere { source } => {
            (IMPORT_ELSEWHERE_VERSION, format!("source: {source}"))
        }
        ImportConsent::ProofColumns => {
            (IMPORT_PROOF_VERSION, "opt-in time and IP from the file".into())
        }
        // Recorded as the API and the editor record a double opt-in they start: a sign-up
        // request of the form's consent text, which the confirmation then confirms.
        ImportConsent::DoubleOptIn { .. } => {
            (crate::CONSENT_TEXT_VERSION, "double opt-in mail".into())
        }
    };
    let action = match options.consent {
        ImportConsent::DoubleOptIn { .. } => ConsentAction::Signup,
        _ => ConsentAction::Import,
    };
    NewConsentEvent {
        subscriber_id: SubscriberId(0),
        action,
        text_version: Some(version.into()),
        language: None,
        ip: None,
        user_agent: Some(format!(
            "rundbrief import of {} by {}; {detail}",
            options.file_name, options.by
        )),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn slugs_of_list_names() {
        assert_eq!(slug("Veranstaltungen & Termine"), "veranstaltungen-termine");
        assert_eq!(slug("Über uns"), "ueber-uns");
        assert_eq!(slug("!!"), "list");
    }
}
