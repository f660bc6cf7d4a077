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
    AppError, Audience, IssueChanges, IssueInput, PreviewFormat, PreviewRequest, SegmentInput,
};
use rundbrief_core::model::{Issue, Variant, VariantInput};
use rundbrief_core::segment::{ListMatch, Segment};
use rundbrief_core::{IssueId, Language};
use serde::Serialize;
use serde_json::Map;
use utoipa::ToSchema;

use super::{DEFAULT_PAGE, Fields, Id, JsonObject, MAX_PAGE, json, rfc3339};
use crate::AppState;
use crate::error::{ApiError, FieldProblem};
use crate::extract::row_id;

const SEGMENT_FIELDS: [&str; 5] = ["lists", "list_match", "languages", "regions", "audiences"];

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
                    })
                    .collect()
            }),
        }
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
// Describes the body for the OpenAPI document only: the handler reads the JSON field by
// field, so that a 422 can name every failing field, and never constructs this type.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct SegmentInputDoc {
    /// Ids of existing lists.
    pub lists: Option<Vec<i64>>,
    /// `any` (default) or `all`.
    pub list_match: Option<String>,
    /// Codes of the 24 EU languages.
    pub languages: Option<Vec<String>>,
    pub regions: Option<Vec<String>>,
    /// citizen, counsellor or organisation.
    pub audiences: Option<Vec<String>>,
}

/// A new issue.
// Describes the body for the OpenAPI document only (see `SegmentInputDoc`).
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct IssueCreate {
    /// For the editors; readers see the variants' subjects. At most 200 characters.
    pub title: String,
    /// Defaults to the instance's default language.
    #[schema(example = "de")]
    pub base_language: Option<String>,
    /// Defaults to every active subscriber.
    pub segment: Option<SegmentInputDoc>,
}

/// Changes to a draft or scheduled issue; absent fields stay, a segment replaces the segment.
// Describes the body for the OpenAPI document only (see `SegmentInputDoc`).
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct IssuePatch {
    pub title: Option<String>,
    pub base_language: Option<String>,
    pub segment: Option<SegmentInputDoc>,
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
}

impl From<Variant> for VariantBody {
    fn from(v: Variant) -> Self {
        Self {
            issue_id: v.issue_id.0,
            language: v.language.code().to_owned(),
            subject: v.subject,
            preheader: v.preheader,
            body_markdown: v.body_markdown,
            ready: v.ready,
            updated_at: rfc3339(v.updated_at),
        }
    }
}

