//! Composing issues: the issue itself (title, base language, segment), one variant per
//! language, who will get which variant, and each variant exactly as a subscriber of a given
//! language receives it. The API and `rundbrief preview` share [`preview`], so what an editor
//! checks is what the sending engine sends.
//!
//! Editing stops when sending starts: from then on an issue and its variants are the record of
//! what readers received, so only drafts and scheduled issues change ([`is_editable`]).

use rundbrief_core::model::{
    Issue, IssueStatus, IssueUpdate, NewIssue, Page, Variant, VariantInput,
};
use rundbrief_core::segment::{ListMatch, Segment};
use rundbrief_core::{IssueId, Language, TokenPurpose, TokenSigner};
use rundbrief_i18n::Locales;
use rundbrief_mail::{Email, ListHeaders, ListId, MessageWriter};
use rundbrief_render::{
    Personalisation, PreparedVariant, RenderError, SourceField, VariantSource, choose_variant,
    prepare,
};
use rundbrief_store::Store;

use crate::audit::{AuditActor, Target};
use crate::validate::{self, clean_optional_text};
use crate::{App, AppError, FieldError, Settings};

/// Longest subject and preheader, in characters; inboxes show far less of either.
pub const MAX_SUBJECT_CHARS: usize = 300;
/// Largest Markdown body, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Most regions or audiences one segment may name.
const MAX_SEGMENT_VALUES: usize = 100;

/// What a preview stands in for: a subscriber who does not exist. Its links carry a test
/// token (`crate::test_mail`), which leads to a page that says so and changes nothing.
const PREVIEW_ADDRESS: &str = "preview@example.invalid";

/// A new issue as an editor submits it; checked by [`App::create_issue`].
#[derive(Debug, Clone, PartialEq)]
pub struct IssueInput {
    pub title: String,
    pub base_language: Language,
    pub segment: SegmentInput,
}

/// A segment as submitted: list ids are checked against the lists that exist, regions and
/// audiences like the subscribers' own fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SegmentInput {
    pub lists: Vec<i64>,
    pub list_match: ListMatch,
    pub languages: Vec<Language>,
    pub regions: Vec<String>,
    pub audiences: Vec<String>,
}

/// Changes to an issue; `None` keeps a field, a segment replaces the whole segment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IssueChanges {
    pub title: Option<String>,
    pub base_language: Option<Language>,
    pub segment: Option<SegmentInput>,
}

/// How the subscribers of one language are served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VariantChoice {
    /// The variant in their own language is ready.
    Own,
    /// A language of the fallback chain stands in.
    Fallback,
    /// Neither their language nor any of the chain is ready: they would get nothing.
    Missing,
}

impl VariantChoice {
    pub fn as_str(self) -> &'static str {
        match self {
            VariantChoice::Own => "own",
            VariantChoice::Fallback => "fallback",
            VariantChoice::Missing => "none",
        }
    }
}

/// The recipients of one subscriber language and the variant they get.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudienceLanguage {
    pub language: Language,
    pub recipients: i64,
    pub variant: Option<Language>,
    pub choice: VariantChoice,
}

/// Who an issue would reach if it were sent now, per subscriber language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audience {
    /// Active, non-suppressed subscribers in the segment.
    pub total: i64,
    /// Of those, how many no ready variant serves.
    pub without_variant: i64,
    /// Languages whose variant is ready.
    pub ready: Vec<Language>,
    pub fallback_languages: Vec<Language>,
    /// By subscriber language code; languages without recipients are left out.
    pub languages: Vec<AudienceLanguage>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreviewFormat {
    /// The HTML part, as a mail client shows it.
    Html,
    /// The plain-text part.
    Text,
    /// The complete message (RFC 5322), as handed to an SMTP server without 8BITMIME.
    Eml,
    /// The complete message as handed to an SMTP server that offers 8BITMIME: parts whose lines
    /// fit go without transfer encoding.
    Eml8Bit,
}

