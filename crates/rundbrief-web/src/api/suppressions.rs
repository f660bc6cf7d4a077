//! The suppression list in `/api/v1` (issue 20): suppressed addresses by their SHA-256 hash,
//! newest first, filtered by reason or address; lifting a bounce's or complaint's suppression
//! with a reason, recorded with the token that lifted it; and the record of lifts. A lift does
//! not change the subscriber's status: they come back through a new sign-up with double
//! opt-in, never through the API.

use axum::Router;
use axum::extract::{Extension, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use rundbrief_app::suppressions::{
    LiftTarget, LiftedBy, SuppressedAddress, SuppressionLift, cursor_text, parse_cursor,
};
use rundbrief_core::model::{ApiToken, SuppressionReason};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::body::{Body, Problems, RequestBody};
use super::schema::NonBlankText;
use super::{DEFAULT_PAGE, MAX_PAGE, json, rfc3339};
use crate::AppState;
use crate::error::ApiError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/suppressions", get(list_suppressions))
        .route("/suppressions/lift", post(lift_suppression))
        .route("/suppressions/lifts", get(list_lifts))
}

/// One suppressed address.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuppressionBody {
    /// SHA-256 of the case-folded address, in hex.
    pub email_hash: String,
    /// hard_bounce, complaint, erasure or manual.
    #[schema(example = "hard_bounce")]
    pub reason: String,
    /// RFC 3339.
    pub created_at: String,
    /// The subscriber whose row still holds the address; `null` once erased, or for an
    /// address nobody has.
    pub subscriber_id: Option<i64>,
    pub email: Option<String>,
}

impl From<SuppressedAddress> for SuppressionBody {
    fn from(s: SuppressedAddress) -> Self {
        Self {
            email_hash: s.email_hash,
            reason: s.reason.as_str().to_owned(),
            created_at: rfc3339(s.created_at),
            subscriber_id: s.subscriber.as_ref().map(|s| s.id.0),
            email: s.subscriber.map(|s| s.email.into_string()),
        }
    }
}

/// One page of suppressions.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuppressionPageBody {
    pub items: Vec<SuppressionBody>,
    /// Pass as `after` for the next page; `null` on the last page.
    pub next: Option<String>,
}

/// Body of `POST /suppressions/lift`: the address or its hash, and why.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SuppressionLiftInput {
    /// The suppressed address; give this or `email_hash`.
    #[schema(max_length = 320, example = "anna@example.org")]
    pub email: Option<String>,
    /// The hash the list shows; give this or `email`.
    #[schema(pattern = "^[0-9a-f]{64}$")]
    pub email_hash: Option<String>,
    /// Why the address may be mailed again: one line, at most 200 characters.
    #[schema(required)]
    pub reason: NonBlankText,
}

impl RequestBody for SuppressionLiftInput {
    const REQUIRED: &'static [&'static str] = &["reason"];
}

/// A recorded lift.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuppressionLiftBody {
    pub id: i64,
    pub email_hash: String,
    /// What the address was suppressed for: hard_bounce, complaint or manual.
    #[schema(example = "hard_bounce")]
    pub previous_reason: String,
    /// RFC 3339: since when it was suppressed.
    pub suppressed_at: String,
    /// The subscriber who had the address; their status is unchanged.
    pub subscriber_id: Option<i64>,
    /// The editor's account that lifted it, or `null`.
    pub lifted_by_user: Option<i64>,
    /// The API token that lifted it, or `null`.
    pub lifted_by_token: Option<i64>,
    pub reason: String,
    /// RFC 3339.
    pub lifted_at: String,
}

impl From<SuppressionLift> for SuppressionLiftBody {
    fn from(l: SuppressionLift) -> Self {
        let (user, token) = match l.by {
            LiftedBy::User(user) => (Some(user.0), None),
            LiftedBy::Token(token) => (None, Some(token.0)),
        };
        Self {
            id: l.id,
            email_hash: l.email_hash,
            previous_reason: l.previous_reason.as_str().to_owned(),
            suppressed_at: rfc3339(l.suppressed_at),
            subscriber_id: l.subscriber_id.map(|s| s.0),
            lifted_by_user: user,
            lifted_by_token: token,
            reason: l.reason,
            lifted_at: rfc3339(l.lifted_at),
        }
    }
}

/// One page of lifts.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuppressionLiftPage {
    pub items: Vec<SuppressionLiftBody>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<i64>,
}

fn limit_of(value: &str, problems: &mut Problems) -> u32 {
    match value.parse::<u32>() {
        Ok(n) if (1..=MAX_PAGE).contains(&n) => n,
        _ => {
            problems.fail("limit", format!("must be a number from 1 to {MAX_PAGE}"));
            DEFAULT_PAGE
        }
    }
}