/// A variant to create or replace. A ready variant must render: an unknown placeholder, an
/// empty subject or an empty body is refused with 422.
// Describes the body for the OpenAPI document only (see `SegmentInputDoc`).
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct VariantInputDoc {
    /// One line, at most 300 characters.
    pub subject: String,
    /// One line, at most 300 characters; defaults to empty.
    pub preheader: Option<String>,
    /// Markdown, at most 64 KiB.
    pub body_markdown: String,
    /// Defaults to false.
    pub ready: Option<bool>,
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

/// The issue and language of a `/issues/{id}/.../{lang}` path: an unknown issue id is a 404,
/// a language that is not one of the 24 a 422.
pub(crate) struct VariantPath(IssueId, Language);

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

pub(crate) fn language_field(fields: &mut Fields, field: &str) -> Option<Language> {
    let value = fields.string(field)?;
    check::language(field, &value).map_err(|e| fields.fail(field, e.reason)).ok()
}

/// Reads `segment` (absent or `null`: everyone); problems are named `segment.<field>`.
fn segment_field(fields: &mut Fields) -> Option<SegmentInput> {
    let map = fields.object("segment")?;
    let mut inner = Fields::new(map, &SEGMENT_FIELDS);
    let lists = inner.ids("lists");
    let list_match = match inner.string("list_match").as_deref() {
        None | Some("any") => ListMatch::Any,
        Some("all") => ListMatch::All,
        Some(_) => {
            inner.fail("list_match", "must be any or all");
            ListMatch::Any
        }
    };
    let mut languages = Vec::new();
    for code in inner.strings("languages") {
        match Language::parse(&code) {
            Ok(language) => languages.push(language),
            Err(_) => {
                inner.fail("languages", "entries must be codes of the 24 EU languages");
                break;
            }
        }
    }
    let regions = inner.strings("regions");
    let audiences = inner.strings("audiences");
    for (field, reason) in std::mem::take(&mut inner.errors) {
        fields.fail(&format!("segment.{field}"), reason);
    }
    Some(SegmentInput { lists, list_match, languages, regions, audiences })
}

/// Adds the use case's own checks to the ones the JSON reading found, so one answer lists
/// everything to fix, and fails if there is anything.
async fn finish_with(
    state: &AppState,
    mut fields: Fields,
    title: Option<&str>,
    segment: Option<&SegmentInput>,
) -> Result<(), ApiError> {
    if fields.errors.is_empty() {
        return Ok(());
    }
    for error in state.app.issue_errors(title, segment).await? {
        if !fields.errors.iter().any(|(f, _)| *f == error.field) {
            fields.fail(&error.field, error.reason);
        }
    }
    fields.finish()
}

#[utoipa::path(get, path = "/issues", tag = "issues",
    params(
        ("cursor" = Option<i64>, Query, description = "`next_cursor` of the previous page"),
        ("limit" = Option<u32>, Query, description = "1 to 500, default 50"),
    ),
    responses((status = 200, body = IssuePage), (status = 401, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn list_issues(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let mut cursor = None;
    let mut limit = DEFAULT_PAGE;
    let mut fields = Fields::new(Map::new(), &[]);
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match key.as_ref() {
            "cursor" => match value.parse() {
                Ok(c) => cursor = Some(c),
                Err(_) => fields.fail("cursor", "must be the next_cursor of a previous page"),
            },
            "limit" => match value.parse::<u32>() {
                Ok(n) if (1..=MAX_PAGE).contains(&n) => limit = n,
                _ => fields.fail("limit", "must be a number from 1 to 500"),
            },
            other => fields.fail(other, "unknown query parameter"),
        }
    }
    fields.finish()?;
    let page = state.app.issues(cursor, limit).await?;
    let body = IssuePage {
        items: page.items.into_iter().map(|i| IssueBody::new(i, None)).collect(),
        next_cursor: page.next,
    };
    Ok(json(StatusCode::OK, &body))
}

#[utoipa::path(post, path = "/issues", tag = "issues", request_body = IssueCreate,
    responses((status = 201, body = IssueBody), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 413, body = crate::error::Problem),
        (status = 415, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn create_issue(
    State(state): State<AppState>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let mut fields = Fields::new(body, &["title", "base_language", "segment"]);
    let title = fields.required_string("title");
    let base_language = language_field(&mut fields, "base_language")
        .unwrap_or(state.app.settings().default_language);
    let segment = segment_field(&mut fields).unwrap_or_default();
    finish_with(&state, fields, title.as_deref(), Some(&segment)).await?;
    let input = IssueInput { title: title.unwrap_or_default(), base_language, segment };
    let issue = state.app.create_issue(input).await?;
    Ok(json(StatusCode::CREATED, &IssueBody::new(issue, Some(Vec::new()))))
}

#[utoipa::path(get, path = "/issues/{id}", tag = "issues", params(("id" = i64, Path)),
    responses((status = 200, body = IssueBody), (status = 401, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn get_issue(
    State(state): State<AppState>,
    Id(id): Id<IssueId>,
) -> Result<Response, ApiError> {
    let (issue, variants) = state.app.issue_with_variants(id).await?;
    Ok(json(StatusCode::OK, &IssueBody::new(issue, Some(variants))))
}

#[utoipa::path(patch, path = "/issues/{id}", tag = "issues", params(("id" = i64, Path)),
    request_body = IssuePatch,
    description = "Only drafts and scheduled issues can change; others answer 409.",
    responses((status = 200, body = IssueBody), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 415, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn update_issue(
    State(state): State<AppState>,
    Id(id): Id<IssueId>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let mut fields = Fields::new(body, &["title", "base_language", "segment"]);
    let title = fields.string("title");
    let base_language = language_field(&mut fields, "base_language");
    let segment = segment_field(&mut fields);
    finish_with(&state, fields, title.as_deref(), segment.as_ref()).await?;
    state.app.update_issue(id, IssueChanges { title, base_language, segment }).await?;
    let (issue, variants) = state.app.issue_with_variants(id).await?;
    Ok(json(StatusCode::OK, &IssueBody::new(issue, Some(variants))))
}

#[utoipa::path(delete, path = "/issues/{id}", tag = "issues", params(("id" = i64, Path)),
    description = "Deletes a draft with its variants. Anything else answers 409: what was scheduled or sent stays on record.",
    responses((status = 204), (status = 401, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn delete_issue(
    State(state): State<AppState>,
    Id(id): Id<IssueId>,
) -> Result<Response, ApiError> {
    state.app.delete_issue(id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[utoipa::path(get, path = "/issues/{id}/variants/{lang}", tag = "variants",
    params(("id" = i64, Path), ("lang" = String, Path, description = "language code")),
    responses((status = 200, body = VariantBody), (status = 401, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn get_variant(
    State(state): State<AppState>,
    VariantPath(id, language): VariantPath,
) -> Result<Response, ApiError> {
    let variant = state.app.variant(id, language).await?;
    Ok(json(StatusCode::OK, &VariantBody::from(variant)))
}

#[utoipa::path(put, path = "/issues/{id}/variants/{lang}", tag = "variants",
    params(("id" = i64, Path), ("lang" = String, Path, description = "language code")),
    request_body = VariantInputDoc,
    description = "Creates or replaces the variant. A ready variant is rendered first and refused with 422 naming the problem (say, an unknown placeholder). Variants of an issue that is sending, paused, sent or cancelled are frozen: 409.",
    responses((status = 200, body = VariantBody), (status = 201, body = VariantBody),
        (status = 400, body = crate::error::Problem), (status = 401, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 413, body = crate::error::Problem), (status = 415, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn put_variant(
    State(state): State<AppState>,
    VariantPath(id, language): VariantPath,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let mut fields = Fields::new(body, &["subject", "preheader", "body_markdown", "ready"]);
    let subject = fields.required_string("subject");
    let preheader = fields.string("preheader").unwrap_or_default();
    let body_markdown = fields.required_string("body_markdown");
    let ready = fields.bool("ready").unwrap_or(false);
    fields.finish()?;
    let input = VariantInput {
        subject: subject.unwrap_or_default(),
        preheader,
        body_markdown: body_markdown.unwrap_or_default(),
        ready,
    };
    let (variant, created) = state.app.put_variant(id, language, input).await?;
    let status = if created { StatusCode::CREATED } else { StatusCode::OK };
    Ok(json(status, &VariantBody::from(variant)))
}

#[utoipa::path(delete, path = "/issues/{id}/variants/{lang}", tag = "variants",
    params(("id" = i64, Path), ("lang" = String, Path, description = "language code")),
    responses((status = 204), (status = 401, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn delete_variant(
    State(state): State<AppState>,
    VariantPath(id, language): VariantPath,
) -> Result<Response, ApiError> {
    state.app.delete_variant(id, language).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[utoipa::path(get, path = "/issues/{id}/audience", tag = "issues", params(("id" = i64, Path)),
    description = "Who the issue would reach if it were sent now: active, non-suppressed subscribers in the segment per preferred language, and the ready variant each language gets (its own, a fallback from the configured chain, or none).",
    responses((status = 200, body = AudienceBody), (status = 401, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)),
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
        (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem, description = "no variant for this language, nor any fallback, exists and is ready"),
        (status = 422, body = crate::error::Problem, description = "a bad parameter, or the variant cannot be rendered")),
    security(("bearer" = [])))]
pub(crate) async fn preview(
    State(state): State<AppState>,
    VariantPath(id, language): VariantPath,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let mut fields = Fields::new(Map::new(), &[]);
    let mut format = PreviewFormat::Html;
    let mut name = None;
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match key.as_ref() {
            "format" => match value.as_ref() {
                "html" => format = PreviewFormat::Html,
                "text" => format = PreviewFormat::Text,
                "eml" => format = PreviewFormat::Eml,
                _ => fields.fail("format", "must be html, text or eml"),
            },
            "name" => match clean_optional_text("name", &value) {
                Ok(v) => name = v,
                Err(e) => fields.fail("name", e.reason),
            },
            other => fields.fail(other, "unknown query parameter"),
        }
    }
    fields.finish()?;
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
    use serde_json::Value;

    use super::*;

    fn fields(body: Value) -> Fields {
        let Value::Object(map) = body else { panic!("an object") };
        Fields::new(map, &["title", "base_language", "segment"])
    }

    #[test]
    fn segment_problems_are_named_with_their_prefix() {
        let mut f = fields(serde_json::json!({
            "segment": {"lists": ["a"], "list_match": "some", "languages": ["tr"], "colour": 1}
        }));
        segment_field(&mut f);
        let named: Vec<&str> = f.errors.iter().map(|(field, _)| field.as_str()).collect();
        for field in ["segment.lists", "segment.list_match", "segment.languages", "segment.colour"]
        {
            assert!(named.contains(&field), "{field} missing from {named:?}");
        }
    }

    #[test]
    fn an_absent_segment_is_everyone() {
        let mut f = fields(serde_json::json!({"title": "x"}));
        assert_eq!(segment_field(&mut f), None);
        let mut f = fields(serde_json::json!({"segment": {"languages": ["pl", "de"]}}));
        let segment = segment_field(&mut f).expect("a segment");
        assert_eq!(segment.languages, [Language::Pl, Language::De]);
        assert!(f.errors.is_empty());
    }
}
