//! Imports uploaded through the API or the editor UI, run as background jobs.
//!
//! An upload is streamed into a file of the data directory (`imports/{id}.csv`, 0600) and
//! recorded as a `queued` row of `imports` with its checked options; the answer comes at once.
//! A runner in the web process ([`ImportJobs::run`]) claims queued jobs with a lease, reads the
//! file through the same [`import_csv`] as `rundbrief import`, writes progress (bytes, rows)
//! while it renews the lease, and ends the job with its report. A server killed mid-import
//! leaves the job `running` with a lease that runs out; the next runner (the restarted server)
//! claims it and reads the file again from the start. That is correct because every row is
//! idempotent: a stored row is found as existing and written nothing twice, no consent event
//! twice. A real import's file is deleted when it ends; a dry run's file is kept for the
//! import that the preview confirms, and removed after a day when nobody does.

use std::collections::BTreeMap;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rundbrief_core::Language;
pub use rundbrief_store::{ImportJob, ImportJobStatus};
use rundbrief_store::{ImportUpdate, NewImportJob, Store, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tokio::sync::Notify;

use crate::audit::{AuditActor, Target, record};
use crate::import::columns::{Field, parse_map};
use crate::import::rows::sniff;
use crate::import::{
    ImportConsent, ImportError, ImportObserver, ImportOptions, RowResult, import_csv, open_csv,
};
use crate::{AppError, FieldError};

/// The largest file an upload may be: it is streamed to disk, never held in memory.
pub const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;
/// Rejected rows the report lists by line, column and reason; the rest are counted.
pub const REPORT_REJECTS: usize = 1000;
/// Rows whose outcome a dry run's report lists, for the preview.
pub const PREVIEW_ROWS: usize = 50;
/// The consent choices, as the API's `consent` parameter and the form spell them.
pub const CONSENT_KINDS: [&str; 3] = ["obtained-elsewhere", "proof", "double-opt-in"];
/// How long a runner holds a job without renewing; a dead runner's job waits this long.
const LEASE: Duration = Duration::from_secs(15);
/// How often the runner writes progress (and renews the lease) while a job runs.
const PROGRESS_EVERY: Duration = Duration::from_millis(500);
/// How often the runner looks for jobs besides being woken by an upload.
const SWEEP: Duration = Duration::from_secs(5);
/// A dry run's file that no import confirmed is removed after this long.
const PREVIEW_FILE_AGE: Duration = Duration::from_secs(24 * 3600);

/// An import as asked for, every field still raw (query parameters or form fields).
#[derive(Debug, Clone, Default)]
pub struct ImportRequest {
    /// One of [`CONSENT_KINDS`]; there is deliberately no default.
    pub consent: String,
    /// Where consent was obtained; required with `obtained-elsewhere`.
    pub source: String,
    /// Fields existing subscribers change in: any of `name`, `language`, `lists`.
    pub update: Vec<String>,
    pub create_lists: bool,
    /// Language of rows without one; empty for the instance's default.
    pub language: String,
    pub dry_run: bool,
    pub file_name: String,
    /// Who asks: an editor's account or an API token, as the consent log names them.
    pub by: String,
    /// `COLUMN=FIELD` mappings, as `rundbrief import --map` takes them (repeated `map`).
    pub map: Vec<String>,
}

impl ImportRequest {
    /// The request a URL query spells (`consent`, `source`, `update` (repeated), `language`,
    /// `file_name`, `create_lists`, `dry_run`, `map` (repeated)), as the API and the editor's
    /// upload send it,
    /// with each parameter that is not understood and why.
    pub fn from_query(query: &str) -> (Self, Vec<(String, &'static str)>) {
        let mut request = Self::default();
        let mut problems = Vec::new();
        let flag = |value: &str| match value {
            "true" | "1" | "yes" | "" => Some(true),
            "false" | "0" | "no" => Some(false),
            _ => None,
        };
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            match key.as_ref() {
                "consent" => request.consent = value.into_owned(),
                "source" => request.source = value.into_owned(),
                "update" => request.update.push(value.into_owned()),
                "map" => request.map.push(value.into_owned()),
                "language" => request.language = value.into_owned(),
                "file_name" => request.file_name = value.into_owned(),
                "create_lists" | "dry_run" => match flag(&value) {
                    Some(on) if key == "dry_run" => request.dry_run = on,
                    Some(on) => request.create_lists = on,
                    None => problems.push((key.into_owned(), "must be true or false")),
                },
                other => problems.push((other.to_owned(), "unknown query parameter")),
            }
        }
        (request, problems)
    }
}

/// The checked options of a job, stored with it as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobOptions {
    pub consent: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub update: Vec<String>,
    pub create_lists: bool,
    pub language: Language,
    pub dry_run: bool,
    pub file_name: String,
    pub by: String,
    /// The checked `COLUMN=FIELD` mappings; absent in jobs recorded before there were any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub map: Vec<String>,
}

