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
    /// The job queue failed (setup, migrations, pushing a job).
    #[error("job queue: {0}")]
    Queue(String),
}
