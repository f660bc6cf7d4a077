//! The JSON API under `/api/v1`: subscribers, lists and subscriptions, for systems that
//! manage the audience, and (in [`crate::api_issues`]) issues and their variants. Every request
//! needs `Authorization: Bearer <token>` (tokens come from `rundbrief token create`) except the
//! OpenAPI document. Every error is an RFC 9457 problem document; bad input is always a 4xx,
//! never a 500.
//!
//! Bodies are read as JSON objects and checked field by field, so a 422 names the field that
//! failed and why, and unknown fields are refused rather than silently ignored.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, Path, RawQuery, Request, State};
use axum::handler::Handler as _;
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use rundbrief_app::validate::{self as check, clean_optional_text};
use rundbrief_app::{ConsentBasis, NewSubscriberInput, SubscriberChanges, SubscriberRecord};
use rundbrief_core::model::{MailingList, NewList, Subscriber, SubscriberFilter, SubscriberUpdate};
use rundbrief_core::{Language, ListId, SubscriberId, SubscriberStatus};
use serde::Serialize;
use serde_json::{Map, Value};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use utoipa::ToSchema;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::Client;

pub(crate) const DEFAULT_PAGE: u32 = 50;
pub(crate) const MAX_PAGE: u32 = 500;

/// The API. Whether a request needs a token is decided by the route it matched, never by the
/// shape of its path: every route, and the answers for unknown paths and methods, sits behind
/// [`require_token`], except `GET /openapi.json`, the one public route. Everything, that one
/// included, is rate-limited per client first.
pub fn router(state: AppState) -> Router<AppState> {
    let authenticated = Router::new()
        .route("/subscribers", get(list_subscribers).post(create_subscriber))
        .route(
            "/subscribers/{id}",
            get(get_subscriber).patch(update_subscriber).delete(delete_subscriber),
        )
        .route("/subscribers/{id}/consent", get(consent_history))
        .route(
            "/subscribers/{id}/lists/{list_id}",
            put(add_subscription).delete(remove_subscription),
        )
        .route("/lists", get(list_lists).post(create_list))
        .route("/lists/{id}", get(get_list).put(update_list).delete(delete_list))
        .merge(crate::api_issues::routes())
        .merge(crate::api_sending::routes())
        .fallback(|| async { ApiError::not_found("resource") })
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), require_token));
    // Only GET (and HEAD) of the document is public; other methods on it are refused like
    // anywhere else: 401 without a token, 405 with one.
    let document = get(crate::openapi::document).fallback_service(
        method_not_allowed
            .layer(middleware::from_fn_with_state(state.clone(), require_token))
            .with_state(state.clone()),
    );
    Router::new()
        .route(OPENAPI_PATH, document)
        .merge(authenticated)
        .layer(middleware::from_fn_with_state(state, rate_limit))
}

/// Where the OpenAPI document is served, below `/api/v1`.
pub const OPENAPI_PATH: &str = "/openapi.json";

async fn method_not_allowed() -> ApiError {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "this method is not allowed here")
}

/// Per client (IP, or IPv6 /64) before anything else, so guessing tokens is slow too.
async fn rate_limit(
    State(state): State<AppState>,
    client: Client,
    request: Request,
    next: Next,
) -> Response {
    if let Err(wait) = state.api_limit.check(client.ip) {
        return ApiError {
            retry_after: Some(wait),
            ..ApiError::new(StatusCode::TOO_MANY_REQUESTS, "too many requests; slow down")
        }
        .into_response();
    }
    next.run(request).await
}

/// A valid bearer token, or 401.
async fn require_token(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let secret = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim);
    let Some(secret) = secret else { return ApiError::unauthorized().into_response() };
    match state.app.authenticate_token(secret).await {
        Ok(Some(token)) => {
            tracing::debug!(token = %token.id, "API request");
            next.run(request).await
        }
        Ok(None) => ApiError::unauthorized().into_response(),
        Err(error) => ApiError::from(error).into_response(),
    }
}

