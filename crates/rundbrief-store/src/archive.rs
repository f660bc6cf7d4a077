//! The public archive (issue 23): which issues anyone may read on the web, and the flag the
//! editor sets per issue ("show in the public archive", on by default).

use async_trait::async_trait;
use rundbrief_core::model::Issue;
use rundbrief_core::{IssueId, Language};

use crate::StoreResult;

/// An issue that went out (sending, paused or sent: readers have it) and is public, with the
/// subjects of its ready variants.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchivedIssue {
    pub issue: Issue,
    /// Ready variants as (language, subject), by language code.
    pub variants: Vec<(Language, String)>,
}

#[async_trait]
pub trait ArchiveStore {
    /// Public issues that went out, newest (highest id) first, at most `limit`.
    async fn archived_issues(&self, limit: u32) -> StoreResult<Vec<ArchivedIssue>>;
    /// One issue of the archive; `NotFound` when it is unknown, a draft, scheduled,
    /// cancelled before sending, or not public.
    async fn archived_issue(&self, id: IssueId) -> StoreResult<ArchivedIssue>;
    /// Whether the issue is public (shown in the archive once it went out).
    async fn issue_is_public(&self, id: IssueId) -> StoreResult<bool>;
    /// Sets the issue's public flag; `NotFound` for an unknown issue.
    async fn set_issue_public(&self, id: IssueId, public: bool) -> StoreResult<()>;
}
