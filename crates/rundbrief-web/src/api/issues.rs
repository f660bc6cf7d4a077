//! The issue part of `/api/v1`: issues (title, base language, segment), one variant per
//! language, the audience an issue would reach, and previews of the mail a subscriber of a
//! given language receives. Sending controls live elsewhere.
//!
//! Bodies are read field by field like the rest of the API (see [`super`]): a 422 names
//! every failing field, unknown fields are refused, and the segment's own fields are named
//! `segment.<field>`.

use axum::Router;
use axum::extract::{FromRequestParts, Path, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rundbrief_app::validate::{self as check, clean_optional_text};
use rundbrief_app::{
    AppError, Audience, IssueChanges, IssueInput, PreviewFormat, PreviewRequest, RevisionAuthor,
    SegmentInput, VariantState,
};
use rundbrief_core::model::{ApiToken, Issue, Variant, VariantInput};
use rundbrief_core::segment::{ListMatch, Segment};
use rundbrief_core::{IssueId, Language};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::MAX_IDS;
use super::body::read;
use super::schema::{AudienceKind, LanguageCode, NonBlankText, RecordId};
use super::{Body, DEFAULT_PAGE, Id, MAX_PAGE, Problems, RequestBody, json, rfc3339};
use crate::AppState;
use crate::error::{ApiError, FieldProblem};
use crate::extract::row_id;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/issues", get(list_issues).post(create_issue))
        .route("/issues/{id}", get(get_issue).patch(update_issue).delete(delete_issue))
        .route(
            "/issues/{id}/variants/{lang}",
            get(get_variant).put(put_variant).delete(delete_variant),
        )
        .route("/issues/{id}/audience", get(audience))
        .route("/issues/{id}/preview/{lang}", get(preview))
}

/// Who an issue goes to. Every criterion narrows; an empty one does not restrict.
#[derive(Debug, Serialize, ToSchema)]
pub struct SegmentBody {
    /// List ids; see `list_match`.
    pub lists: Vec<i64>,
    /// `any`: on at least one of the lists; `all`: on every one.
    #[schema(example = "any")]
    pub list_match: String,
    /// Subscriber languages (codes).
    pub languages: Vec<String>,
    pub regions: Vec<String>,
    /// citizen, counsellor or organisation.
    pub audiences: Vec<String>,
}

impl From<&Segment> for SegmentBody {
    fn from(s: &Segment) -> Self {
        Self {
            lists: s.lists.iter().map(|l| l.0).collect(),
            list_match: match s.list_match {
                ListMatch::Any => "any",
                ListMatch::All => "all",
            }
            .to_owned(),
            languages: s.languages.iter().map(|l| l.code().to_owned()).collect(),
            regions: s.regions.clone(),
            audiences: s.audiences.clone(),
        }
    }
}

/// What an issue says about one of its variants.
#[derive(Debug, Serialize, ToSchema)]
pub struct VariantSummary {
    #[schema(example = "de")]
    pub language: String,
    pub ready: bool,
    pub updated_at: String,
    /// The variant's latest revision.
    #[schema(minimum = 0)]
    pub revision: u32,
    /// A translation whose base text changed since it was made (see the variant).
    pub stale: bool,
}

/// An issue as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssueBody {
    pub id: i64,
    pub title: String,
    /// The language the editors write first.
    #[schema(example = "de")]
    pub base_language: String,
    /// draft, scheduled, sending, paused, sent or cancelled.
    #[schema(example = "draft")]
    pub status: String,
    /// Whether the issue and its variants can still change (draft or scheduled).
    pub editable: bool,
    pub segment: SegmentBody,
    pub scheduled_at: Option<String>,
    /// Why the issue stopped by itself (e.g. paused after repeated SMTP failures).
    pub status_reason: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    pub updated_at: String,
    /// The variants, by language (single-issue responses only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variants: Option<Vec<VariantSummary>>,
    /// Shown in the public archive once it went out (single-issue responses only; set with
    /// `PUT /issues/{id}/public`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public: Option<bool>,
}