/// Which issue to preview, and for whom.
#[derive(Debug, Clone, Copy)]
pub struct PreviewRequest<'a> {
    pub issue: IssueId,
    /// The subscriber's preferred language; the variant follows from it as in a real send.
    pub language: Language,
    pub format: PreviewFormat,
    /// For `{{ name }}`; without it the localised fallback shows.
    pub name: Option<&'a str>,
    /// The address in `To:` and `{{ email }}`; a placeholder address when `None`.
    pub recipient: Option<&'a str>,
}

/// A rendered preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// The language of the variant shown, which differs from the requested one on fallback.
    pub variant_language: Language,
    pub bytes: Vec<u8>,
}

/// Whether an issue and its variants may still change: once sending has started, they are the
/// record of what readers received.
fn issue_target(id: IssueId) -> Target {
    Target::new("issue", id.0)
}

pub fn is_editable(status: IssueStatus) -> bool {
    matches!(status, IssueStatus::Draft | IssueStatus::Scheduled)
}

pub(crate) fn ensure_editable(issue: &Issue, what: &str) -> Result<(), AppError> {
    if is_editable(issue.status) {
        return Ok(());
    }
    Err(AppError::Conflict(format!(
        "issue {} is {}; {what} can only change while it is a draft or scheduled",
        issue.id, issue.status
    )))
}

fn collect<T>(result: Result<T, FieldError>, errors: &mut Vec<FieldError>) -> Option<T> {
    result.map_err(|e| errors.push(e)).ok()
}

fn invalid(field: &str, reason: impl Into<String>) -> FieldError {
    FieldError::new(field, reason, "error-form-summary")
}

/// "Copy of {title}" in the editor's language, with the original title shortened so the whole
/// stays a valid title.
fn copy_title(original: &str, ui: Language) -> String {
    let text = |title: &str| {
        Locales::embedded().text(ui, "admin-issue-copy-title", &[("issue", title.into())])
    };
    let mut kept: Vec<char> = original.chars().collect();
    loop {
        let shortened: String = kept.iter().collect();
        let title = text(shortened.trim_end());
        if title.chars().count() <= validate::MAX_TEXT_LEN || kept.is_empty() {
            return title;
        }
        let over = title.chars().count() - validate::MAX_TEXT_LEN;
        kept.truncate(kept.len().saturating_sub(over));
    }
}

fn check_title(value: &str) -> Result<String, FieldError> {
    clean_optional_text("title", value)?.ok_or_else(|| invalid("title", "must not be empty"))
}

/// Trimmed single-line text of at most `max` characters; blank is the empty string.
fn check_line(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    let value = value.trim();
    if value.chars().count() > max {
        return Err(invalid(field, format!("must be at most {max} characters")));
    }
    if value.chars().any(char::is_control) {
        return Err(invalid(field, "must be one line without control characters"));
    }
    Ok(value.to_owned())
}

fn check_body(value: &str) -> Result<String, FieldError> {
    if value.len() > MAX_BODY_BYTES {
        return Err(invalid("body_markdown", format!("must be at most {MAX_BODY_BYTES} bytes")));
    }
    // PostgreSQL refuses NUL in text; other control characters are the editor's business.
    if value.contains('\0') {
        return Err(invalid("body_markdown", "must not contain NUL characters"));
    }
    Ok(value.to_owned())
}

/// The field of the variant a render problem is in, as the API spells it.
fn render_problem(error: &RenderError) -> FieldError {
    let field = match error {
        RenderError::UnknownPlaceholder { field: SourceField::Subject, .. } => "subject",
        RenderError::UnknownPlaceholder { field: SourceField::Preheader, .. } => "preheader",
        _ => "body_markdown",
    };
    invalid(field, error.to_string())
}

fn source(variant: &Variant) -> VariantSource<'_> {
    VariantSource {
        language: variant.language,
        subject: &variant.subject,
        preheader: &variant.preheader,
        markdown: &variant.body_markdown,
    }
}

impl App {
    /// Every problem of a title and a segment, for callers that report all problems at once.
    pub async fn issue_errors(
        &self,
        title: Option<&str>,
        segment: Option<&SegmentInput>,
    ) -> Result<Vec<FieldError>, AppError> {
        Ok(self.check_issue(title, segment).await?.2)
    }

