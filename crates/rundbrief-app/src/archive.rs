//! The public archive (issue 23): the issues that went out and are public, each in a visitor's
//! language by the fallback chain, with nobody's data in it (see `rundbrief_render::web`).
//!
//! An issue's address is its slug, `{id}-{title in ASCII}`: the id finds it, the rest is for
//! people, so a page asked for by a stale or shortened slug is still found (the web layer
//! redirects it to the canonical one).

use rundbrief_core::model::Issue;
use rundbrief_core::{IssueId, Language};
use rundbrief_i18n::Locales;
use rundbrief_render::{VariantSource, WebVersion, choose_variant, web_version};
use rundbrief_store::ArchivedIssue;

use crate::{App, AppError};

/// How many issues the archive page and each feed show, newest first.
pub const ARCHIVE_LIMIT: u32 = 200;
/// How many issues a feed carries in full.
pub const FEED_LIMIT: u32 = 20;
/// The longest title part of a slug.
const MAX_SLUG_TITLE: usize = 60;

/// An issue as the archive lists it for one visitor.
#[derive(Debug, Clone)]
pub struct ArchiveEntry {
    pub id: IssueId,
    pub slug: String,
    /// The variant the visitor reads: their language if ready, else the chain's.
    pub language: Language,
    /// Its subject, placeholders filled with neutral text.
    pub subject: String,
    /// When the issue last changed state (its start of sending, or its end).
    pub date: time::OffsetDateTime,
}

/// One issue's web version for one visitor.
#[derive(Debug, Clone)]
pub struct ArchivePage {
    pub id: IssueId,
    pub slug: String,
    pub date: time::OffsetDateTime,
    pub web: WebVersion,
    /// Every ready variant's language, for `hreflang` alternates.
    pub languages: Vec<Language>,
}

/// The slug of an issue: its id, then its title's ASCII letters and digits in lower case,
/// everything else as single dashes.
pub fn issue_slug(issue: &Issue) -> String {
    let mut title = String::new();
    for c in issue.title.chars() {
        if c.is_ascii_alphanumeric() {
            title.push(c.to_ascii_lowercase());
        } else if !title.ends_with('-') && !title.is_empty() {
            title.push('-');
        }
        if title.len() >= MAX_SLUG_TITLE {
            break;
        }
    }
    let title = title.trim_end_matches('-');
    if title.is_empty() { issue.id.0.to_string() } else { format!("{}-{title}", issue.id.0) }
}

/// The issue id a slug names: its leading digits.
pub fn slug_id(slug: &str) -> Option<IssueId> {
    let digits = slug.split('-').next()?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().map(IssueId)
}

impl App {
    /// The link the public pages put where a mail has personal links: the sign-up page.
    fn neutral_url(&self) -> String {
        format!("{}/subscribe", self.settings().public_url)
    }

    fn chosen(&self, archived: &ArchivedIssue, visitor: Language) -> Option<Language> {
        let ready: Vec<Language> = archived.variants.iter().map(|(l, _)| *l).collect();
        choose_variant(visitor, &ready, &self.settings().fallback_languages)
            .or_else(|| {
                ready
                    .contains(&archived.issue.base_language)
                    .then_some(archived.issue.base_language)
            })
            .or_else(|| ready.first().copied())
    }

    /// The archive for a visitor of `visitor`, newest first; issues without a ready variant
    /// are left out.
    pub async fn archive(&self, visitor: Language) -> Result<Vec<ArchiveEntry>, AppError> {
        let archived = self.store().archived_issues(ARCHIVE_LIMIT).await?;
        let mut entries = Vec::with_capacity(archived.len());
        for item in &archived {
            let Some(language) = self.chosen(item, visitor) else { continue };
            let Some((_, subject)) = item.variants.iter().find(|(l, _)| *l == language) else {
                continue;
            };
            let source = VariantSource { language, subject, preheader: "", markdown: "" };
            let web = self.render_web(&source, visitor)?;
            entries.push(ArchiveEntry {
                id: item.issue.id,
                slug: issue_slug(&item.issue),
                language,
                subject: web.subject,
                date: item.issue.updated_at,
            });
        }
        Ok(entries)
    }

    /// One issue of the archive in the visitor's language by the fallback chain, or `lang`'s
    /// own variant when that is ready (the view-in-browser link names the variant a reader
    /// got). `NotFound` for drafts, non-public issues and unknown ids alike.
    pub async fn archived_issue(
        &self,
        id: IssueId,
        visitor: Language,
    ) -> Result<ArchivePage, AppError> {
        let archived = self.store().archived_issue(id).await?;
        let language =
            self.chosen(&archived, visitor).ok_or(AppError::NotFound("archived issue"))?;
        let variant = self.store().variant(id, language).await?;
        let source = VariantSource {
            language,
            subject: &variant.subject,
            preheader: &variant.preheader,
            markdown: &variant.body_markdown,
        };
        Ok(ArchivePage {
            id,
            slug: issue_slug(&archived.issue),
            date: archived.issue.updated_at,
            web: self.render_web(&source, visitor)?,
            languages: archived.variants.iter().map(|(l, _)| *l).collect(),
        })
    }

    /// Whether the issue is shown in the public archive once it went out (on by default).
    pub async fn issue_is_public(&self, id: IssueId) -> Result<bool, AppError> {
        Ok(self.store().issue_is_public(id).await?)
    }

    /// The editor's "show in the public archive": also afterwards, to take an issue out.
    pub async fn set_issue_public(&self, id: IssueId, public: bool) -> Result<(), AppError> {
        self.store().set_issue_public(id, public).await?;
        tracing::info!(issue_id = %id, public, "archive visibility set");
        Ok(())
    }

    /// The newest issues of the archive in full, for the feed of `visitor`'s language.
    pub async fn archive_feed(&self, visitor: Language) -> Result<Vec<ArchivePage>, AppError> {
        let archived = self.store().archived_issues(FEED_LIMIT).await?;
        let mut pages = Vec::with_capacity(archived.len());
        for item in archived {
            if self.chosen(&item, visitor).is_some() {
                pages.push(self.archived_issue(item.issue.id, visitor).await?);
            }
        }
        Ok(pages)
    }

    fn render_web(
        &self,
        source: &VariantSource<'_>,
        visitor: Language,
    ) -> Result<WebVersion, AppError> {
        let templates = &self.settings().templates;
        web_version(templates, Locales::embedded(), source, visitor, &self.neutral_url())
            .map_err(|e| AppError::Internal(format!("a ready variant does not render: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(id: i64, title: &str) -> Issue {
        Issue {
            id: IssueId(id),
            title: title.into(),
            base_language: Language::De,
            status: rundbrief_core::model::IssueStatus::Sent,
            status_reason: None,
            segment: rundbrief_core::segment::Segment::everyone(),
            scheduled_at: None,
            created_at: time::OffsetDateTime::UNIX_EPOCH,
            updated_at: time::OffsetDateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn slugs_start_with_the_id_and_are_ascii() {
        assert_eq!(issue_slug(&issue(7, "Rundbrief Dezember 2026!")), "7-rundbrief-dezember-2026");
        assert_eq!(issue_slug(&issue(8, "Über – Straße")), "8-ber-stra-e");
        assert_eq!(issue_slug(&issue(9, "Ζ")), "9");
        assert_eq!(slug_id("7-rundbrief"), Some(IssueId(7)));
        assert_eq!(slug_id("7"), Some(IssueId(7)));
        for bad in ["", "x-7", "-7", "7x"] {
            assert_eq!(slug_id(bad), None, "{bad}");
        }
    }
}