impl IssueBody {
    pub(crate) fn new(issue: Issue, variants: Option<Vec<Variant>>) -> Self {
        Self {
            id: issue.id.0,
            title: issue.title,
            base_language: issue.base_language.code().to_owned(),
            status: issue.status.as_str().to_owned(),
            editable: rundbrief_app::issues::is_editable(issue.status),
            segment: SegmentBody::from(&issue.segment),
            scheduled_at: issue.scheduled_at.map(rfc3339),
            status_reason: issue.status_reason,
            created_at: rfc3339(issue.created_at),
            updated_at: rfc3339(issue.updated_at),
            variants: variants.map(|vs| {
                vs.into_iter()
                    .map(|v| VariantSummary {
                        language: v.language.code().to_owned(),
                        ready: v.ready,
                        updated_at: rfc3339(v.updated_at),
                        revision: 0,
                        stale: false,
                    })
                    .collect()
            }),
            public: None,
        }
    }
}

impl IssueBody {
    /// The variants' revisions and staleness filled in from `states`.
    pub(crate) fn with_states(mut self, states: &[VariantState]) -> Self {
        for summary in self.variants.iter_mut().flatten() {
            if let Some(s) = states.iter().find(|s| s.language.code() == summary.language) {
                summary.revision = s.revision;
                summary.stale = s.stale;
            }
        }
        self
    }
}

/// One page of issues, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuePage {
    pub items: Vec<IssueBody>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<i64>,
}

/// A segment as submitted; every field is optional and an absent one does not restrict.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SegmentRequest {
    /// Ids of existing lists.
    #[schema(max_items = 1000)]
    pub lists: Option<Vec<RecordId>>,
    /// `any` (default) or `all`.
    pub list_match: Option<ListMatchKind>,
    pub languages: Option<Vec<LanguageCode>>,
    #[schema(max_items = 100)]
    pub regions: Option<Vec<NonBlankText>>,
    #[schema(max_items = 100)]
    pub audiences: Option<Vec<AudienceKind>>,
}

impl RequestBody for SegmentRequest {
    fn check(&self, problems: &mut Problems) {
        problems.at_most("lists", self.lists.as_deref(), MAX_IDS);
    }
}

/// The segment's limits, its problems named `segment.<field>`.
fn check_segment(segment: Option<&SegmentRequest>, problems: &mut Problems) {
    if let Some(segment) = segment {
        problems.at_most("segment.lists", segment.lists.as_deref(), MAX_IDS);
    }
}

/// `any`: on at least one of the lists; `all`: on every one.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ListMatchKind {
    Any,
    All,
}

impl From<SegmentRequest> for SegmentInput {
    fn from(s: SegmentRequest) -> Self {
        SegmentInput {
            lists: s.lists.unwrap_or_default().into_iter().map(|id| id.0).collect(),
            list_match: match s.list_match {
                Some(ListMatchKind::All) => ListMatch::All,
                Some(ListMatchKind::Any) | None => ListMatch::Any,
            },
            languages: s.languages.unwrap_or_default().into_iter().map(|l| l.0).collect(),
            regions: s.regions.unwrap_or_default().into_iter().map(|r| r.0).collect(),
            audiences: s
                .audiences
                .unwrap_or_default()
                .into_iter()
                .map(|a| a.as_str().to_owned())
                .collect(),
        }
    }
}

/// Problems inside `segment`, and the part of it that could be read.
fn segment_problems(field: &str, value: &Value) -> Option<(Problems, Value)> {
    let ("segment", Value::Object(map)) = (field, value) else { return None };
    let (segment, problems) = read::<SegmentRequest>(map.clone());
    Some((problems, serde_json::to_value(segment).unwrap_or(Value::Null)))
}

/// A new issue.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct IssueCreate {
    /// For the editors; readers see the variants' subjects.
    #[schema(
        required,
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"
    )]
    pub title: String,
    /// Defaults to the instance's default language.
    pub base_language: Option<LanguageCode>,
    /// Defaults to every active subscriber.
    pub segment: Option<SegmentRequest>,
}

impl RequestBody for IssueCreate {
    const REQUIRED: &'static [&'static str] = &["title"];
    const OBJECTS: &'static [&'static str] = &["segment"];
    fn nested(field: &str, value: &Value) -> Option<(Problems, Value)> {
        segment_problems(field, value)
    }
    fn check(&self, problems: &mut Problems) {
        check_segment(self.segment.as_ref(), problems);
    }
}

/// Changes to a draft or scheduled issue; absent fields stay, a segment replaces the segment.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct IssuePatch {
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"
    )]
    pub title: Option<String>,
    pub base_language: Option<LanguageCode>,
    pub segment: Option<SegmentRequest>,
}

impl RequestBody for IssuePatch {
    const OBJECTS: &'static [&'static str] = &["segment"];
    fn nested(field: &str, value: &Value) -> Option<(Problems, Value)> {
        segment_problems(field, value)
    }
    fn check(&self, problems: &mut Problems) {
        check_segment(self.segment.as_ref(), problems);
    }
}