impl JobOptions {
    /// The mappings as the import reads them (checked when the job was made).
    fn columns_map(&self) -> BTreeMap<String, Field> {
        self.map.iter().filter_map(|spec| parse_map(spec).ok()).collect()
    }
}

/// A file being uploaded, written to a temporary name until the job is recorded.
pub struct Upload {
    file: std::fs::File,
    path: PathBuf,
    bytes: u64,
}

impl Upload {
    /// Appends `chunk`; refuses what would pass [`MAX_IMPORT_BYTES`] (the caller answers 413).
    pub fn write(&mut self, chunk: &[u8]) -> Result<(), UploadError> {
        self.bytes += chunk.len() as u64;
        if self.bytes > MAX_IMPORT_BYTES {
            return Err(UploadError::TooLarge);
        }
        // A write of one body chunk lands in the page cache in microseconds; blocking the
        // runtime that long is cheaper than a thread hop per chunk.
        self.file.write_all(chunk).map_err(UploadError::Io)
    }

    pub fn bytes(&self) -> u64 {
        self.bytes
    }
}

impl Drop for Upload {
    fn drop(&mut self) {
        // Renamed away when the job was recorded; otherwise the upload was abandoned.
        let _ = std::fs::remove_file(&self.path);
    }
}

#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("the file is larger than {} MB", MAX_IMPORT_BYTES / 1024 / 1024)]
    TooLarge,
    #[error("the file cannot be stored: {0}")]
    Io(std::io::Error),
    /// The file is empty or its header cannot be imported; the text says why.
    #[error("{0}")]
    NotImportable(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The import jobs of one installation, cheap to clone.
#[derive(Clone)]
pub struct ImportJobs {
    inner: Arc<Inner>,
}

struct Inner {
    store: Arc<dyn Store>,
    dir: PathBuf,
    default_language: Language,
    /// The configured send rate, which paces double-opt-in mails of an import.
    send_rate: Option<f64>,
    wake: Notify,
}

impl ImportJobs {
    /// Jobs whose files live in `data_dir/imports`.
    pub fn new(
        store: Arc<dyn Store>,
        data_dir: &Path,
        default_language: Language,
        send_rate: Option<f64>,
    ) -> Self {
        let inner = Inner {
            store,
            dir: data_dir.join("imports"),
            default_language,
            send_rate,
            wake: Notify::new(),
        };
        Self { inner: Arc::new(inner) }
    }

    /// Checks a request before its file is read: the consent choice (never a default), its
    /// source, the fields to update and the language. Every problem at once.
    pub fn check(&self, request: &ImportRequest) -> Result<JobOptions, AppError> {
        let mut errors = Vec::new();
        let consent = request.consent.trim();
        let source = request.source.trim();
        if consent.is_empty() {
            errors.push(FieldError::new(
                "consent",
                "is required: say how the people in this file agreed to be mailed \
                 (obtained-elsewhere with a source, proof, or double-opt-in)",
                "admin-error-consent-choice",
            ));
        } else if !CONSENT_KINDS.contains(&consent) {
            errors.push(FieldError::new(
                "consent",
                "must be obtained-elsewhere, proof or double-opt-in",
                "admin-error-consent-choice",
            ));
        } else if consent == "obtained-elsewhere" && source.is_empty() {
            errors.push(FieldError::new(
                "source",
                "is required with obtained-elsewhere: say where, e.g. \"Paper forms 2023\"",
                "admin-error-consent-source",
            ));
        }
        if source.len() > crate::MAX_TEXT_LEN || source.contains('\0') {
            errors.push(FieldError::new("source", "is too long", "admin-error-field-source"));
        }
        let mut update = Vec::new();
        for field in request.update.iter().flat_map(|f| f.split(',')).map(str::trim) {
            match field {
                "" => {}
                "name" | "language" | "lists" => {
                    if !update.iter().any(|u| u == field) {
                        update.push(field.to_owned());
                    }
                }
                _ => errors.push(FieldError::new(
                    "update",
                    "may name only name, language and lists",
                    "admin-import-error-update",
                )),
            }
        }
        let language = match request.language.trim() {
            "" => Some(self.inner.default_language),
            code => {
                crate::validate::collect(crate::validate::language("language", code), &mut errors)
            }
        };
        let mut map = Vec::new();
        for spec in request.map.iter().map(|spec| spec.trim()).filter(|spec| !spec.is_empty()) {
            match parse_map(spec) {
                Ok(_) if spec.len() <= crate::MAX_TEXT_LEN => map.push(spec.to_owned()),
                Ok(_) => {
                    errors.push(FieldError::new("map", "is too long", "admin-import-error-map"))
                }
                Err(reason) => {
                    errors.push(FieldError::new("map", reason, "admin-import-error-map"))
                }
            }
        }
        let file_name: String =
            request.file_name.chars().filter(|c| !c.is_control()).take(200).collect();
        match language {
            Some(language) if errors.is_empty() => Ok(JobOptions {
                consent: consent.to_owned(),
                source: (consent == "obtained-elsewhere").then(|| source.to_owned()),
                update,
                create_lists: request.create_lists,
                language,
                dry_run: request.dry_run,
                file_name: if file_name.is_empty() { "upload.csv".into() } else { file_name },
                by: request.by.clone(),
                map,
            }),
            _ => Err(AppError::Invalid(errors)),
        }
    }

    /// A new upload into a private file of the data directory.
    pub fn upload(&self) -> Result<Upload, UploadError> {
        std::fs::create_dir_all(&self.inner.dir).map_err(UploadError::Io)?;
        let path = self.inner.dir.join(format!("upload-{:016x}.part", rand::random::<u64>()));
        let mut open = std::fs::OpenOptions::new();
        open.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut open, 0o600);
        let file = open.open(&path).map_err(UploadError::Io)?;
        Ok(Upload { file, path, bytes: 0 })
    }

    /// Records the job of a finished upload and wakes the runner. The file's header is read
    /// first, so a file without an e-mail column (or without the opt-in time that `proof`
    /// needs) is refused now rather than failing in the background.
    /// Audited as `import.started` (`import.previewed` for a dry run) by `actor`.
    pub async fn submit(
        &self,
        actor: AuditActor,
        options: JobOptions,
        mut upload: Upload,
    ) -> Result<ImportJob, UploadError> {
        upload.file.flush().map_err(UploadError::Io)?;
        check_header(&upload.path, &options)?;
        let job = self.record(&options, upload.bytes).await?;
        std::fs::rename(&upload.path, self.file_of(job.id)).map_err(UploadError::Io)?;
        tracing::info!(
            import = job.id,
            bytes = upload.bytes,
            dry_run = options.dry_run,
            "import queued"
        );
        self.audit(actor, &job, &options, None).await;
        self.inner.wake.notify_one();
        Ok(job)
    }

    /// The import a dry run previewed, with the same file and options: the preview's "start".
    /// Audited as `import.started` by `actor`.
    pub async fn confirm(
        &self,
        actor: AuditActor,
        preview: i64,
        by: &str,
    ) -> Result<ImportJob, AppError> {
        let job = self.inner.store.import_job(preview).await?;
        if !job.dry_run || job.status != ImportJobStatus::Done {
            return Err(AppError::Conflict("only a finished preview can be started".into()));
        }
        let mut options: JobOptions = serde_json::from_value(job.options)
            .map_err(|e| AppError::Internal(format!("import {preview}: options: {e}")))?;
        options.dry_run = false;
        options.by = by.to_owned();
        let from = self.file_of(preview);
        if !from.exists() {
            return Err(AppError::Conflict(
                "the previewed file is gone (started already, or older than a day); upload it again".into(),
            ));
        }
        let started = self.record(&options, job.bytes_total as u64).await?;
        std::fs::rename(&from, self.file_of(started.id))
            .map_err(|e| AppError::Internal(format!("cannot move the import file: {e}")))?;
        tracing::info!(import = started.id, preview, "import queued after its preview");
        self.audit(actor, &started, &options, Some(preview)).await;
        self.inner.wake.notify_one();
        Ok(started)
    }

    /// The audit entry of a queued job: its consent choice and options, not its file's name
    /// (which may name people) or source text.
    async fn audit(
        &self,
        actor: AuditActor,
        job: &ImportJob,
        options: &JobOptions,
        preview: Option<i64>,
    ) {
        let action = if options.dry_run { "import.previewed" } else { "import.started" };
        let detail = serde_json::json!({
            "consent": options.consent,
            "update": options.update,
            "create_lists": options.create_lists,
            "language": options.language.code(),
            "bytes": job.bytes_total,
            "preview": preview,
        });
        let now = time::OffsetDateTime::now_utc();
        let target = Some(Target::new("import", job.id));
        record(&*self.inner.store, now, actor, action, target, detail).await;
    }

    async fn record(&self, options: &JobOptions, bytes: u64) -> Result<ImportJob, StoreError> {
        let new = NewImportJob {
            file_name: options.file_name.clone(),
            consent: options.consent.clone(),
            options: serde_json::to_value(options).unwrap_or_default(),
            dry_run: options.dry_run,
            created_by: options.by.clone(),
            bytes_total: i64::try_from(bytes).unwrap_or(i64::MAX),
        };
        self.inner.store.create_import_job(&new, time::OffsetDateTime::now_utc()).await
    }

    pub async fn job(&self, id: i64) -> Result<ImportJob, AppError> {
        Ok(self.inner.store.import_job(id).await?)
    }

    /// Newest first; `before` is the last id of the previous page.
    pub async fn jobs(&self, before: Option<i64>, limit: u32) -> Result<Vec<ImportJob>, AppError> {
        Ok(self.inner.store.import_jobs(before, limit).await?)
    }

    fn file_of(&self, id: i64) -> PathBuf {
        self.inner.dir.join(format!("{id}.csv"))
    }

    /// The runner: claims and runs one job after another until `stop` resolves. Woken by each
    /// upload, and every few seconds for jobs whose runner died (and for any it missed).
    pub async fn run(self, stop: impl std::future::Future<Output = ()>) {
        tokio::pin!(stop);
        loop {
            loop {
                let now = time::OffsetDateTime::now_utc();
                // Each run has its own token, so a run that was taken over writes nothing more.
                let claim = format!("{:016x}", rand::random::<u64>());
                match self.inner.store.claim_import_job(&claim, now, now + LEASE).await {
                    Ok(Some(job)) => self.run_job(job, &claim).await,
                    Ok(None) => break,
                    Err(error) => {
                        tracing::warn!(%error, "cannot look for import jobs");
                        break;
                    }
                }
            }
            self.remove_stale_files().await;
            tokio::select! {
                () = &mut stop => return,
                () = self.inner.wake.notified() => {}
                () = tokio::time::sleep(SWEEP) => {}
            }
        }
    }

    async fn run_job(&self, job: ImportJob, claim: &str) {
        let id = job.id;
        tracing::info!(import = id, "import running");
        let outcome = self.import(job, claim).await;
        let now = time::OffsetDateTime::now_utc();
        let (report, error, dry_run) = match outcome {
            Ok((report, dry_run)) => (report, None, dry_run),
            Err((report, error)) => (report, Some(error), false),
        };
        match self.inner.store.finish_import_job(id, claim, &report, error.as_deref(), now).await {
            Ok(job) => {
                tracing::info!(import = id, status = job.status.as_str(), "import finished");
                // A preview's file waits for the import that its "start" makes of it.
                if !dry_run {
                    let _ = std::fs::remove_file(self.file_of(id));
                }
            }
            // Another run has the job (and reads the file): leave both to it.
            Err(StoreError::NotFound(_)) => {
                tracing::warn!(import = id, "import taken over by another run; this one stops");
            }
            Err(error) => tracing::warn!(import = id, %error, "cannot record the end of an import"),
        }
    }

    /// Runs one job's file through [`import_csv`]; the report, or the report so far and why
    /// the job failed.
    async fn import(
        &self,
        job: ImportJob,
        claim: &str,
    ) -> Result<(serde_json::Value, bool), (serde_json::Value, String)> {
        let options: JobOptions = serde_json::from_value(job.options.clone())
            .map_err(|e| (json!({}), format!("the job's options cannot be read: {e}")))?;
        let dry_run = options.dry_run;
        let import_options = self.import_options(&options);
        let file = std::fs::File::open(self.file_of(job.id))
            .map_err(|e| (json!({}), format!("the uploaded file cannot be read: {e}")))?;
        let collected = Arc::new(Mutex::new(Collected::new(dry_run)));
        let lost = Arc::new(AtomicBool::new(false));
        let progress =
            self.progress_writer(job.id, claim, Arc::clone(&collected), Arc::clone(&lost));
        let file = Held { file, lost };
        let store = Arc::clone(&self.inner.store);
        let observer_state = Arc::clone(&collected);
        // `import_csv` takes a `&mut dyn ImportObserver`, so its future is not `Send`: it runs
        // on a blocking thread that drives it on this runtime, like `rundbrief import` does on
        // its own.
        let handle = tokio::runtime::Handle::current();
        let result = tokio::task::spawn_blocking(move || {
            let mut observer = JobObserver { state: observer_state };
            let now = time::OffsetDateTime::now_utc();
            handle.block_on(import_csv(&*store, file, &import_options, now, &mut observer))
        })
        .await;
        progress.abort();
        let report = lock(&collected).report();
        match result {
            Ok(Ok(summary)) => Ok((with_summary(report, &summary), dry_run)),
            Ok(Err(error)) => Err((report, error.to_string())),
            Err(error) => Err((report, format!("the import stopped: {error}"))),
        }
    }

    fn import_options(&self, options: &JobOptions) -> ImportOptions {
        let consent = match (options.consent.as_str(), &options.source) {
            ("obtained-elsewhere", Some(source)) => {
                ImportConsent::ObtainedElsewhere { source: source.clone() }
            }
            ("double-opt-in", _) => ImportConsent::double_opt_in(self.inner.send_rate),
            _ => ImportConsent::ProofColumns,
        };
        let has = |field: &str| options.update.iter().any(|u| u == field);
        ImportOptions {
            consent,
            by: options.by.clone(),
            file_name: options.file_name.clone(),
            update: ImportUpdate {
                name: has("name"),
                language: has("language"),
                lists: has("lists"),
            },
            create_lists: options.create_lists,
            dry_run: options.dry_run,
            map: options.columns_map(),
            default_language: options.language,
            batch_size: crate::import::DEFAULT_BATCH_SIZE,
        }
    }

    /// Writes the job's progress every [`PROGRESS_EVERY`], which renews its lease too.
    /// When the job turns out to run under another claim (this process stalled past its
    /// lease and another took the job over), it sets `lost`, which stops the reading.
    fn progress_writer(
        &self,
        id: i64,
        claim: &str,
        collected: Arc<Mutex<Collected>>,
        lost: Arc<AtomicBool>,
    ) -> tokio::task::JoinHandle<()> {
        let store = Arc::clone(&self.inner.store);
        let claim = claim.to_owned();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(PROGRESS_EVERY).await;
                let (bytes, rows) = {
                    let state = lock(&collected);
                    (state.bytes, state.rows)
                };
                let lease = time::OffsetDateTime::now_utc() + LEASE;
                let to_i64 = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
                match store
                    .import_job_progress(id, &claim, to_i64(bytes), to_i64(rows), lease)
                    .await
                {
                    Ok(()) => {}
                    Err(StoreError::NotFound(_)) => {
                        lost.store(true, Ordering::Relaxed);
                        return;
                    }
                    Err(error) => {
                        tracing::warn!(import = id, %error, "cannot record an import's progress");
                    }
                }
            }
        })
    }

    /// Removes uploads and previews older than a day whose job will not read them again.
    async fn remove_stale_files(&self) {
        let Ok(entries) = std::fs::read_dir(&self.inner.dir) else { return };
        for entry in entries.filter_map(Result::ok) {
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|at| at.elapsed().is_ok_and(|age| age > PREVIEW_FILE_AGE));
            if !old {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let job = name.strip_suffix(".csv").and_then(|id| id.parse::<i64>().ok());
            let unfinished = match job {
                Some(id) => match self.inner.store.import_job(id).await {
                    Ok(job) => !job.status.is_finished(),
                    Err(StoreError::NotFound(_)) => false,
                    // Not now: the next sweep looks again.
                    Err(_) => true,
                },
                None => false,
            };
            if !unfinished {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// The job's file, which stops reading once the job is `lost` to another run: `import_csv`
/// then ends with that error at its next read (every 64 KiB).
struct Held {
    file: std::fs::File,
    lost: Arc<AtomicBool>,
}

impl std::io::Read for Held {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.lost.load(Ordering::Relaxed) {
            return Err(std::io::Error::other("the import was taken over by another run"));
        }
        self.file.read(buf)
    }
}

fn lock(collected: &Mutex<Collected>) -> std::sync::MutexGuard<'_, Collected> {
    collected.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The header of an uploaded file must name an e-mail column (and the opt-in time, for
/// `proof`), as `import_csv` will require.
fn check_header(path: &Path, options: &JobOptions) -> Result<(), UploadError> {
    let mut head = Vec::with_capacity(64 * 1024);
    std::fs::File::open(path)
        .and_then(|file| file.take(64 * 1024).read_to_end(&mut head))
        .map_err(UploadError::Io)?;
    if head.iter().all(u8::is_ascii_whitespace) {
        return Err(UploadError::NotImportable("the file is empty".into()));
    }
    let sniffed = sniff(&head);
    let body = if sniffed.bom { &head[3..] } else { &head[..] };
    match open_csv(body, &sniffed, &options.columns_map(), options.consent == "proof") {
        Ok(_) => Ok(()),
        Err(ImportError::Refused(reason)) => Err(UploadError::NotImportable(reason)),
        Err(error) => Err(UploadError::NotImportable(format!("not a CSV file: {error}"))),
    }
}

/// What a job's observer gathers for its progress and report.
struct Collected {
    dry_run: bool,
    bytes: u64,
    rows: u64,
    rejects: Vec<serde_json::Value>,
    rejects_more: u64,
    preview: Vec<serde_json::Value>,
}

impl Collected {
    fn new(dry_run: bool) -> Self {
        Self {
            dry_run,
            bytes: 0,
            rows: 0,
            rejects: Vec::new(),
            rejects_more: 0,
            preview: Vec::new(),
        }
    }

    fn report(&self) -> serde_json::Value {
        let mut report = json!({
            "rows": self.rows,
            "rejects": self.rejects,
            "rejects_not_listed": self.rejects_more,
        });
        if self.dry_run {
            report["preview"] = json!(self.preview);
        }
        report
    }
}

struct JobObserver {
    state: Arc<Mutex<Collected>>,
}

impl ImportObserver for JobObserver {
    fn row(&mut self, line: u64, email: &str, result: &RowResult, _record: &[String]) {
        let mut state = lock(&self.state);
        state.rows += 1;
        let (outcome, reason) = match result {
            RowResult::Created => ("created", None),
            RowResult::Updated => ("updated", None),
            RowResult::Skipped(reason) => ("skipped", Some((*reason).to_owned())),
            RowResult::Rejected(rejection) => {
                if state.rejects.len() < REPORT_REJECTS {
                    let reject = json!({
                        "line": line,
                        "column": rejection.column,
                        "reason": rejection.reason,
                    });
                    state.rejects.push(reject);
                } else {
                    state.rejects_more += 1;
                }
                ("rejected", Some(rejection.reason.clone()))
            }
        };
        // The preview shows the editor what each of the first rows would become; only a dry
        // run keeps addresses in its report.
        if state.dry_run && state.preview.len() < PREVIEW_ROWS {
            let row = json!({ "line": line, "email": email, "outcome": outcome, "reason": reason });
            state.preview.push(row);
        }
    }

    fn progress(&mut self, bytes: u64) {
        lock(&self.state).bytes = bytes;
    }
}

/// The report of a finished run: the observer's rows and rejects with the run's counts.
fn with_summary(
    mut report: serde_json::Value,
    summary: &crate::import::ImportReport,
) -> serde_json::Value {
    let skipped: BTreeMap<&str, u64> = summary.skipped.iter().map(|(k, v)| (*k, *v)).collect();
    report["created"] = json!(summary.created);
    report["updated"] = json!(summary.updated);
    report["skipped"] = json!(skipped);
    report["rejected"] = json!(summary.rejected);
    report["ignored_columns"] = json!(summary.ignored_columns);
    report["new_lists"] = json!(summary.new_lists);
    report
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A file name of its own in the system's temporary directory.
    fn temp_path(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("rundbrief-{:016x}-{name}", rand::random::<u64>()))
    }

    #[test]
    fn an_upload_stops_at_the_limit_and_an_abandoned_one_leaves_no_file() {
        let path = temp_path("upload.part");
        let file = std::fs::File::create(&path).unwrap();
        // As if all but three bytes of the limit had arrived already.
        let mut upload = Upload { file, path: path.clone(), bytes: MAX_IMPORT_BYTES - 3 };
        upload.write(b"abc").unwrap();
        assert!(matches!(upload.write(b"d"), Err(UploadError::TooLarge)));
        assert!(path.exists());
        drop(upload);
        assert!(!path.exists(), "an upload that was not submitted is removed");
    }

    #[test]
    fn a_header_without_an_address_column_or_proof_is_refused() {
        let path = temp_path("f.csv");
        let options = |consent: &str, map: &[&str]| JobOptions {
            consent: consent.into(),
            source: None,
            update: Vec::new(),
            create_lists: false,
            language: Language::De,
            dry_run: true,
            file_name: "f.csv".into(),
            by: "test".into(),
            map: map.iter().map(|m| (*m).to_owned()).collect(),
        };
        let check_mapped = |content: &str, consent: &str, map: &[&str]| {
            std::fs::write(&path, content).unwrap();
            check_header(&path, &options(consent, map))
        };
        let check = |content: &str, consent: &str| check_mapped(content, consent, &[]);
        assert!(check("\u{feff}E-Mail;Name\nana@example.pt;Ana\n", "double-opt-in").is_ok());
        let empty = check(" \n", "double-opt-in").unwrap_err().to_string();
        assert!(empty.contains("empty"), "{empty}");
        let no_email = check("name\nAna\n", "double-opt-in").unwrap_err().to_string();
        assert!(no_email.contains("no e-mail column"), "{no_email}");
        let no_proof = check("email\nana@example.pt\n", "proof").unwrap_err().to_string();
        assert!(no_proof.contains("opt-in time"), "{no_proof}");
        assert!(check("email,optin_time\nana@example.pt,2020-01-01\n", "proof").is_ok());
        let mapped = "Kontakt;Seit\nana@example.pt;2020-01-01\n";
        assert!(check_mapped(mapped, "proof", &["Kontakt=email", "Seit=optin_time"]).is_ok());
        let typo = check_mapped(mapped, "proof", &["Kontakt=email", "Sait=optin_time"]);
        assert!(typo.unwrap_err().to_string().contains("'sait'"));
        let _ = std::fs::remove_file(&path);
    }
}
