//! The one error type of the jobs crate.

use rundbrief_core::IssueId;
use rundbrief_mail::MessageError;
use rundbrief_render::RenderError;
use rundbrief_store::StoreError;

/// Why a job could not do its work. Per-recipient problems (a 4xx, a 5xx, an address that
/// cannot be written into a header) are *not* errors: they are recorded in the delivery ledger
/// and counted in the batch outcome. An error means the batch itself could not go on.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// The database failed; deliveries claimed so far keep their lease and are taken over once
    /// it runs out.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A variant of the issue cannot be rendered (for example an unknown placeholder). This
    /// affects every recipient of that variant, so the batch stops instead of failing each one.
    #[error("issue {issue}: variant cannot be rendered: {source}")]
    Render {
        issue: IssueId,
        #[source]
        source: RenderError,
    },
    /// The sender settings cannot produce a message (invalid From, List-Id or Message-ID domain).
    #[error("mail settings: {0}")]
    Message(#[from] MessageError),
    /// The job queue failed: `doing` says at what (setup, migrations, pushing a job, running a
    /// worker); the source is apalis' error.
    #[error("job queue, {doing}: {source}")]
    Queue {
        doing: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A task the batch or the queue ran in died (a panic, or cancelled at shutdown).
    #[error("a job task ended early: {0}")]
    Task(#[from] tokio::task::JoinError),
    /// A lock was poisoned by an earlier panic; the process should be restarted.
    #[error("{0} poisoned by an earlier panic")]
    Poisoned(&'static str),
    /// Something the batch waited for went away before it answered (it was dropped).
    #[error("{0} went away before it finished")]
    Gone(&'static str),
    /// The worker identity could not be held: its lock failed, or every slot (or the fixed
    /// identity) is taken by a live process.
    #[error("worker identity {name}: {reason}")]
    Identity { name: String, reason: IdentityProblem },
    /// A confirmation job failed; it is retried by the sweep.
    #[error("confirmation: {0}")]
    Confirmation(#[from] rundbrief_app::ConfirmationError),
    /// A confirmation job reached a process that has no confirmation mailer.
    #[error("this worker has no confirmation mailer")]
    NoMailer,
}

impl JobError {
    /// A failure of the queue while doing `doing`.
    pub fn queue(
        doing: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self::Queue { doing: doing.into(), source: source.into() }
    }
}

/// Why a worker identity could not be held.
#[derive(Debug, thiserror::Error)]
pub enum IdentityProblem {
    #[error("held by another live process")]
    Taken,
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Database(#[from] sqlx::Error),
}