/// One language variant of an issue.
#[derive(Debug, Serialize, ToSchema)]
pub struct VariantBody {
    pub issue_id: i64,
    #[schema(example = "pl")]
    pub language: String,
    /// May use placeholders such as `{{ name }}`.
    pub subject: String,
    /// The preview text inboxes show after the subject.
    pub preheader: String,
    pub body_markdown: String,
    /// Ready variants are sent; the others are drafts.
    pub ready: bool,
    pub updated_at: String,
    /// The variant's latest revision (see `/revisions`).
    #[schema(minimum = 0)]
    pub revision: u32,
    /// For a translation: the base-language variant's revision it was made from; `null` for
    /// the base variant and for a translation written before the base variant existed.
    #[schema(minimum = 1)]
    pub source_revision: Option<u32>,
    /// The base variant's text changed since `source_revision`: the translation needs an
    /// update. Saving it again clears this.
    pub stale: bool,
    /// The text is a machine translation's draft that no person has saved since (see
    /// `/machine-draft`).
    pub machine_drafted: bool,
}

impl VariantBody {
    pub(crate) fn new(v: Variant, state: Option<VariantState>) -> Self {
        Self {
            issue_id: v.issue_id.0,
            language: v.language.code().to_owned(),
            subject: v.subject,
            preheader: v.preheader,
            body_markdown: v.body_markdown,
            ready: v.ready,
            updated_at: rfc3339(v.updated_at),
            revision: state.map_or(0, |s| s.revision),
            source_revision: state.and_then(|s| s.source_revision),
            stale: state.is_some_and(|s| s.stale),
            machine_drafted: state.is_some_and(|s| s.machine_drafted),
        }
    }
}

/// A variant to create or replace. A ready variant must render: an unknown placeholder, an
/// empty subject or an empty body is refused with 422.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct VariantRequest {
    /// One line, at most 300 characters.
    #[schema(required, max_length = 300, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    pub subject: String,
    /// One line, at most 300 characters; defaults to empty.
    #[schema(max_length = 300, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    pub preheader: Option<String>,
    /// Markdown. The whole request body may have 64 KiB at most.
    #[schema(required, max_length = 60000, pattern = r"^[^\u0000]*$")]
    pub body_markdown: String,
    /// Defaults to false.
    pub ready: Option<bool>,
}

/// Longest Markdown body, in characters: with the rest of the body within the 64 KiB a
/// request may have, as long as it is mostly ASCII.
const MAX_MARKDOWN_CHARS: usize = 60_000;

impl RequestBody for VariantRequest {
    const REQUIRED: &'static [&'static str] = &["subject", "body_markdown"];
    fn check(&self, problems: &mut Problems) {
        if self.body_markdown.chars().count() > MAX_MARKDOWN_CHARS {
            problems
                .fail("body_markdown", format!("must be at most {MAX_MARKDOWN_CHARS} characters"));
        }
    }
}

/// The recipients of one subscriber language.
#[derive(Debug, Serialize, ToSchema)]
pub struct AudienceLanguageBody {
    /// The subscribers' preferred language.
    #[schema(example = "pl")]
    pub language: String,
    pub recipients: i64,
    /// The language of the variant they get; `null` when none is ready for them.
    #[schema(example = "de")]
    pub variant: Option<String>,
    /// `own`: their language's variant; `fallback`: one of the fallback chain; `none`.
    #[schema(example = "fallback")]
    pub choice: String,
}

/// Who the issue would reach if it were sent now.
#[derive(Debug, Serialize, ToSchema)]
pub struct AudienceBody {
    /// Active, non-suppressed subscribers in the segment.
    pub total: i64,
    /// Of those, how many no ready variant serves; they would get nothing.
    pub without_variant: i64,
    /// Languages whose variant is ready.
    pub ready_variants: Vec<String>,
    /// The instance's fallback chain, tried in order after a subscriber's own language.
    pub fallback_languages: Vec<String>,
    pub languages: Vec<AudienceLanguageBody>,
}

impl From<Audience> for AudienceBody {
    fn from(a: Audience) -> Self {
        let codes = |ls: &[Language]| ls.iter().map(|l| l.code().to_owned()).collect();
        Self {
            total: a.total,
            without_variant: a.without_variant,
            ready_variants: codes(&a.ready),
            fallback_languages: codes(&a.fallback_languages),
            languages: a
                .languages
                .into_iter()
                .map(|l| AudienceLanguageBody {
                    language: l.language.code().to_owned(),
                    recipients: l.recipients,
                    variant: l.variant.map(|v| v.code().to_owned()),
                    choice: l.choice.as_str().to_owned(),
                })
                .collect(),
        }
    }
}