/// A request body that must be a JSON object.
pub struct JsonObject(pub Map<String, Value>);

impl<S: Send + Sync> FromRequest<S> for JsonObject {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|v| v.trim().to_ascii_lowercase())
            .is_some_and(|v| {
                v == "application/json" || (v.starts_with("application/") && v.ends_with("+json"))
            });
        if !json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "send the body as application/json",
            ));
        }
        let bytes = Bytes::from_request(request, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!("the body is larger than {} bytes", crate::MAX_BODY_BYTES),
                )
            } else {
                ApiError::new(StatusCode::BAD_REQUEST, "the body could not be read")
            }
        })?;
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(map)) => Ok(JsonObject(map)),
            Ok(_) => Err(ApiError::field("", "the body must be a JSON object")),
            Err(e) => Err(ApiError::new(StatusCode::BAD_REQUEST, format!("malformed JSON: {e}"))),
        }
    }
}

/// Reads the fields of a JSON object one by one, collecting every problem.
pub(crate) struct Fields {
    pub(crate) map: Map<String, Value>,
    pub(crate) errors: Vec<(String, String)>,
}

impl Fields {
    pub(crate) fn new(map: Map<String, Value>, allowed: &[&str]) -> Self {
        let errors = map
            .keys()
            .filter(|k| !allowed.contains(&k.as_str()))
            .map(|k| {
                (
                    k.chars().take(64).collect(),
                    format!("unknown field; allowed: {}", allowed.join(", ")),
                )
            })
            .collect();
        Self { map, errors }
    }

    pub(crate) fn fail(&mut self, field: &str, reason: impl Into<String>) {
        self.errors.push((field.to_owned(), reason.into()));
    }

    /// Absent: `None`; `null`: `Some(None)`; a string: `Some(Some(..))`.
    pub(crate) fn nullable_string(&mut self, field: &str) -> Option<Option<String>> {
        match self.map.remove(field) {
            None => None,
            Some(Value::Null) => Some(None),
            Some(Value::String(s)) => Some(Some(s)),
            Some(_) => {
                self.fail(field, "must be a string or null");
                None
            }
        }
    }

    /// An optional field of one JSON type: absent and `null` are `None`, another type is a
    /// problem named by `expected`.
    fn optional<T>(
        &mut self,
        field: &str,
        expected: &str,
        pick: impl FnOnce(Value) -> Option<T>,
    ) -> Option<T> {
        match self.map.remove(field) {
            None | Some(Value::Null) => None,
            Some(value) => pick(value).or_else(|| {
                self.fail(field, expected);
                None
            }),
        }
    }

    pub(crate) fn string(&mut self, field: &str) -> Option<String> {
        self.optional(field, "must be a string", |v| match v {
            Value::String(s) => Some(s),
            _ => None,
        })
    }

    pub(crate) fn required_string(&mut self, field: &str) -> Option<String> {
        let value = self.string(field);
        if value.is_none() && !self.errors.iter().any(|(f, _)| f == field) {
            self.fail(field, "is required");
        }
        value
    }

    pub(crate) fn bool(&mut self, field: &str) -> Option<bool> {
        self.optional(field, "must be true or false", |v| v.as_bool())
    }

    pub(crate) fn object(&mut self, field: &str) -> Option<Map<String, Value>> {
        self.optional(field, "must be an object", |v| match v {
            Value::Object(m) => Some(m),
            _ => None,
        })
    }

