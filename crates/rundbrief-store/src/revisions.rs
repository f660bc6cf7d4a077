//! Revisions of issue variants (issue 21): every save that changes a variant's content is
//! kept with who saved it and when, and a translation records which revision of the
//! base-language variant it was made from. A translation made from an older revision than the
//! base variant's latest is stale.

use async_trait::async_trait;
use rundbrief_core::model::{Variant, VariantInput};
use rundbrief_core::{ApiTokenId, IssueId, Language, UserId};
use time::OffsetDateTime;

use crate::StoreResult;

/// Who saved a revision: an editor's account, an API token, or neither (the command line,
/// tests, the revision the upgrade wrote for what existed before).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RevisionAuthor {
    pub user: Option<UserId>,
    pub token: Option<ApiTokenId>,
}

/// One kept revision of a variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantRevision {
    pub issue_id: IssueId,
    pub language: Language,
    /// 1, 2, ... per variant; never reused, also after the variant was deleted.
    pub number: u32,
    pub subject: String,
    pub preheader: String,
    pub body_markdown: String,
    pub author: RevisionAuthor,
    /// The account's address or the token's name, for the editor UI; `None` when neither is
    /// known (any more).
    pub author_name: Option<String>,
    pub created_at: OffsetDateTime,
    /// For a translation: the base variant's revision it was made from.
    pub source_revision: Option<u32>,
}

/// The latest revision of one existing variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevisionHead {
    pub language: Language,
    pub revision: u32,
    pub source_revision: Option<u32>,
    /// The revision is a machine translation's draft that no person has saved since.
    pub machine_drafted: bool,
}

/// A saved variant and the revision it is at now.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedVariant {
    pub variant: Variant,
    pub head: RevisionHead,
    /// Whether this save added a revision (it changed the content, or a translation's source).
    pub new_revision: bool,
}

#[async_trait]
pub trait RevisionStore {
    /// Creates or replaces the variant and, in the same transaction, appends a revision when
    /// the content (subject, preheader, body) or, for a translation, its source revision
    /// differs from the latest one: saving the same text again, or only marking it ready,
    /// adds nothing. A translation's source is `made_from` when given (an import names the
    /// revision it was exported from), else the base variant's latest revision, which is the
    /// one the translator saw; the base variant's own revisions have none.
    async fn save_variant(
        &self,
        issue: IssueId,
        language: Language,
        input: &VariantInput,
        author: RevisionAuthor,
        made_from: Option<u32>,
        at: OffsetDateTime,
    ) -> StoreResult<SavedVariant>;
    /// Saves a machine translation's draft as [`Self::save_variant`] does (never ready; the
    /// caller sees to it), its revision marked `machine_drafted`. A person's later save of the
    /// same text is a new, unmarked revision.
    async fn save_machine_draft(
        &self,
        issue: IssueId,
        language: Language,
        input: &VariantInput,
        author: RevisionAuthor,
        at: OffsetDateTime,
    ) -> StoreResult<SavedVariant>;
    /// Changes only whether the variant is ready; no revision, since the text stays.
    async fn set_variant_ready(
        &self,
        issue: IssueId,
        language: Language,
        ready: bool,
        at: OffsetDateTime,
    ) -> StoreResult<Variant>;
    /// Newest first.
    async fn variant_revisions(
        &self,
        issue: IssueId,
        language: Language,
    ) -> StoreResult<Vec<VariantRevision>>;
    /// `NotFound` when there is no such revision.
    async fn variant_revision(
        &self,
        issue: IssueId,
        language: Language,
        number: u32,
    ) -> StoreResult<VariantRevision>;
    /// The latest revision of each variant the issue has, by language.
    async fn revision_heads(&self, issue: IssueId) -> StoreResult<Vec<RevisionHead>>;
}
