//! The two ways a request fails: a localised HTML page for people, an RFC 9457 problem
//! document for API clients. Both come from the same `AppError`, mapped once here; storage
//! failures are logged with their cause and shown without it.

use std::time::Duration;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rundbrief_app::AppError;
use rundbrief_core::Language;
use rundbrief_core::model::TokenScope;
use serde::Serialize;
use utoipa::ToSchema;

use crate::views;

/// What a 503 asks clients to wait before trying again: the database usually comes back
/// within seconds (a restart), and a person reloading sooner only adds load.
const UNAVAILABLE_RETRY_AFTER: Duration = Duration::from_secs(10);

/// A failed page request, shown in the reader's language.
#[derive(Debug)]
pub struct PageError {
    pub lang: Language,
    pub status: StatusCode,
    pub title_id: &'static str,
    pub text_id: &'static str,
    /// Offer the form that sends a new confirmation link.
    pub offer_new_link: bool,
    pub retry_after: Option<Duration>,
}

impl PageError {
    fn new(
        lang: Language,
        status: StatusCode,
        title_id: &'static str,
        text_id: &'static str,
    ) -> Self {
        Self { lang, status, title_id, text_id, offer_new_link: false, retry_after: None }
    }

    pub fn not_found(lang: Language) -> Self {
        Self::new(lang, StatusCode::NOT_FOUND, "error-not-found-title", "error-not-found-text")
    }

    pub fn bad_request(lang: Language, status: StatusCode) -> Self {
        Self::new(lang, status, "error-bad-request-title", "error-bad-request-text")
    }

    pub fn rate_limited(lang: Language, retry_after: Duration) -> Self {
        Self {
            retry_after: Some(retry_after),
            ..Self::new(
                lang,
                StatusCode::TOO_MANY_REQUESTS,
                "error-rate-limited-title",
                "error-rate-limited-text",
            )
        }
    }

    pub fn internal(lang: Language) -> Self {
        Self::new(
            lang,
            StatusCode::INTERNAL_SERVER_ERROR,
            "error-internal-title",
            "error-internal-text",
        )
    }

    /// The database is out of reach for now: 503 with a short wait, nothing the person did wrong.
    pub fn unavailable(lang: Language) -> Self {
        Self {
            retry_after: Some(UNAVAILABLE_RETRY_AFTER),
            ..Self::new(
                lang,
                StatusCode::SERVICE_UNAVAILABLE,
                "error-unavailable-title",
                "error-unavailable-text",
            )
        }
    }

    /// A confirmation link that is forged, expired or used up: 4xx with a form for a new one.
    pub fn invalid_confirm_link(lang: Language, status: StatusCode) -> Self {
        Self {
            offer_new_link: true,
            ..Self::new(lang, status, "confirm-invalid-title", "confirm-invalid-text")
        }
    }