    pub(crate) fn ids(&mut self, field: &str) -> Vec<i64> {
        match self.map.remove(field) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) if items.len() <= 1000 => {
                let ids: Option<Vec<i64>> = items.iter().map(Value::as_i64).collect();
                ids.unwrap_or_else(|| {
                    self.fail(field, "must be an array of list ids (integers)");
                    Vec::new()
                })
            }
            Some(_) => {
                self.fail(field, "must be an array of at most 1000 list ids");
                Vec::new()
            }
        }
    }

    /// An array of strings; absent and `null` are empty.
    pub(crate) fn strings(&mut self, field: &str) -> Vec<String> {
        match self.map.remove(field) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) if items.len() <= 1000 => {
                let strings: Option<Vec<String>> =
                    items.into_iter().map(|v| v.as_str().map(str::to_owned)).collect();
                strings.unwrap_or_else(|| {
                    self.fail(field, "must be an array of strings");
                    Vec::new()
                })
            }
            Some(_) => {
                self.fail(field, "must be an array of at most 1000 strings");
                Vec::new()
            }
        }
    }

    pub(crate) fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            return Ok(());
        }
        let mut error = ApiError::field("", "");
        error.errors = self
            .errors
            .into_iter()
            .map(|(field, reason)| crate::error::FieldProblem { field, reason })
            .collect();
        Err(error)
    }
}

pub(crate) fn path_id(
    path: Result<Path<String>, PathRejection>,
    what: &str,
) -> Result<i64, ApiError> {
    path.ok().and_then(|Path(id)| id.parse().ok()).ok_or_else(|| ApiError::not_found(what))
}

fn path_ids(path: Result<Path<(String, String)>, PathRejection>) -> Result<(i64, i64), ApiError> {
    let Ok(Path((a, b))) = path else { return Err(ApiError::not_found("resource")) };
    let a = a.parse().map_err(|_| ApiError::not_found("subscriber"))?;
    let b = b.parse().map_err(|_| ApiError::not_found("list"))?;
    Ok((a, b))
}

pub(crate) fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

/// A subscriber as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubscriberBody {
    pub id: i64,
    /// `null` once erased.
    pub email: Option<String>,
    pub name: Option<String>,
    /// ISO 639-1 code of one of the 24 EU languages.
    #[schema(example = "de")]
    pub language: String,
    /// pending, active, unsubscribed, bounced, complained or erased.
    #[schema(example = "active")]
    pub status: String,
    pub region: Option<String>,
    /// citizen, counsellor or organisation.
    pub audience: Option<String>,
    #[schema(value_type = Object)]
    pub attributes: Map<String, Value>,
    /// Ids of the lists the subscriber is on (single-subscriber responses only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lists: Option<Vec<i64>>,
    /// RFC 3339.
    pub created_at: String,
    pub confirmed_at: Option<String>,
    pub unsubscribed_at: Option<String>,
}

impl From<SubscriberRecord> for SubscriberBody {
    fn from(record: SubscriberRecord) -> Self {
        Self::new(record.subscriber, Some(record.lists))
    }
}

impl SubscriberBody {
    fn new(s: Subscriber, lists: Option<Vec<ListId>>) -> Self {
        Self {
            id: s.id.0,
            email: s.email.map(|e| e.into_string()),
            name: s.name,
            language: s.language.code().to_owned(),
            status: s.status.as_str().to_owned(),
            region: s.region,
            audience: s.audience,
            attributes: s.attributes,
            lists: lists.map(|l| l.into_iter().map(|id| id.0).collect()),
            created_at: rfc3339(s.created_at),
            confirmed_at: s.confirmed_at.map(rfc3339),
            unsubscribed_at: s.unsubscribed_at.map(rfc3339),
        }
    }
}

/// One page of subscribers.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubscriberPage {
    pub items: Vec<SubscriberBody>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<i64>,
}

/// A new subscriber.
// Describes the body for the OpenAPI document only: the handler reads the JSON field by
// field, so that a 422 can name every failing field, and never constructs this type.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct SubscriberCreate {
    pub email: String,
    pub name: Option<String>,
    /// Defaults to the instance's default language.
    pub language: Option<String>,
    pub region: Option<String>,
    /// citizen, counsellor or organisation.
    pub audience: Option<String>,
    #[schema(value_type = Option<Object>)]
    pub attributes: Option<Map<String, Value>>,
    /// Ids of lists to subscribe to.
    pub lists: Option<Vec<i64>>,
    /// `double_opt_in` (default): a confirmation mail is sent and the subscriber stays pending
    /// until confirmed. `obtained_elsewhere`: the caller vouches for consent given elsewhere;
    /// the subscriber is active at once and the consent log records it as such.
    #[schema(example = "double_opt_in")]
    pub consent: Option<String>,
}