    async fn check_issue(
        &self,
        title: Option<&str>,
        segment: Option<&SegmentInput>,
    ) -> Result<(Option<String>, Option<Segment>, Vec<FieldError>), AppError> {
        let mut errors = Vec::new();
        let title = title.and_then(|t| collect(check_title(t), &mut errors));
        let segment = match segment {
            Some(s) => self.check_segment(s, &mut errors).await?,
            None => None,
        };
        Ok((title, segment, errors))
    }

    async fn check_segment(
        &self,
        input: &SegmentInput,
        errors: &mut Vec<FieldError>,
    ) -> Result<Option<Segment>, AppError> {
        let before = errors.len();
        let lists = collect(self.existing_lists("segment.lists", &input.lists).await?, errors);
        let mut languages = input.languages.clone();
        languages.sort();
        languages.dedup();
        let mut regions: Vec<String> = Vec::new();
        let mut audiences: Vec<String> = Vec::new();
        for (field, values, out) in [
            ("segment.regions", &input.regions, &mut regions),
            ("segment.audiences", &input.audiences, &mut audiences),
        ] {
            if values.len() > MAX_SEGMENT_VALUES {
                errors.push(invalid(
                    field,
                    format!("must have at most {MAX_SEGMENT_VALUES} entries"),
                ));
                continue;
            }
            for value in values {
                let checked = if field == "segment.audiences" {
                    validate::audience(field, value)
                } else {
                    clean_optional_text(field, value)
                };
                match checked {
                    Ok(Some(v)) if !out.contains(&v) => out.push(v),
                    Ok(Some(_)) => {}
                    Ok(None) => {
                        errors.push(invalid(field, "entries must not be blank"));
                        break;
                    }
                    Err(e) => {
                        errors.push(e);
                        break;
                    }
                }
            }
        }
        match lists {
            Some(lists) if errors.len() == before => Ok(Some(Segment {
                lists,
                list_match: input.list_match,
                languages,
                regions,
                audiences,
            })),
            _ => Ok(None),
        }
    }

