//! Translation files (issue 21): a variant exported for a translator as XLIFF 2.0, XLIFF 1.2
//! or PO, made from the base variant's latest revision, and such a file imported again as a
//! new revision of the translation, by the importing user and made from the exported revision.
//! Every unit that does not fit its source is named; nothing is saved then.

use rundbrief_core::model::{Variant, VariantInput};
use rundbrief_core::{IssueId, Language};
use rundbrief_render::translation::{self, Header, TranslationFormat, VariantText};
use rundbrief_store::RevisionAuthor;

use crate::{App, AppError, FieldError};

/// An exported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationFile {
    /// `issue-7-de-r3-pl.xlf`
    pub filename: String,
    pub media_type: &'static str,
    pub body: String,
    /// The base variant's revision the file was made from.
    pub source_revision: u32,
}

/// A translation that was imported.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedTranslation {
    pub variant: Variant,
    /// The base revision it was made from (the exported one).
    pub source_revision: u32,
    /// How many units the file had.
    pub units: usize,
}

fn invalid(field: &str, reason: impl Into<String>) -> AppError {
    AppError::Invalid(vec![FieldError::new(field, reason, "error-form-summary")])
}

impl App {
    /// The units of the base variant's latest revision for a translation into `language`,
    /// with that translation's text as targets where it has a unit that fits.
    pub async fn export_translation(
        &self,
        id: IssueId,
        language: Language,
        format: TranslationFormat,
    ) -> Result<TranslationFile, AppError> {
        let store = self.store();
        let issue = store.issue(id).await?;
        if language == issue.base_language {
            return Err(AppError::Conflict(format!(
                "{} is the issue's base language, the source of every translation",
                language.code()
            )));
        }
        let head = store
            .revision_heads(id)
            .await?
            .into_iter()
            .find(|h| h.language == issue.base_language)
            .ok_or(AppError::NotFound("base variant"))?;
        let source = store.variant_revision(id, issue.base_language, head.revision).await?;
        let existing =
            store.variants(id).await?.into_iter().find(|v| v.language == language).map(|v| {
                VariantText {
                    subject: v.subject,
                    preheader: v.preheader,
                    markdown: v.body_markdown,
                }
            });
        let header = Header {
            issue: id.0,
            source_lang: issue.base_language.code().to_owned(),
            target_lang: language.code().to_owned(),
            source_revision: head.revision,
        };
        let text = VariantText {
            subject: source.subject,
            preheader: source.preheader,
            markdown: source.body_markdown,
        };
        let body = translation::export(format, &header, &text, existing.as_ref());
        tracing::info!(issue = %id, language = language.code(), format = format.name(), source_revision = head.revision, "translation exported");
        Ok(TranslationFile {
            filename: format!(
                "issue-{}-{}-r{}-{}.{}",
                id.0,
                issue.base_language.code(),
                head.revision,
                language.code(),
                format.extension()
            ),
            media_type: format.media_type(),
            body,
            source_revision: head.revision,
        })
    }

    /// Checks a translation file against the base revision it names and saves it as a new
    /// revision of its language's variant. `expected` is the language the caller imports into
    /// (the API's path), if it names one. Each unit that does not fit is an
    /// [`AppError::Invalid`] entry whose field is the unit's id.
    pub async fn import_translation(
        &self,
        id: IssueId,
        file: &[u8],
        expected: Option<Language>,
        author: RevisionAuthor,
    ) -> Result<ImportedTranslation, AppError> {
        let read = translation::read(file).map_err(|e| invalid("file", e))?;
        let header = &read.header;
        if header.issue != id.0 {
            return Err(invalid(
                "file",
                format!("the file is for issue {}, not {}", header.issue, id.0),
            ));
        }
        let language = Language::parse(&header.target_lang).map_err(|_| {
            invalid(
                "file",
                format!("the file's target language '{}' is not one of ours", header.target_lang),
            )
        })?;
        if let Some(expected) = expected
            && expected != language
        {
            return Err(invalid(
                "file",
                format!("the file translates into {}, not {}", language.code(), expected.code()),
            ));
        }
        let store = self.store();
        let issue = store.issue(id).await?;
        if header.source_lang != issue.base_language.code() || language == issue.base_language {
            return Err(invalid(
                "file",
                format!(
                    "the file translates from {} into {}, but the issue's base language is {}",
                    header.source_lang,
                    language.code(),
                    issue.base_language.code()
                ),
            ));
        }
        let source =
            match store.variant_revision(id, issue.base_language, header.source_revision).await {
                Ok(source) => source,
                Err(rundbrief_store::StoreError::NotFound(_)) => {
                    return Err(invalid(
                        "file",
                        format!("the base variant has no revision {}", header.source_revision),
                    ));
                }
                Err(e) => return Err(e.into()),
            };
        let text = VariantText {
            subject: source.subject,
            preheader: source.preheader,
            markdown: source.body_markdown,
        };
        let built = translation::import(&read, &text).map_err(|problems| {
            AppError::Invalid(
                problems
                    .into_iter()
                    .map(|p| FieldError::new(&p.unit, p.problem, "error-form-summary"))
                    .collect(),
            )
        })?;
        let ready = store
            .variants(id)
            .await?
            .iter()
            .find(|v| v.language == language)
            .is_some_and(|v| v.ready);
        let input = VariantInput {
            subject: built.subject,
            preheader: built.preheader,
            body_markdown: built.markdown,
            ready,
        };
        let (variant, _, revision) = self
            .save_variant_unaudited(id, language, input, author, Some(header.source_revision))
            .await?;
        tracing::info!(issue = %id, language = language.code(), source_revision = header.source_revision, "translation imported");
        let detail = serde_json::json!({
            "language": language.code(),
            "source_revision": header.source_revision,
            "revision": revision,
        });
        let target = Some(crate::audit::Target::new("issue", id.0));
        self.record(crate::audit::actor_of(author), "variant.imported", target, detail).await;
        Ok(ImportedTranslation {
            variant,
            source_revision: header.source_revision,
            units: read.units.len(),
        })
    }
}