/// Changes to a subscriber; absent fields stay, `null` clears.
// Describes the body for the OpenAPI document only: the handler reads the JSON field by
// field, so that a 422 can name every failing field, and never constructs this type.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct SubscriberPatch {
    pub name: Option<String>,
    pub language: Option<String>,
    pub region: Option<String>,
    pub audience: Option<String>,
    #[schema(value_type = Option<Object>)]
    pub attributes: Option<Map<String, Value>>,
    /// Only `unsubscribed` can be set here.
    pub status: Option<String>,
}

/// A list (topic).
#[derive(Debug, Serialize, ToSchema)]
pub struct ListBody {
    pub id: i64,
    pub slug: String,
    /// Name per language code.
    #[schema(value_type = Object, example = json!({"de": "Arbeit", "pl": "Praca"}))]
    pub names: BTreeMap<String, String>,
    /// Offered as a topic on the sign-up form.
    pub public: bool,
    pub created_at: String,
}

impl From<MailingList> for ListBody {
    fn from(l: MailingList) -> Self {
        Self {
            id: l.id.0,
            slug: l.slug,
            names: l.names.into_iter().map(|(k, v)| (k.code().to_owned(), v)).collect(),
            public: l.public,
            created_at: rfc3339(l.created_at),
        }
    }
}

/// A list to create or replace.
// Describes the body for the OpenAPI document only: the handler reads the JSON field by
// field, so that a 422 can name every failing field, and never constructs this type.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct ListInput {
    /// Lower-case letters, digits and dashes, 1 to 64 characters.
    #[schema(example = "work")]
    pub slug: String,
    #[schema(value_type = Object, example = json!({"de": "Arbeit", "pl": "Praca"}))]
    pub names: BTreeMap<String, String>,
    pub public: Option<bool>,
}

pub(crate) fn json<T: Serialize>(status: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (status, [(header::CONTENT_TYPE, "application/json")], bytes).into_response(),
        Err(_) => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "cannot serialise the response")
            .into_response(),
    }
}

fn text_filter(
    fields: &mut Vec<(String, String)>,
    name: &str,
    value: Option<String>,
) -> Option<String> {
    let value = value?;
    match clean_optional_text(name, &value) {
        Ok(v) => v,
        Err(e) => {
            fields.push((e.field, e.reason));
            None
        }
    }
}