    pub async fn create_issue(
        &self,
        actor: AuditActor,
        input: IssueInput,
    ) -> Result<Issue, AppError> {
        let (title, segment, errors) =
            self.check_issue(Some(&input.title), Some(&input.segment)).await?;
        let (Some(title), Some(segment), true) = (title, segment, errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let new = NewIssue { title, base_language: input.base_language, segment };
        let issue = self.store().create_issue(&new, self.now()).await?;
        tracing::info!(issue = %issue.id, "issue created");
        let detail = serde_json::json!({ "base_language": issue.base_language.code() });
        self.record(actor, "issue.created", Some(issue_target(issue.id)), detail).await;
        Ok(issue)
    }

    /// Newest first; `before` is the `next` cursor of the previous page.
    pub async fn issues(&self, before: Option<i64>, limit: u32) -> Result<Page<Issue>, AppError> {
        Ok(self.store().list_issues(before, limit).await?)
    }

    pub async fn issue_with_variants(
        &self,
        id: IssueId,
    ) -> Result<(Issue, Vec<Variant>), AppError> {
        let issue = self.store().issue(id).await?;
        let variants = self.store().variants(id).await?;
        Ok((issue, variants))
    }

    pub async fn update_issue(
        &self,
        actor: AuditActor,
        id: IssueId,
        changes: IssueChanges,
    ) -> Result<Issue, AppError> {
        let store = self.store();
        let current = store.issue(id).await?;
        ensure_editable(&current, "it")?;
        let (title, segment, errors) =
            self.check_issue(changes.title.as_deref(), changes.segment.as_ref()).await?;
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let update = IssueUpdate { title, base_language: changes.base_language, segment };
        if update == IssueUpdate::default() {
            return Ok(current);
        }
        let detail = serde_json::json!({
            "title": update.title.is_some(),
            "base_language": update.base_language.map(|l| l.code()),
            "segment": update.segment.is_some(),
        });
        let issue = store.update_issue(id, &update, self.now()).await?;
        tracing::info!(issue = %id, "issue updated");
        self.record(actor, "issue.edited", Some(issue_target(id)), detail).await;
        Ok(issue)
    }

    /// Copies an issue, whatever its status, as a new draft (issue 23): same base language,
    /// segment and variants, no schedule and no sending history (see `IssueStore::copy_issue`).
    /// The variants keep their ready flags: the editor checks the copy's previews before
    /// sending it anyway, and a copy of a sent issue is usually sent again with small changes.
    /// Without `title` the copy is called "Copy of …" in `ui`, shortened to fit.
    pub async fn copy_issue(
        &self,
        id: IssueId,
        title: Option<&str>,
        ui: Language,
        author: rundbrief_store::RevisionAuthor,
    ) -> Result<Issue, AppError> {
        let store = self.store();
        let original = store.issue(id).await?;
        let title = match title {
            Some(title) => check_title(title).map_err(|e| AppError::Invalid(vec![e]))?,
            None => copy_title(&original.title, ui),
        };
        let copy = store.copy_issue(id, &title, author, self.now()).await?;
        tracing::info!(issue = %copy.id, original = %id, "issue copied");
        let detail = serde_json::json!({ "original": id.0 });
        let actor = crate::audit::actor_of(author);
        self.record(actor, "issue.copied", Some(issue_target(copy.id)), detail).await;
        Ok(copy)
    }

    /// Marks an issue, in any status, as a template offered for new issues, or not.
    pub async fn set_issue_template(
        &self,
        actor: AuditActor,
        id: IssueId,
        template: bool,
    ) -> Result<(), AppError> {
        self.store().set_issue_template(id, template).await?;
        tracing::info!(issue = %id, template, "issue template flag set");
        let detail = serde_json::json!({ "template": template });
        self.record(actor, "issue.edited", Some(issue_target(id)), detail).await;
        Ok(())
    }

    /// The templates, by title; starting from one is [`App::copy_issue`].
    pub async fn issue_templates(&self) -> Result<Vec<Issue>, AppError> {
        Ok(self.store().issue_templates().await?)
    }

    pub async fn is_issue_template(&self, id: IssueId) -> Result<bool, AppError> {
        Ok(self.issue_templates().await?.iter().any(|t| t.id == id))
    }

    /// Only drafts go; anything scheduled or sent stays on record.
    pub async fn delete_issue(&self, actor: AuditActor, id: IssueId) -> Result<(), AppError> {
        let store = self.store();
        let issue = store.issue(id).await?;
        if issue.status != IssueStatus::Draft {
            return Err(AppError::Conflict(format!(
                "issue {id} is {}; only drafts can be deleted",
                issue.status
            )));
        }
        store.delete_issue(id).await?;
        tracing::info!(issue = %id, "issue deleted");
        self.record(actor, "issue.deleted", Some(issue_target(id)), serde_json::Value::Null).await;
        Ok(())
    }

    /// Creates or replaces the variant of `language`; `true` when it is new. A variant marked
    /// ready is rendered first and refused if it cannot be, so the sending engine never meets
    /// a ready variant it cannot send. The save keeps a revision without an author; callers
    /// that know who saved use [`App::save_variant`].
    pub async fn put_variant(
        &self,
        id: IssueId,
        language: Language,
        input: VariantInput,
    ) -> Result<(Variant, bool), AppError> {
        self.save_variant(id, language, input, Default::default(), None).await
    }

    pub(crate) fn check_variant(
        &self,
        language: Language,
        input: VariantInput,
    ) -> Result<VariantInput, AppError> {
        let mut errors = Vec::new();
        let subject =
            collect(check_line("subject", &input.subject, MAX_SUBJECT_CHARS), &mut errors);
        let preheader =
            collect(check_line("preheader", &input.preheader, MAX_SUBJECT_CHARS), &mut errors);
        let body = collect(check_body(&input.body_markdown), &mut errors);
        let (Some(subject), Some(preheader), Some(body_markdown)) = (subject, preheader, body)
        else {
            return Err(AppError::Invalid(errors));
        };
        let checked = VariantInput { subject, preheader, body_markdown, ready: input.ready };
        if checked.ready {
            if checked.subject.is_empty() {
                errors.push(invalid("subject", "a ready variant needs a subject"));
            }
            if checked.body_markdown.trim().is_empty() {
                errors.push(invalid("body_markdown", "a ready variant needs a body"));
            }
            if errors.is_empty() {
                let source = VariantSource {
                    language,
                    subject: &checked.subject,
                    preheader: &checked.preheader,
                    markdown: &checked.body_markdown,
                };
                // Placeholders do not depend on the reader's language: one compile checks all.
                if let Err(e) =
                    prepare(&self.settings().templates, Locales::embedded(), &source, language)
                {
                    errors.push(render_problem(&e));
                }
            }
        }
        if errors.is_empty() { Ok(checked) } else { Err(AppError::Invalid(errors)) }
    }

    pub async fn variant(&self, id: IssueId, language: Language) -> Result<Variant, AppError> {
        self.store().issue(id).await?;
        Ok(self.store().variant(id, language).await?)
    }

    pub async fn delete_variant(
        &self,
        actor: AuditActor,
        id: IssueId,
        language: Language,
    ) -> Result<(), AppError> {
        let store = self.store();
        let issue = store.issue(id).await?;
        ensure_editable(&issue, "its variants")?;
        store.delete_variant(id, language).await?;
        tracing::info!(issue = %id, language = language.code(), "variant deleted");
        let detail = serde_json::json!({ "language": language.code() });
        self.record(actor, "variant.deleted", Some(issue_target(id)), detail).await;
        Ok(())
    }

    /// Recipients per subscriber language and the ready variant each language gets, by the
    /// same choice the sending engine makes.
    pub async fn audience(&self, id: IssueId) -> Result<Audience, AppError> {
        let store = self.store();
        let issue = store.issue(id).await?;
        let ready: Vec<Language> =
            store.variants(id).await?.into_iter().filter(|v| v.ready).map(|v| v.language).collect();
        let chain = &self.settings().fallback_languages;
        let counts = store.segment_counts(&issue.segment).await?;
        let languages: Vec<AudienceLanguage> = counts
            .into_iter()
            .map(|(language, recipients)| {
                let variant = choose_variant(language, &ready, chain);
                let choice = match variant {
                    Some(v) if v == language => VariantChoice::Own,
                    Some(_) => VariantChoice::Fallback,
                    None => VariantChoice::Missing,
                };
                AudienceLanguage { language, recipients, variant, choice }
            })
            .collect();
        Ok(Audience {
            total: languages.iter().map(|l| l.recipients).sum(),
            without_variant: languages
                .iter()
                .filter(|l| l.choice == VariantChoice::Missing)
                .map(|l| l.recipients)
                .sum(),
            ready,
            fallback_languages: chain.clone(),
            languages,
        })
    }

    /// The mail a reader of `language` would get from an unsaved draft of that language's
    /// variant, through the same renderer as [`App::preview`]; nothing is stored. The composer
    /// shows it while the editor types, before anything is saved.
    pub async fn preview_draft(
        &self,
        id: IssueId,
        language: Language,
        input: VariantInput,
        format: PreviewFormat,
    ) -> Result<Vec<u8>, AppError> {
        self.store().issue(id).await?;
        let checked = self.check_variant(language, VariantInput { ready: false, ..input })?;
        let source = VariantSource {
            language,
            subject: &checked.subject,
            preheader: &checked.preheader,
            markdown: &checked.body_markdown,
        };
        let prepared = prepare(&self.settings().templates, Locales::embedded(), &source, language)
            .map_err(|e| AppError::Invalid(vec![render_problem(&e)]))?;
        let request = PreviewRequest { issue: id, language, format, name: None, recipient: None };
        render(&self.inner.signer, self.settings(), &prepared, &request, false)
    }

    pub async fn preview(&self, request: &PreviewRequest<'_>) -> Result<Preview, AppError> {
        preview(&**self.store(), &self.inner.signer, self.settings(), request).await
    }

    /// The test mail of `request`: the preview as a message, its subject marked with a
    /// localised "[Test]" in the variant's language.
    pub async fn test_mail(&self, request: &PreviewRequest<'_>) -> Result<Preview, AppError> {
        preview_mail(&**self.store(), &self.inner.signer, self.settings(), request, true).await
    }
}

/// The mail a subscriber of `request.language` would receive, through the same renderer and
/// message writer as a real send.
///
/// The editor previews their own draft of the requested language even before it is marked
/// ready; for every other language only ready variants stand in, as in a real send.
pub async fn preview(
    store: &dyn Store,
    signer: &TokenSigner,
    settings: &Settings,
    request: &PreviewRequest<'_>,
) -> Result<Preview, AppError> {
    preview_mail(store, signer, settings, request, false).await
}

/// [`preview`], or with `test` the test mail (subject marked as a test).
async fn preview_mail(
    store: &dyn Store,
    signer: &TokenSigner,
    settings: &Settings,
    request: &PreviewRequest<'_>,
    test: bool,
) -> Result<Preview, AppError> {
    let id = request.issue;
    store.issue(id).await?;
    let variants = store.variants(id).await?;
    let candidates: Vec<Language> = variants
        .iter()
        .filter(|v| v.ready || v.language == request.language)
        .map(|v| v.language)
        .collect();
    let chain = &settings.fallback_languages;
    let variant = choose_variant(request.language, &candidates, chain)
        .and_then(|chosen| variants.iter().find(|v| v.language == chosen));
    let Some(variant) = variant else {
        let tried: Vec<&str> = std::iter::once(request.language)
            .chain(chain.iter().copied())
            .map(Language::code)
            .collect();
        return Err(AppError::Conflict(format!(
            "issue {id} has no variant for {} readers: none of {} exists and is ready",
            request.language.code(),
            tried.join(", ")
        )));
    };
    let prepared =
        prepare(&settings.templates, Locales::embedded(), &source(variant), request.language)
            .map_err(|e| AppError::Invalid(vec![render_problem(&e)]))?;
    let bytes = render(signer, settings, &prepared, request, test)?;
    Ok(Preview { variant_language: variant.language, bytes })
}

fn render(
    signer: &TokenSigner,
    settings: &Settings,
    prepared: &PreparedVariant,
    request: &PreviewRequest<'_>,
    test: bool,
) -> Result<Vec<u8>, AppError> {
    let base = settings.public_url.trim_end_matches('/');
    let subject = crate::test_mail::link_subject(request.language);
    let unsubscribe_url =
        format!("{base}/unsubscribe/{}", signer.sign(TokenPurpose::Unsubscribe, subject, None));
    let preferences_url =
        format!("{base}/preferences/{}", signer.sign(TokenPurpose::Preferences, subject, None));
    let recipient = request.recipient.unwrap_or(PREVIEW_ADDRESS);
    let who = Personalisation {
        name: request.name,
        email: recipient,
        unsubscribe_url: &unsubscribe_url,
        preferences_url: &preferences_url,
    };
    match request.format {
        PreviewFormat::Html => Ok(prepared.render_html(&who).into_bytes()),
        PreviewFormat::Text => Ok(prepared.render_text(&who).into_bytes()),
        PreviewFormat::Eml | PreviewFormat::Eml8Bit => {
            let mut subject = prepared.subject(&who);
            if test {
                let prefix =
                    Locales::embedded().text(prepared.language(), "mail-test-subject-prefix", &[]);
                subject = format!("{prefix} {subject}");
            }
            let html = prepared.render_html(&who);
            let text = prepared.render_text(&who);
            let organisation = &settings.templates.organisation;
            let list_id = ListId::new(organisation.name(), &organisation.list_id)
                .map_err(|e| AppError::Internal(format!("list_id in organisation.toml: {e}")))?;
            let list = ListHeaders {
                list_id: &list_id,
                unsubscribe_url: &unsubscribe_url,
                unsubscribe_mailto: None,
            };
            let mut email = Email::campaign(
                &settings.from,
                recipient,
                &subject,
                &text,
                &html,
                prepared.language(),
                list,
            );
            email.eight_bit = request.format == PreviewFormat::Eml8Bit;
            let domain = settings.from.address().rsplit('@').next().unwrap_or("localhost");
            let mut writer = MessageWriter::new(domain).map_err(|e| {
                AppError::Internal(format!("the sender domain of RUNDBRIEF_FROM: {e}"))
            })?;
            let built = writer
                .build(&email)
                .map_err(|e| AppError::Internal(format!("building the preview message: {e}")))?;
            Ok(built.bytes)
        }
    }
}
