//! Subscribers and their subscriptions in `/api/v1`: search, create (double opt-in or consent
//! obtained elsewhere), read, change, erase, the consent log, and lists on and off.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use rundbrief_app::validate::{self as check, clean_optional_text};
use rundbrief_app::{ConsentBasis, NewSubscriberInput, SubscriberChanges, SubscriberRecord};
use rundbrief_core::model::{Subscriber, SubscriberFilter, SubscriberUpdate};
use rundbrief_core::{Language, ListId, SubscriberId, SubscriberStatus};
use serde::Serialize;
use serde_json::{Map, Value};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use utoipa::ToSchema;

use super::body::{Fields, Id, Ids, JsonObject};
use super::{DEFAULT_PAGE, MAX_PAGE, json, rfc3339};
use crate::AppState;
use crate::error::ApiError;
use crate::extract::Client;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
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
    Id(id): Id<SubscriberId>,
) -> Result<Response, ApiError> {
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
    Id(id): Id<SubscriberId>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
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
    Id(id): Id<SubscriberId>,
) -> Result<Response, ApiError> {
    state.app.erase(id, client.meta).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
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
    Id(id): Id<SubscriberId>,
) -> Result<Response, ApiError> {
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
    Ids(subscriber, list): Ids<SubscriberId, ListId>,
) -> Result<Response, ApiError> {
    state.app.add_subscription(subscriber, list).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[utoipa::path(delete, path = "/subscribers/{id}/lists/{list_id}", tag = "subscriptions",
    params(("id" = i64, Path), ("list_id" = i64, Path)),
    responses((status = 204), (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn remove_subscription(
    State(state): State<AppState>,
    Ids(subscriber, list): Ids<SubscriberId, ListId>,
) -> Result<Response, ApiError> {
    state.app.remove_subscription(subscriber, list).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