/// The variant's revision and whether it is stale; `None` only for a variant without any
/// revision, which no save leaves behind.
pub(crate) async fn revision_state(
    state: &AppState,
    id: IssueId,
    language: Language,
) -> Result<Option<VariantState>, ApiError> {
    match state.app.variant_state(id, language).await {
        Ok(revision) => Ok(Some(revision)),
        Err(AppError::NotFound(_)) => Ok(None),
        Err(error) => Err(error.into()),
    }
}

/// The issue and language of a `/issues/{id}/.../{lang}` path: an unknown issue id is a 404,
/// a language that is not one of the 24 a 422.
pub(crate) struct VariantPath(pub(crate) IssueId, pub(crate) Language);

impl<S: Send + Sync> FromRequestParts<S> for VariantPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Ok(Path((id, lang))) = Path::<(String, String)>::from_request_parts(parts, state).await
        else {
            return Err(ApiError::not_found("resource"));
        };
        let id = row_id(&id).ok_or_else(|| ApiError::not_found("issue"))?;
        let language =
            check::language("lang", &lang).map_err(|e| ApiError::field("lang", e.reason))?;
        Ok(Self(IssueId(id), language))
    }
}

/// Adds the use case's own checks to the ones the JSON reading found, so one answer lists
/// everything to fix, and fails if there is anything.
async fn finish_with(
    state: &AppState,
    mut problems: Problems,
    title: Option<&str>,
    segment: Option<&SegmentInput>,
) -> Result<(), ApiError> {
    if problems.is_empty() {
        return Ok(());
    }
    problems.add_app(state.app.issue_errors(title, segment).await?);
    problems.finish()
}

#[utoipa::path(get, path = "/issues", tag = "issues",
    params(
        ("cursor" = Option<i64>, Query, description = "`next_cursor` of the previous page"),
        ("limit" = Option<u32>, Query, description = "1 to 500, default 50"),
    ),
    responses((status = 200, body = IssuePage),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn list_issues(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let mut cursor = None;
    let mut limit = DEFAULT_PAGE;
    let mut problems = Problems::default();
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match key.as_ref() {
            "cursor" => match value.parse() {
                Ok(c) => cursor = Some(c),
                Err(_) => problems.fail("cursor", "must be the next_cursor of a previous page"),
            },
            "limit" => match value.parse::<u32>() {
                Ok(n) if (1..=MAX_PAGE).contains(&n) => limit = n,
                _ => problems.fail("limit", "must be a number from 1 to 500"),
            },
            other => problems.fail(other, "unknown query parameter"),
        }
    }
    problems.finish()?;
    let page = state.app.issues(cursor, limit).await?;
    let body = IssuePage {
        items: page.items.into_iter().map(|i| IssueBody::new(i, None)).collect(),
        next_cursor: page.next,
    };
    Ok(json(StatusCode::OK, &body))
}

#[utoipa::path(post, path = "/issues", tag = "issues", request_body = IssueCreate,
    responses((status = 201, body = IssueBody), (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn create_issue(
    State(state): State<AppState>,
    axum::Extension(token): axum::Extension<rundbrief_core::model::ApiToken>,
    Body { value, problems }: Body<IssueCreate>,
) -> Result<Response, ApiError> {
    let base_language = value.base_language.map_or(state.app.settings().default_language, |l| l.0);
    let segment = value.segment.map(SegmentInput::from).unwrap_or_default();
    let title = (!problems.has("title")).then_some(value.title);
    finish_with(&state, problems, title.as_deref(), Some(&segment)).await?;
    let input = IssueInput { title: title.unwrap_or_default(), base_language, segment };
    let issue =
        state.app.create_issue(rundbrief_app::audit::AuditActor::Token(token.id), input).await?;
    Ok(json(StatusCode::CREATED, &IssueBody::new(issue, Some(Vec::new()))))
}

#[utoipa::path(get, path = "/issues/{id}", tag = "issues", params(("id" = i64, Path)),
    responses((status = 200, body = IssueBody)),
    security(("bearer" = [])))]