#[utoipa::path(get, path = "/subscribers", tag = "subscribers",
    params(
        ("status" = Option<String>, Query, description = "pending, active, unsubscribed, bounced, complained or erased"),
        ("language" = Option<String>, Query, description = "language code"),
        ("list" = Option<i64>, Query, description = "only subscribers of this list"),
        ("region" = Option<String>, Query),
        ("audience" = Option<String>, Query),
        ("created_from" = Option<String>, Query, description = "RFC 3339, inclusive"),
        ("created_before" = Option<String>, Query, description = "RFC 3339, exclusive"),
        ("q" = Option<String>, Query, description = "case-insensitive text in e-mail or name"),
        ("cursor" = Option<i64>, Query, description = "`next_cursor` of the previous page"),
        ("limit" = Option<u32>, Query, description = "1 to 500, default 50"),
    ),
    responses((status = 200, body = SubscriberPage), (status = 401, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn list_subscribers(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let mut filter = SubscriberFilter::default();
    let mut cursor = None;
    let mut limit = DEFAULT_PAGE;
    let mut errors: Vec<(String, String)> = Vec::new();
    let time = |v: &str| OffsetDateTime::parse(v, &Rfc3339).ok();
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        let value = value.into_owned();
        let mut bad = |reason: &str| errors.push((key.to_string(), reason.to_owned()));
        match key.as_ref() {
            "status" => match value.parse::<SubscriberStatus>() {
                Ok(s) => filter.status = Some(s),
                Err(_) => {
                    bad("must be pending, active, unsubscribed, bounced, complained or erased")
                }
            },
            "language" => match Language::parse(&value) {
                Ok(l) => filter.language = Some(l),
                Err(_) => bad("must be the code of one of the 24 EU languages"),
            },
            "list" => match value.parse() {
                Ok(id) => filter.list = Some(ListId(id)),
                Err(_) => bad("must be a list id"),
            },
            "created_from" => match time(&value) {
                Some(t) => filter.created_from = Some(t),
                None => bad("must be an RFC 3339 time"),
            },
            "created_before" => match time(&value) {
                Some(t) => filter.created_before = Some(t),
                None => bad("must be an RFC 3339 time"),
            },
            "cursor" => match value.parse() {
                Ok(c) => cursor = Some(c),
                Err(_) => bad("must be the next_cursor of a previous page"),
            },
            "limit" => match value.parse::<u32>() {
                Ok(n) if (1..=MAX_PAGE).contains(&n) => limit = n,
                _ => bad("must be a number from 1 to 500"),
            },
            "region" => filter.region = text_filter(&mut errors, "region", Some(value)),
            "audience" => filter.audience = text_filter(&mut errors, "audience", Some(value)),
            "q" => filter.search = text_filter(&mut errors, "q", Some(value)),
            _ => bad("unknown query parameter"),
        }
    }
    let fields = Fields { map: Map::new(), errors };
    fields.finish()?;
    let page = state.app.find_subscribers(&filter, cursor, limit).await?;
    let body = SubscriberPage {
        items: page.items.into_iter().map(|s| SubscriberBody::new(s, None)).collect(),
        next_cursor: page.next,
    };
    Ok(json(StatusCode::OK, &body))
}

#[utoipa::path(post, path = "/subscribers", tag = "subscribers", request_body = SubscriberCreate,
    responses((status = 201, body = SubscriberBody), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 413, body = crate::error::Problem), (status = 415, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem), (status = 429, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn create_subscriber(
    State(state): State<AppState>,
    client: Client,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let mut fields = Fields::new(
        body,
        &["email", "name", "language", "region", "audience", "attributes", "lists", "consent"],
    );
    let email = fields.required_string("email");
    let name = fields.string("name");
    let language = fields.string("language");
    let region = fields.string("region");
    let audience = fields.string("audience");
    let attributes = fields.object("attributes").unwrap_or_default();
    let lists = fields.ids("lists");
    let consent = match fields.string("consent").as_deref() {
        None | Some("double_opt_in") => Some(ConsentBasis::DoubleOptIn),
        Some("obtained_elsewhere") => Some(ConsentBasis::ObtainedElsewhere),
        Some(_) => {
            fields.fail("consent", "must be double_opt_in or obtained_elsewhere");
            None
        }
    };
    let input = NewSubscriberInput {
        email: email.unwrap_or_default(),
        name,
        language,
        region,
        audience,
        attributes,
        lists,
        consent: consent.unwrap_or(ConsentBasis::DoubleOptIn),
        meta: client.meta,
    };
    if !fields.errors.is_empty() {
        // Report the field checks too, so one answer lists everything to fix.
        for error in state.app.new_subscriber_errors(&input).await? {
            if !fields.errors.iter().any(|(f, _)| *f == error.field) {
                fields.fail(&error.field, error.reason);
            }
        }
        fields.finish()?;
    }
    let subscriber = state.app.create_subscriber(input).await?;
    let lists = state.app.subscriptions(subscriber.id).await?;
    Ok(json(StatusCode::CREATED, &SubscriberBody::new(subscriber, Some(lists))))
}

#[utoipa::path(get, path = "/subscribers/{id}", tag = "subscribers",
    params(("id" = i64, Path)),
    responses((status = 200, body = SubscriberBody), (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn get_subscriber(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = SubscriberId(path_id(id, "subscriber")?);
    Ok(json(StatusCode::OK, &SubscriberBody::from(state.app.subscriber_record(id).await?)))
}

#[utoipa::path(patch, path = "/subscribers/{id}", tag = "subscribers", request_body = SubscriberPatch,
    params(("id" = i64, Path)),
    responses((status = 200, body = SubscriberBody), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 415, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn update_subscriber(
    State(state): State<AppState>,
    client: Client,
    id: Result<Path<String>, PathRejection>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let id = SubscriberId(path_id(id, "subscriber")?);
    let mut fields =
        Fields::new(body, &["name", "language", "region", "audience", "attributes", "status"]);
    let mut update = SubscriberUpdate::default();
    let clean = |fields: &mut Fields,
                 name: &str,
                 value: Option<Option<String>>|
     -> Option<Option<String>> {
        match value? {
            None => Some(None),
            Some(text) => match clean_optional_text(name, &text) {
                Ok(v) => Some(v),
                Err(e) => {
                    fields.fail(name, e.reason);
                    None
                }
            },
        }
    };
    let name = fields.nullable_string("name");
    update.name = clean(&mut fields, "name", name);
    let region = fields.nullable_string("region");
    update.region = clean(&mut fields, "region", region);
    if let Some(audience) = fields.nullable_string("audience") {
        match check::audience("audience", audience.as_deref().unwrap_or_default()) {
            Ok(a) => update.audience = Some(a),
            Err(e) => fields.fail("audience", e.reason),
        }
    }
    if let Some(language) = fields.string("language") {
        match check::language("language", &language) {
            Ok(l) => update.language = Some(l),
            Err(e) => fields.fail("language", e.reason),
        }
    }
    if let Some(attributes) = fields.object("attributes") {
        match check::attributes("attributes", &attributes) {
            Ok(()) => update.attributes = Some(attributes),
            Err(e) => fields.fail("attributes", e.reason),
        }
    }
    let status = fields.string("status");
    if status.as_deref().is_some_and(|s| s != "unsubscribed") {
        fields.fail("status", "only `unsubscribed` can be set; DELETE erases");
    }
    fields.finish()?;
    let changes = SubscriberChanges { update, unsubscribe: status.is_some() };
    let record = state.app.change_subscriber(id, changes, client.meta).await?;
    Ok(json(StatusCode::OK, &SubscriberBody::from(record)))
}

#[utoipa::path(delete, path = "/subscribers/{id}", tag = "subscribers",
    description = "Erases the subscriber: personal data removed, the address suppressed by its hash, the consent history kept anonymised.",
    params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn delete_subscriber(
    State(state): State<AppState>,
    client: Client,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = SubscriberId(path_id(id, "subscriber")?);
    state.app.erase(id, client.meta).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn subscription_target(
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<(SubscriberId, ListId), ApiError> {
    let (subscriber, list) = path_ids(path)?;
    Ok((SubscriberId(subscriber), ListId(list)))
}

/// One entry of the consent log.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentEventBody {
    /// signup, confirm, preferences, unsubscribe, import or erase.
    pub action: String,
    /// Version of the consent text agreed to (the Fluent id of the form text).
    pub text_version: Option<String>,
    pub language: Option<String>,
    /// `null` after erasure.
    pub ip: Option<String>,
    /// `null` after erasure.
    pub user_agent: Option<String>,
    pub created_at: String,
}

#[utoipa::path(get, path = "/subscribers/{id}/consent", tag = "subscribers",
    description = "The consent log of a subscriber, oldest first: the proof of consent.",
    params(("id" = i64, Path)),
    responses((status = 200, body = Vec<ConsentEventBody>), (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn consent_history(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = SubscriberId(path_id(id, "subscriber")?);
    let events = state.app.consent_history(id).await?;
    let body: Vec<ConsentEventBody> = events
        .into_iter()
        .map(|e| ConsentEventBody {
            action: e.action.as_str().to_owned(),
            text_version: e.text_version,
            language: e.language.map(|l| l.code().to_owned()),
            ip: e.ip,
            user_agent: e.user_agent,
            created_at: rfc3339(e.created_at),
        })
        .collect();
    Ok(json(StatusCode::OK, &body))
}

#[utoipa::path(put, path = "/subscribers/{id}/lists/{list_id}", tag = "subscriptions",
    params(("id" = i64, Path), ("list_id" = i64, Path)),
    responses((status = 204), (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn add_subscription(
    State(state): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, ApiError> {
    let (subscriber, list) = subscription_target(path)?;
    state.app.add_subscription(subscriber, list).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[utoipa::path(delete, path = "/subscribers/{id}/lists/{list_id}", tag = "subscriptions",
    params(("id" = i64, Path), ("list_id" = i64, Path)),
    responses((status = 204), (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn remove_subscription(
    State(state): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, ApiError> {
    let (subscriber, list) = subscription_target(path)?;
    state.app.remove_subscription(subscriber, list).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[utoipa::path(get, path = "/lists", tag = "lists",
    responses((status = 200, body = Vec<ListBody>), (status = 401, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn list_lists(State(state): State<AppState>) -> Result<Response, ApiError> {
    let lists = state.app.lists().await?;
    Ok(json(StatusCode::OK, &lists.into_iter().map(ListBody::from).collect::<Vec<_>>()))
}

fn list_input(body: Map<String, Value>) -> Result<NewList, ApiError> {
    let mut fields = Fields::new(body, &["slug", "names", "public"]);
    let slug = fields.required_string("slug");
    if let Some(Err(error)) = slug.as_deref().map(|s| rundbrief_app::lists::slug("slug", s)) {
        fields.fail("slug", error.reason);
    }
    let mut names = BTreeMap::new();
    match fields.object("names") {
        None => fields.fail("names", "is required: an object of language code to name"),
        Some(map) => {
            for (code, name) in map {
                let Ok(language) = check::language("names", &code) else {
                    fields.fail("names", "keys must be codes of the 24 EU languages");
                    continue;
                };
                match name.as_str().map(|n| clean_optional_text("names", n)) {
                    Some(Ok(Some(name))) => {
                        names.insert(language, name);
                    }
                    _ => fields
                        .fail("names", "values must be non-empty names of at most 200 characters"),
                }
            }
            if names.is_empty() && !fields.errors.iter().any(|(f, _)| f == "names") {
                fields.fail("names", "needs a name in at least one language");
            }
        }
    }
    let public = fields.bool("public").unwrap_or(false);
    fields.finish()?;
    let slug = slug.ok_or_else(|| ApiError::field("slug", "is required"))?;
    Ok(NewList { slug, names, public })
}

#[utoipa::path(post, path = "/lists", tag = "lists", request_body = ListInput,
    responses((status = 201, body = ListBody), (status = 401, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn create_list(
    State(state): State<AppState>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let new = list_input(body)?;
    let list = state.app.create_list(&new).await?;
    Ok(json(StatusCode::CREATED, &ListBody::from(list)))
}

#[utoipa::path(get, path = "/lists/{id}", tag = "lists", params(("id" = i64, Path)),
    responses((status = 200, body = ListBody), (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn get_list(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = ListId(path_id(id, "list")?);
    let list = state.app.list(id).await?;
    Ok(json(StatusCode::OK, &ListBody::from(list)))
}

#[utoipa::path(put, path = "/lists/{id}", tag = "lists", params(("id" = i64, Path)), request_body = ListInput,
    responses((status = 200, body = ListBody), (status = 401, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn update_list(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let id = ListId(path_id(id, "list")?);
    let new = list_input(body)?;
    let list = state.app.update_list(id, &new).await?;
    Ok(json(StatusCode::OK, &ListBody::from(list)))
}

#[utoipa::path(delete, path = "/lists/{id}", tag = "lists", params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn delete_list(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = ListId(path_id(id, "list")?);
    state.app.delete_list(id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
