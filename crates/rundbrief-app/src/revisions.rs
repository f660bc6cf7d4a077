//! Revisions of variants and stale translations (issue 21).
//!
//! Every save that changes a variant's text keeps a revision (who, when, the text); a
//! translation records the revision of the base-language variant it was made from: the one
//! the translator saw when saving, or the one an import names. A translation is *stale* when
//! the base variant's text has changed since that revision; saving or importing it again makes
//! it current. The sending confirmation lets the editor send a stale translation anyway or the
//! fallback instead ([`crate::campaign::Campaigns::send_now_with_fallback`]).

pub mod translation_files;

use rundbrief_core::model::{Variant, VariantInput};
use rundbrief_core::{IssueId, Language};
pub use rundbrief_render::{Block, BlockChange, BlockKind};
use rundbrief_render::{diff_blocks, variant_blocks};
pub use rundbrief_store::{RevisionAuthor, VariantRevision};
use rundbrief_store::{RevisionHead, StoreError};

use crate::issues::ensure_editable;
use crate::{App, AppError, FieldError};

/// Where a variant stands: its latest revision and, for a translation, whether its source
/// changed since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VariantState {
    pub language: Language,
    /// 0 only for a variant that has no revision yet (none is saved without one).
    pub revision: u32,
    /// The base variant's revision the translation was made from; `None` for the base variant
    /// itself and for a translation written before the base variant existed.
    pub source_revision: Option<u32>,
    /// The base variant's text changed after `source_revision`.
    pub stale: bool,
    /// The text is a machine translation's draft no person has saved since.
    pub machine_drafted: bool,
}

/// What changed in the base variant since a translation was made from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceChanges {
    pub language: Language,
    pub base_language: Language,
    /// The base revision the translation was made from (`None`: from no base text at all).
    pub from: Option<u32>,
    /// The base variant's latest revision.
    pub to: u32,
    pub stale: bool,
    /// Block by block, the whole text with what changed marked.
    pub changes: Vec<BlockChange>,
}

fn same_text(a: &VariantRevision, b: &VariantRevision) -> bool {
    a.subject == b.subject && a.preheader == b.preheader && a.body_markdown == b.body_markdown
}

impl App {
    /// Saves the variant of `language` as [`App::put_variant`] does, keeping a revision by
    /// `author`. `made_from` names the base revision a translation was made from (an import
    /// knows the one it was exported from); `None` takes the base variant's latest one, which
    /// is what the translator saw.
    /// Audited as `variant.saved` by the author.
    pub async fn save_variant(
        &self,
        id: IssueId,
        language: Language,
        input: VariantInput,
        author: RevisionAuthor,
        made_from: Option<u32>,
    ) -> Result<(Variant, bool), AppError> {
        let (variant, created, revision) =
            self.save_variant_unaudited(id, language, input, author, made_from).await?;
        let detail = serde_json::json!({
            "language": language.code(),
            "ready": variant.ready,
            "revision": revision,
            "created": created,
        });
        let target = Some(crate::audit::Target::new("issue", id.0));
        self.record(crate::audit::actor_of(author), "variant.saved", target, detail).await;
        Ok((variant, created))
    }

    /// [`App::save_variant`] without its audit entry, for callers that record their own (a
    /// translation import is `variant.imported`); also returns the revision it is at.
    pub(crate) async fn save_variant_unaudited(
        &self,
        id: IssueId,
        language: Language,
        input: VariantInput,
        author: RevisionAuthor,
        made_from: Option<u32>,
    ) -> Result<(Variant, bool, u32), AppError> {
        let store = self.store();
        let issue = store.issue(id).await?;
        ensure_editable(&issue, "its variants")?;
        let input = self.check_variant(language, input)?;
        if let Some(from) = made_from {
            let latest = store
                .revision_heads(id)
                .await?
                .into_iter()
                .find(|h| h.language == issue.base_language)
                .map_or(0, |h| h.revision);
            if language == issue.base_language || from == 0 || from > latest {
                return Err(AppError::Invalid(vec![FieldError::new(
                    "made_from",
                    format!("must be a revision of the base variant, 1 to {latest}"),
                    "error-form-summary",
                )]));
            }
        }
        let existed = store.variants(id).await?.iter().any(|v| v.language == language);
        let saved = store.save_variant(id, language, &input, author, made_from, self.now()).await?;
        tracing::info!(
            issue = %id,
            language = language.code(),
            ready = input.ready,
            revision = saved.head.revision,
            new_revision = saved.new_revision,
            "variant saved"
        );
        Ok((saved.variant, !existed, saved.head.revision))
    }