pub(crate) async fn get_issue(
    State(state): State<AppState>,
    Id(id): Id<IssueId>,
) -> Result<Response, ApiError> {
    let (issue, variants) = state.app.issue_with_variants(id).await?;
    let states = state.app.variant_states(id).await?;
    let mut body = IssueBody::new(issue, Some(variants)).with_states(&states);
    body.public = Some(state.app.issue_is_public(id).await?);
    Ok(json(StatusCode::OK, &body))
}

#[utoipa::path(patch, path = "/issues/{id}", tag = "issues", params(("id" = i64, Path)),
    request_body = IssuePatch,
    description = "Only drafts and scheduled issues can change; others answer 409.",
    responses((status = 200, body = IssueBody),
        (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn update_issue(
    State(state): State<AppState>,
    axum::Extension(token): axum::Extension<rundbrief_core::model::ApiToken>,
    Id(id): Id<IssueId>,
    Body { value, problems }: Body<IssuePatch>,
) -> Result<Response, ApiError> {
    let title = value.title;
    let base_language = value.base_language.map(|l| l.0);
    let segment = value.segment.map(SegmentInput::from);
    finish_with(&state, problems, title.as_deref(), segment.as_ref()).await?;
    state
        .app
        .update_issue(
            rundbrief_app::audit::AuditActor::Token(token.id),
            id,
            IssueChanges { title, base_language, segment },
        )
        .await?;
    let (issue, variants) = state.app.issue_with_variants(id).await?;
    let states = state.app.variant_states(id).await?;
    Ok(json(StatusCode::OK, &IssueBody::new(issue, Some(variants)).with_states(&states)))
}

#[utoipa::path(delete, path = "/issues/{id}", tag = "issues", params(("id" = i64, Path)),
    description = "Deletes a draft with its variants. Anything else answers 409: what was scheduled or sent stays on record.",
    responses((status = 204), (status = 409, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn delete_issue(
    State(state): State<AppState>,
    axum::Extension(token): axum::Extension<rundbrief_core::model::ApiToken>,
    Id(id): Id<IssueId>,
) -> Result<Response, ApiError> {
    state.app.delete_issue(rundbrief_app::audit::AuditActor::Token(token.id), id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[utoipa::path(get, path = "/issues/{id}/variants/{lang}", tag = "variants",
    params(("id" = i64, Path), ("lang" = String, Path, description = "language code")),
    responses((status = 200, body = VariantBody), (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn get_variant(
    State(state): State<AppState>,
    VariantPath(id, language): VariantPath,
) -> Result<Response, ApiError> {
    let variant = state.app.variant(id, language).await?;
    let revision = revision_state(&state, id, language).await?;
    Ok(json(StatusCode::OK, &VariantBody::new(variant, revision)))
}

#[utoipa::path(put, path = "/issues/{id}/variants/{lang}", tag = "variants",
    params(("id" = i64, Path), ("lang" = String, Path, description = "language code")),
    request_body = VariantRequest,
    description = "Creates or replaces the variant; a change of its text keeps a revision by the token. A translation counts as made from the base variant's latest revision, which clears `stale`. A ready variant is rendered first and refused with 422 naming the problem (say, an unknown placeholder). Variants of an issue that is sending, paused, sent or cancelled are frozen: 409.",
    responses((status = 200, body = VariantBody), (status = 201, body = VariantBody), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn put_variant(
    State(state): State<AppState>,
    axum::Extension(token): axum::Extension<ApiToken>,
    VariantPath(id, language): VariantPath,
    Body { value, problems }: Body<VariantRequest>,
) -> Result<Response, ApiError> {
    problems.finish()?;
    let input = VariantInput {
        subject: value.subject,
        preheader: value.preheader.unwrap_or_default(),
        body_markdown: value.body_markdown,
        ready: value.ready.unwrap_or(false),
    };
    let author = RevisionAuthor { user: None, token: Some(token.id) };
    let (variant, created) = state.app.save_variant(id, language, input, author, None).await?;
    let revision = revision_state(&state, id, language).await?;
    let status = if created { StatusCode::CREATED } else { StatusCode::OK };
    Ok(json(status, &VariantBody::new(variant, revision)))
}

#[utoipa::path(delete, path = "/issues/{id}/variants/{lang}", tag = "variants",
    params(("id" = i64, Path), ("lang" = String, Path, description = "language code")),
    responses((status = 204), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn delete_variant(
    State(state): State<AppState>,
    axum::Extension(token): axum::Extension<rundbrief_core::model::ApiToken>,
    VariantPath(id, language): VariantPath,
) -> Result<Response, ApiError> {
    state
        .app
        .delete_variant(rundbrief_app::audit::AuditActor::Token(token.id), id, language)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[utoipa::path(get, path = "/issues/{id}/audience", tag = "issues", params(("id" = i64, Path)),
    description = "Who the issue would reach if it were sent now: active, non-suppressed subscribers in the segment per preferred language, and the ready variant each language gets (its own, a fallback from the configured chain, or none).",
    responses((status = 200, body = AudienceBody)),
    security(("bearer" = [])))]
pub(crate) async fn audience(
    State(state): State<AppState>,
    Id(id): Id<IssueId>,
) -> Result<Response, ApiError> {
    let audience = state.app.audience(id).await?;
    Ok(json(StatusCode::OK, &AudienceBody::from(audience)))
}

#[utoipa::path(get, path = "/issues/{id}/preview/{lang}", tag = "variants",
    params(("id" = i64, Path), ("lang" = String, Path, description = "the subscriber's language"),
        ("format" = Option<String>, Query, description = "html (default), text or eml"),
        ("name" = Option<String>, Query, description = "for `{{ name }}`; without it the localised fallback shows")),
    description = "The mail as a subscriber in that language gets it: their own variant, else the first ready one of the fallback chain (the variant's language is in Content-Language). The requested language's own variant is shown even before it is ready. Links in the preview name no subscriber.",
    responses(
        (status = 200, description = "text/html, text/plain or message/rfc822"),
        (status = 409, body = crate::error::Problem, description = "no variant for this language, nor any fallback, exists and is ready"),
        (status = 422, body = crate::error::Problem, description = "a bad parameter, or the variant cannot be rendered")),
    security(("bearer" = [])))]
pub(crate) async fn preview(
    State(state): State<AppState>,
    VariantPath(id, language): VariantPath,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let mut problems = Problems::default();
    let mut format = PreviewFormat::Html;
    let mut name = None;
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match key.as_ref() {
            "format" => match value.as_ref() {
                "html" => format = PreviewFormat::Html,
                "text" => format = PreviewFormat::Text,
                "eml" => format = PreviewFormat::Eml,
                _ => problems.fail("format", "must be html, text or eml"),
            },
            "name" => match clean_optional_text("name", &value) {
                Ok(v) => name = v,
                Err(e) => problems.fail("name", e.reason),
            },
            other => problems.fail(other, "unknown query parameter"),
        }
    }
    problems.finish()?;
    let request =
        PreviewRequest { issue: id, language, format, name: name.as_deref(), recipient: None };
    let preview = state.app.preview(&request).await.map_err(|e| match e {
        AppError::Invalid(problems) => ApiError {
            errors: problems
                .into_iter()
                .map(|p| FieldProblem { field: p.field, reason: p.reason })
                .collect(),
            ..ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "the variant cannot be rendered; fix it and preview again",
            )
        },
        other => ApiError::from(other),
    })?;
    let content_type = match format {
        PreviewFormat::Html => "text/html; charset=utf-8",
        PreviewFormat::Text => "text/plain; charset=utf-8",
        PreviewFormat::Eml | PreviewFormat::Eml8Bit => "message/rfc822",
    };
    let mut response = (StatusCode::OK, preview.bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(preview.variant_language.code()),
    );
    // Mail HTML opened straight from the API must not run or submit anything on this origin,
    // whatever slipped past the sanitiser.
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(body: Value) -> (IssueCreate, Problems) {
        let Value::Object(map) = body else { panic!("an object") };
        read::<IssueCreate>(map)
    }

    #[test]
    fn segment_problems_are_named_with_their_prefix() {
        let (_, problems) = issue(serde_json::json!({
            "title": "x",
            "segment": {"lists": ["a"], "list_match": "some", "languages": ["tr"], "colour": 1}
        }));
        for field in ["segment.lists", "segment.list_match", "segment.languages", "segment.colour"]
        {
            assert!(problems.has(field), "{field} missing from {problems:?}");
        }
    }

    #[test]
    fn an_absent_segment_is_everyone() {
        let (body, problems) = issue(serde_json::json!({"title": "x"}));
        assert!(body.segment.is_none() && problems.is_empty());
        let (body, problems) =
            issue(serde_json::json!({"title": "x", "segment": {"languages": ["pl", "de"]}}));
        assert!(problems.is_empty(), "{problems:?}");
        let segment = SegmentInput::from(body.segment.expect("a segment"));
        assert_eq!(segment.languages, [Language::Pl, Language::De]);
    }
}
