//! Imports uploaded through the API or the editor UI, run as background jobs: what was asked,
//! how far each got, and its report. The rows themselves go through [`crate::ImportStore`].

use async_trait::async_trait;
use time::OffsetDateTime;

use crate::StoreResult;

/// Where an import job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportJobStatus {
    Queued,
    Running,
    Done,
    Failed,
}

impl ImportJobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Running => "running",
            Self::Done => "done",
            Self::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "queued" => Self::Queued,
            "running" => Self::Running,
            "done" => Self::Done,
            "failed" => Self::Failed,
            _ => return None,
        })
    }

    /// Done or failed: nothing will change any more.
    pub fn is_finished(self) -> bool {
        matches!(self, Self::Done | Self::Failed)
    }
}

/// An import as it is asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct NewImportJob {
    pub file_name: String,
    /// The consent choice's kind (`obtained-elsewhere`, `proof`, `double-opt-in`), for lists.
    pub consent: String,
    /// Everything the run needs besides the file, as the use case wrote it.
    pub options: serde_json::Value,
    pub dry_run: bool,
    /// Who asked: an editor's account or an API token, as text for people to read.
    pub created_by: String,
    pub bytes_total: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportJob {
    pub id: i64,
    pub status: ImportJobStatus,
    pub file_name: String,
    pub consent: String,
    pub options: serde_json::Value,
    pub dry_run: bool,
    pub created_by: String,
    pub created_at: OffsetDateTime,
    pub started_at: Option<OffsetDateTime>,
    pub finished_at: Option<OffsetDateTime>,
    pub bytes_total: i64,
    pub bytes_done: i64,
    pub rows_done: i64,
    /// Written when the job is done (and, as far as it got, when it failed).
    pub report: Option<serde_json::Value>,
    pub error: Option<String>,
}

#[async_trait]
pub trait ImportJobStore {
    async fn create_import_job(
        &self,
        new: &NewImportJob,
        at: OffsetDateTime,
    ) -> StoreResult<ImportJob>;
    async fn import_job(&self, id: i64) -> StoreResult<ImportJob>;
    /// Newest first, keyset-paginated by id (`before` is the last id of the previous page).
    async fn import_jobs(&self, before: Option<i64>, limit: u32) -> StoreResult<Vec<ImportJob>>;
    /// Takes the oldest job that is queued, or running with a lease that ran out at `now` (its
    /// process died), as `running` under `claim` (the run's own token) with a lease until
    /// `lease_until`; its progress starts again from zero, as the run reads the file from the
    /// start. `None` when there is none.
    async fn claim_import_job(
        &self,
        claim: &str,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
    ) -> StoreResult<Option<ImportJob>>;
    /// Progress of the job `claim` runs, which also renews its lease. `NotFound` when the job
    /// is no longer running under `claim` (another run took it over: this one stops).
    async fn import_job_progress(
        &self,
        id: i64,
        claim: &str,
        bytes_done: i64,
        rows_done: i64,
        lease_until: OffsetDateTime,
    ) -> StoreResult<()>;
    /// Ends the job `claim` runs as `done` with its report, or as `failed` with `error`;
    /// `NotFound` when it is not running under `claim`.
    async fn finish_import_job(
        &self,
        id: i64,
        claim: &str,
        report: &serde_json::Value,
        error: Option<&str>,
        at: OffsetDateTime,
    ) -> StoreResult<ImportJob>;
}