    /// Every variant's state, by language.
    pub async fn variant_states(&self, id: IssueId) -> Result<Vec<VariantState>, AppError> {
        let store = self.store();
        let issue = store.issue(id).await?;
        let heads = store.revision_heads(id).await?;
        let base = heads.iter().find(|h| h.language == issue.base_language).copied();
        let mut base_text: Option<VariantRevision> = None;
        let mut states = Vec::with_capacity(heads.len());
        for head in &heads {
            let stale = match (base, head.source_revision) {
                (Some(base), Some(from)) if head.language != base.language => {
                    from != base.revision
                        && self.text_changed(id, base, from, &mut base_text).await?
                }
                _ => false,
            };
            states.push(state(head, stale));
        }
        Ok(states)
    }

    /// Whether the base text at `from` differs from its latest revision; editing a text back
    /// to what it was is no change for the translation.
    async fn text_changed(
        &self,
        id: IssueId,
        base: RevisionHead,
        from: u32,
        latest: &mut Option<VariantRevision>,
    ) -> Result<bool, AppError> {
        let store = self.store();
        let latest = match latest {
            Some(latest) => latest,
            None => latest.insert(store.variant_revision(id, base.language, base.revision).await?),
        };
        Ok(match self.base_revision(id, base.language, from).await? {
            Some(old) => !same_text(&old, latest),
            None => true,
        })
    }

    /// A revision of the base variant a translation names; `None` when the base has no such
    /// revision, which happens when the issue's base language changed after the translation
    /// was made: then its source is unknown, and it counts as stale.
    async fn base_revision(
        &self,
        id: IssueId,
        base: Language,
        number: u32,
    ) -> Result<Option<VariantRevision>, AppError> {
        match self.store().variant_revision(id, base, number).await {
            Ok(revision) => Ok(Some(revision)),
            Err(StoreError::NotFound(_)) => Ok(None),
            Err(error) => Err(error.into()),
        }
    }

    /// The state of one variant; `NotFound` when it does not exist.
    pub async fn variant_state(
        &self,
        id: IssueId,
        language: Language,
    ) -> Result<VariantState, AppError> {
        self.variant_states(id)
            .await?
            .into_iter()
            .find(|s| s.language == language)
            .ok_or(AppError::NotFound("variant"))
    }

    /// The languages whose translation is stale.
    pub async fn stale_languages(&self, id: IssueId) -> Result<Vec<Language>, AppError> {
        Ok(self
            .variant_states(id)
            .await?
            .into_iter()
            .filter(|s| s.stale)
            .map(|s| s.language)
            .collect())
    }

    /// The revisions of a variant, newest first; `NotFound` when it never had one.
    pub async fn revisions(
        &self,
        id: IssueId,
        language: Language,
    ) -> Result<Vec<VariantRevision>, AppError> {
        self.store().issue(id).await?;
        let revisions = self.store().variant_revisions(id, language).await?;
        if revisions.is_empty() {
            return Err(AppError::NotFound("variant"));
        }
        Ok(revisions)
    }

    pub async fn revision(
        &self,
        id: IssueId,
        language: Language,
        number: u32,
    ) -> Result<VariantRevision, AppError> {
        self.store().issue(id).await?;
        Ok(self.store().variant_revision(id, language, number).await?)
    }

    /// What changed in the base variant since the translation of `language` was made from it.
    /// `NotFound` when the translation or the base variant does not exist; `Conflict` for the
    /// base language itself.
    pub async fn source_changes(
        &self,
        id: IssueId,
        language: Language,
    ) -> Result<SourceChanges, AppError> {
        let store = self.store();
        let issue = store.issue(id).await?;
        if language == issue.base_language {
            return Err(AppError::Conflict(format!(
                "{} is the base language of issue {id}; it has no source",
                language.code()
            )));
        }
        let state = self.variant_state(id, language).await?;
        let heads = store.revision_heads(id).await?;
        let base = heads
            .iter()
            .find(|h| h.language == issue.base_language)
            .ok_or(AppError::NotFound("variant"))?;
        let latest = store.variant_revision(id, base.language, base.revision).await?;
        let old = match state.source_revision {
            Some(from) => self.base_revision(id, base.language, from).await?,
            None => None,
        };
        let old_blocks = old
            .as_ref()
            .map(|o| variant_blocks(&o.subject, &o.preheader, &o.body_markdown))
            .unwrap_or_default();
        let new_blocks = variant_blocks(&latest.subject, &latest.preheader, &latest.body_markdown);
        Ok(SourceChanges {
            language,
            base_language: issue.base_language,
            from: state.source_revision,
            to: base.revision,
            stale: state.stale,
            changes: diff_blocks(&old_blocks, &new_blocks),
        })
    }
}

fn state(head: &RevisionHead, stale: bool) -> VariantState {
    VariantState {
        language: head.language,
        revision: head.revision,
        source_revision: head.source_revision,
        stale,
        machine_drafted: head.machine_drafted,
    }
}