#[utoipa::path(get, path = "/suppressions", tag = "suppressions",
    description = "Suppressed addresses, newest first: never mailed, and refused by sign-up, import and API until lifted. An address that a subscriber row still holds comes with the subscriber.",
    params(
        ("reason" = Option<String>, Query, description = "only this reason"),
        ("email" = Option<String>, Query, description = "only this address (compared by its hash)"),
        ("after" = Option<String>, Query, description = "`next` of the previous page"),
        ("limit" = Option<u32>, Query, description = "1 to 500, default 50"),
    ),
    responses((status = 200, body = SuppressionPageBody), (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn list_suppressions(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let mut problems = Problems::default();
    let (mut reason, mut email, mut after, mut limit) = (None, None, None, DEFAULT_PAGE);
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match key.as_ref() {
            "reason" => match value.parse::<SuppressionReason>() {
                Ok(r) => reason = Some(r),
                Err(_) => {
                    problems.fail("reason", "must be hard_bounce, complaint, erasure or manual")
                }
            },
            "email" => email = Some(value.into_owned()),
            "after" => match parse_cursor(&value) {
                Some(cursor) => after = Some(cursor),
                None => problems.fail("after", "must be the `next` of a previous page"),
            },
            "limit" => limit = limit_of(&value, &mut problems),
            other => problems
                .fail(&other.chars().take(64).collect::<String>(), "unknown query parameter"),
        }
    }
    problems.finish()?;
    let page = state.app.suppressions(reason, email.as_deref(), after.as_ref(), limit).await?;
    let body = SuppressionPageBody {
        next: page.next.as_ref().map(cursor_text),
        items: page.items.into_iter().map(SuppressionBody::from).collect(),
    };
    Ok(json(StatusCode::OK, &body))
}

#[utoipa::path(post, path = "/suppressions/lift", tag = "suppressions",
    request_body = SuppressionLiftInput,
    description = "Lifts the suppression of a bounced, complained or manually blocked address, with a reason; the lift is recorded with the token and noted in the subscriber's consent log. The subscriber's status stays: the address may sign up again through double opt-in. An erased address's suppression is lifted only by the person's own confirmed sign-up (409).",
    responses((status = 200, body = SuppressionLiftBody),
        (status = 404, description = "the address is not suppressed", body = crate::error::Problem),
        (status = 409, description = "the suppression of an erased address", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn lift_suppression(
    State(state): State<AppState>,
    Extension(token): Extension<ApiToken>,
    Body { value, mut problems }: Body<SuppressionLiftInput>,
) -> Result<Response, ApiError> {
    let target = match (value.email, value.email_hash) {
        (Some(email), None) => Some(LiftTarget::Address(email)),
        (None, Some(hash)) => Some(LiftTarget::Hash(hash)),
        (Some(_), Some(_)) => {
            problems.fail("email", "give either email or email_hash, not both");
            None
        }
        (None, None) => {
            if !problems.has("email") && !problems.has("email_hash") {
                problems.fail("email", "is required, or email_hash");
            }
            None
        }
    };
    // Nothing is lifted by a body that is wrong elsewhere.
    problems.finish()?;
    let Some(target) = target else {
        return Err(ApiError::field("email", "is required, or email_hash"));
    };
    // The use case checks the reason and the address; its field errors are a 422 as well.
    let lifted =
        state.app.lift_suppression(target, &value.reason.0, LiftedBy::Token(token.id)).await?;
    Ok(json(StatusCode::OK, &SuppressionLiftBody::from(lifted)))
}

#[utoipa::path(get, path = "/suppressions/lifts", tag = "suppressions",
    description = "Recorded lifts, newest first: the address's hash, what it was suppressed for and since when, the subscriber, who lifted it (an editor's account or an API token), why and when.",
    params(
        ("cursor" = Option<i64>, Query, description = "`next_cursor` of the previous page"),
        ("limit" = Option<u32>, Query, description = "1 to 500, default 50"),
    ),
    responses((status = 200, body = SuppressionLiftPage), (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
pub(crate) async fn list_lifts(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let mut problems = Problems::default();
    let (mut cursor, mut limit) = (None, DEFAULT_PAGE);
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match key.as_ref() {
            "cursor" => match value.parse::<i64>() {
                Ok(n) => cursor = Some(n),
                Err(_) => problems.fail("cursor", "must be the `next_cursor` of a page"),
            },
            "limit" => limit = limit_of(&value, &mut problems),
            other => problems
                .fail(&other.chars().take(64).collect::<String>(), "unknown query parameter"),
        }
    }
    problems.finish()?;
    let page = state.app.suppression_lifts(None, cursor, limit).await?;
    let body = SuppressionLiftPage {
        items: page.items.into_iter().map(SuppressionLiftBody::from).collect(),
        next_cursor: page.next,
    };
    Ok(json(StatusCode::OK, &body))
}