    pub fn from_app(lang: Language, error: AppError) -> Self {
        match error {
            AppError::BadToken | AppError::NotFound(_) => Self::not_found(lang),
            AppError::ExpiredToken => {
                Self::new(lang, StatusCode::GONE, "confirm-invalid-title", "confirm-invalid-text")
            }
            AppError::Invalid(_) => Self::bad_request(lang, StatusCode::UNPROCESSABLE_ENTITY),
            AppError::Conflict(_) => Self::bad_request(lang, StatusCode::CONFLICT),
            AppError::Store(error) if error.is_unavailable() => {
                tracing::warn!(%error, "database unavailable while serving a page");
                Self::unavailable(lang)
            }
            AppError::Store(error) => {
                tracing::error!(%error, "storage failed while serving a page");
                Self::internal(lang)
            }
            AppError::Internal(error) => {
                tracing::error!(%error, "internal error while serving a page");
                Self::internal(lang)
            }
            AppError::BadCredentials => Self::bad_request(lang, StatusCode::UNAUTHORIZED),
            AppError::SetupClosed => Self::bad_request(lang, StatusCode::GONE),
            error @ AppError::Queue(_) => {
                tracing::error!(%error, "jobs could not be queued while serving a page");
                Self::unavailable(lang)
            }
            error @ AppError::Send(_) => {
                tracing::warn!(%error, "mail could not be sent while serving a page");
                Self::internal(lang)
            }
            error @ AppError::Upstream(_) => {
                tracing::warn!(%error, "a service failed while serving a page");
                Self::internal(lang)
            }
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let markup = views::error_page(&self);
        let mut response = views::page_response(self.lang, self.status, markup, false);
        if let Some(wait) = self.retry_after
            && let Ok(value) = HeaderValue::from_str(&wait.as_secs().max(1).to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

/// One failing field of an API request.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldProblem {
    /// The field as the request spells it (`email`, `lists`, ...).
    pub field: String,
    /// Why it was refused.
    pub reason: String,
}

/// An RFC 9457 problem document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// Always `about:blank`: the status code says what kind of problem it is.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// For 422: every field that failed, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

/// A failed API request.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub detail: String,
    pub errors: Vec<FieldProblem>,
    pub retry_after: Option<Duration>,
}

impl ApiError {
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        Self { status, detail: detail.into(), errors: Vec::new(), retry_after: None }
    }

    pub fn field(field: &str, reason: impl Into<String>) -> Self {
        Self {
            errors: vec![FieldProblem { field: field.to_owned(), reason: reason.into() }],
            ..Self::new(StatusCode::UNPROCESSABLE_ENTITY, "the request has invalid fields")
        }
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, format!("{what} not found"))
    }

    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "a valid API token is required: send `Authorization: Bearer <token>`",
        )
    }

    /// 403 for a live token whose scope does not reach what the route needs.
    pub fn scope_too_narrow(has: TokenScope, needed: TokenScope) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            format!("this request needs a token with the scope `{needed}`; this token has `{has}`"),
        )
    }
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        match error {
            // A request wrong as a whole (no field named) says why in the detail itself.
            AppError::Invalid(fields) if fields.len() == 1 && fields[0].field.is_empty() => {
                Self::new(StatusCode::UNPROCESSABLE_ENTITY, fields[0].reason.clone())
            }
            AppError::Invalid(fields) => Self {
                errors: fields
                    .into_iter()
                    .map(|f| FieldProblem { field: f.field, reason: f.reason })
                    .collect(),
                ..Self::new(StatusCode::UNPROCESSABLE_ENTITY, "the request has invalid fields")
            },
            AppError::NotFound(what) => Self::not_found(what),
            AppError::Conflict(detail) => Self::new(StatusCode::CONFLICT, detail),
            AppError::BadToken | AppError::ExpiredToken => {
                Self::new(StatusCode::NOT_FOUND, error.to_string())
            }
            AppError::Store(error) if error.is_unavailable() => {
                tracing::warn!(%error, "database unavailable while serving an API request");
                Self {
                    retry_after: Some(UNAVAILABLE_RETRY_AFTER),
                    ..Self::new(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "the database is unavailable for the moment; try again shortly",
                    )
                }
            }
            AppError::Store(error) => {
                tracing::error!(%error, "storage failed while serving an API request");
                Self::new(StatusCode::INTERNAL_SERVER_ERROR, "an internal error occurred")
            }
            AppError::Internal(error) => {
                tracing::error!(%error, "internal error while serving an API request");
                Self::new(StatusCode::INTERNAL_SERVER_ERROR, "an internal error occurred")
            }
            AppError::BadCredentials => Self::unauthorized(),
            AppError::SetupClosed => Self::new(StatusCode::GONE, error.to_string()),
            AppError::Queue(ref cause) => {
                tracing::error!(error = %cause, "jobs could not be queued");
                Self::new(StatusCode::SERVICE_UNAVAILABLE, error.to_string())
            }
            AppError::Send(_) => Self::new(StatusCode::BAD_GATEWAY, error.to_string()),
            AppError::Upstream(_) => Self::new(StatusCode::BAD_GATEWAY, error.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let problem = Problem {
            kind: "about:blank".into(),
            title: self.status.canonical_reason().unwrap_or("Error").to_owned(),
            status: self.status.as_u16(),
            detail: self.detail,
            errors: self.errors,
        };
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response = (self.status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(wait) = self.retry_after
            && let Ok(value) = HeaderValue::from_str(&wait.as_secs().max(1).to_string())
        {
            headers.insert(header::RETRY_AFTER, value);
        }
        response
    }
}
