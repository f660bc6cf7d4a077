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
use rundbrief_core::{ListId, SubscriberId, SubscriberStatus};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use utoipa::ToSchema;

use super::MAX_IDS;
use super::body::{Body, Id, Ids, Problems, RequestBody, nullable};
use super::schema::{AudienceKind, LANGUAGE_RULE, LanguageCode, RecordId};
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
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SubscriberCreate {
    /// A deliverable address: ASCII before the `@`.
    #[schema(required, max_length = 320, example = "anna@example.org")]
    pub email: String,
    #[schema(max_length = 200, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    pub name: Option<String>,
    /// Defaults to the instance's default language.
    pub language: Option<LanguageCode>,
    #[schema(max_length = 200, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    pub region: Option<String>,
    pub audience: Option<AudienceKind>,
    /// Free-form data of the caller, at most 16 KiB as JSON.
    #[schema(value_type = Option<Object>)]
    pub attributes: Option<Map<String, Value>>,
    /// Ids of existing lists to subscribe to.
    #[schema(max_items = 1000)]
    pub lists: Option<Vec<RecordId>>,
    /// `double_opt_in` (default): a confirmation mail is sent and the subscriber stays pending
    /// until confirmed. `obtained_elsewhere`: the caller vouches for consent given elsewhere;
    /// the subscriber is active at once and the consent log records it as such.
    pub consent: Option<ConsentKind>,
}

impl RequestBody for SubscriberCreate {
    const REQUIRED: &'static [&'static str] = &["email"];
    fn check(&self, problems: &mut Problems) {
        problems.at_most("lists", self.lists.as_deref(), MAX_IDS);
    }
}

/// How the consent of a new subscriber was obtained.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConsentKind {
    #[default]
    DoubleOptIn,
    ObtainedElsewhere,
}

/// Changes to a subscriber; absent fields stay, `null` clears.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SubscriberPatch {
    #[serde(deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 200, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    pub name: Option<Option<String>>,
    pub language: Option<LanguageCode>,
    #[serde(deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 200, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    pub region: Option<Option<String>>,
    #[serde(deserialize_with = "nullable")]
    #[schema(value_type = Option<AudienceKind>)]
    pub audience: Option<Option<AudienceKind>>,
    /// Free-form data of the caller, at most 16 KiB as JSON; replaces the stored object.
    #[schema(value_type = Option<Object>)]
    pub attributes: Option<Map<String, Value>>,
    /// Only `unsubscribed` can be set here; DELETE erases.
    pub status: Option<StatusChange>,
}

impl RequestBody for SubscriberPatch {}

/// The one status an API caller may set.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusChange {
    Unsubscribed,
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
        FilterParams,
        ("cursor" = Option<i64>, Query, description = "`next_cursor` of the previous page"),
        ("limit" = Option<u32>, Query, description = "1 to 500, default 50"),
    ),
    responses((status = 200, body = SubscriberPage), (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn list_subscribers(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let mut cursor = None;
    let mut limit = DEFAULT_PAGE;
    let filter = filter_query(query.as_deref(), |key, value, errors| {
        match key {
            "cursor" => match value.parse() {
                Ok(c) => cursor = Some(c),
                Err(_) => {
                    errors.push((key.into(), "must be the next_cursor of a previous page".into()))
                }
            },
            "limit" => match value.parse::<u32>() {
                Ok(n) if (1..=MAX_PAGE).contains(&n) => limit = n,
                _ => errors.push((key.into(), "must be a number from 1 to 500".into())),
            },
            _ => return false,
        }
        true
    })?;
    let page = state.app.find_subscribers(&filter, cursor, limit).await?;
    let body = SubscriberPage {
        items: page.items.into_iter().map(|s| SubscriberBody::new(s, None)).collect(),
        next_cursor: page.next,
    };
    Ok(json(StatusCode::OK, &body))
}

/// The filters of the subscriber list as `GET /subscribers`, `GET /subscribers.csv` and
/// `GET /consent-log` document them; [`filter_query`] reads them.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Only documents the query string: reading it names every bad parameter.
pub(crate) struct FilterParams {
    /// pending, active, unsubscribed, bounced, complained or erased
    status: Option<String>,
    /// language code
    language: Option<String>,
    /// only subscribers of this list
    list: Option<i64>,
    region: Option<String>,
    audience: Option<String>,
    /// RFC 3339, inclusive
    created_from: Option<String>,
    /// RFC 3339, exclusive
    created_before: Option<String>,
    /// case-insensitive text in e-mail or name
    q: Option<String>,
}

/// The subscriber list's filters in `query`; `other` reads the endpoint's own parameters
/// (`false`: not one of them) and notes bad values. Unknown parameters and bad values of
/// any kind end in one problem document that names them all.
pub(crate) fn filter_query(
    query: Option<&str>,
    mut other: impl FnMut(&str, &str, &mut Vec<(String, String)>) -> bool,
) -> Result<SubscriberFilter, ApiError> {
    let mut filter = SubscriberFilter::default();
    let mut errors: Vec<(String, String)> = Vec::new();
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        if !other(&key, &value, &mut errors)
            && !filter_param(&mut filter, &key, value.into_owned(), &mut errors)
        {
            errors.push((key.to_string(), "unknown query parameter".into()));
        }
    }
    let mut problems = Problems::default();
    for (field, reason) in errors {
        problems.fail(&field, reason);
    }
    problems.finish()?;
    Ok(filter)
}

/// Reads query parameter `key` of the subscriber list's filters into `filter`, noting a bad
/// value in `errors`; `false` when `key` is no filter. The consent log export takes the same.
fn filter_param(
    filter: &mut SubscriberFilter,
    key: &str,
    value: String,
    errors: &mut Vec<(String, String)>,
) -> bool {
    let time = |v: &str| OffsetDateTime::parse(v, &Rfc3339).ok();
    let mut bad = None;
    match key {
        "status" => match value.parse::<SubscriberStatus>() {
            Ok(s) => filter.status = Some(s),
            Err(_) => {
                bad = Some("must be pending, active, unsubscribed, bounced, complained or erased")
            }
        },
        "language" => match LanguageCode::parse(&value) {
            Some(l) => filter.language = Some(l.0),
            None => bad = Some(LANGUAGE_RULE),
        },
        "list" => match crate::extract::row_id(&value) {
            Some(id) => filter.list = Some(ListId(id)),
            None => bad = Some("must be a list id"),
        },
        "created_from" => match time(&value) {
            Some(t) => filter.created_from = Some(t),
            None => bad = Some("must be an RFC 3339 time"),
        },
        "created_before" => match time(&value) {
            Some(t) => filter.created_before = Some(t),
            None => bad = Some("must be an RFC 3339 time"),
        },
        "region" => filter.region = text_filter(errors, "region", Some(value)),
        "audience" => filter.audience = text_filter(errors, "audience", Some(value)),
        "q" => filter.search = text_filter(errors, "q", Some(value)),
        _ => return false,
    }
    if let Some(reason) = bad {
        errors.push((key.to_owned(), reason.to_owned()));
    }
    true
}

#[utoipa::path(post, path = "/subscribers", tag = "subscribers", request_body = SubscriberCreate,
    responses((status = 201, body = SubscriberBody), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn create_subscriber(
    State(state): State<AppState>,
    client: Client,
    Body { value, mut problems }: Body<SubscriberCreate>,
) -> Result<Response, ApiError> {
    let input = NewSubscriberInput {
        email: value.email,
        name: value.name,
        language: value.language.map(|l| l.0.code().to_owned()),
        region: value.region,
        audience: value.audience.map(|a| a.as_str().to_owned()),
        attributes: value.attributes.unwrap_or_default(),
        lists: value.lists.unwrap_or_default().into_iter().map(|id| id.0).collect(),
        consent: match value.consent.unwrap_or_default() {
            ConsentKind::DoubleOptIn => ConsentBasis::DoubleOptIn,
            ConsentKind::ObtainedElsewhere => ConsentBasis::ObtainedElsewhere,
        },
        meta: client.meta,
    };
    if !problems.is_empty() {
        // Report the use case's checks too, so one answer lists everything to fix.
        problems.add_app(state.app.new_subscriber_errors(&input).await?);
        problems.finish()?;
    }
    let subscriber = state.app.create_subscriber(input).await?;
    let lists = state.app.subscriptions(subscriber.id).await?;
    Ok(json(StatusCode::CREATED, &SubscriberBody::new(subscriber, Some(lists))))
}

#[utoipa::path(get, path = "/subscribers/{id}", tag = "subscribers",
    params(("id" = i64, Path)),
    responses((status = 200, body = SubscriberBody)),
    security(("bearer" = [])))]
async fn get_subscriber(
    State(state): State<AppState>,
    Id(id): Id<SubscriberId>,
) -> Result<Response, ApiError> {
    Ok(json(StatusCode::OK, &SubscriberBody::from(state.app.subscriber_record(id).await?)))
}

#[utoipa::path(patch, path = "/subscribers/{id}", tag = "subscribers", request_body = SubscriberPatch,
    params(("id" = i64, Path)),
    responses((status = 200, body = SubscriberBody),
        (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn update_subscriber(
    State(state): State<AppState>,
    axum::Extension(token): axum::Extension<rundbrief_core::model::ApiToken>,
    client: Client,
    Id(id): Id<SubscriberId>,
    Body { value, mut problems }: Body<SubscriberPatch>,
) -> Result<Response, ApiError> {
    let mut text = |field: &str, value: Option<Option<String>>| match value? {
        None => Some(None),
        Some(text) => {
            clean_optional_text(field, &text).map_err(|e| problems.fail(field, e.reason)).ok()
        }
    };
    let mut update = SubscriberUpdate {
        name: text("name", value.name),
        region: text("region", value.region),
        audience: value.audience.map(|a| a.map(|a| a.as_str().to_owned())),
        language: value.language.map(|l| l.0),
        attributes: None,
    };
    if let Some(attributes) = value.attributes {
        match check::attributes("attributes", &attributes) {
            Ok(()) => update.attributes = Some(attributes),
            Err(e) => problems.fail("attributes", e.reason),
        }
    }
    problems.finish()?;
    let status = value.status;
    let changes = SubscriberChanges { update, unsubscribe: status.is_some() };
    let record = state
        .app
        .change_subscriber(
            rundbrief_app::audit::AuditActor::Token(token.id),
            id,
            changes,
            client.meta,
        )
        .await?;
    Ok(json(StatusCode::OK, &SubscriberBody::from(record)))
}

#[utoipa::path(delete, path = "/subscribers/{id}", tag = "subscribers",
    description = "Erases the subscriber: personal data removed, the address suppressed by its hash, the consent history kept anonymised.",
    params(("id" = i64, Path)),
    responses((status = 204)),
    security(("bearer" = [])))]
async fn delete_subscriber(
    State(state): State<AppState>,
    axum::Extension(token): axum::Extension<rundbrief_core::model::ApiToken>,
    client: Client,
    Id(id): Id<SubscriberId>,
) -> Result<Response, ApiError> {
    state.app.erase(rundbrief_app::audit::AuditActor::Token(token.id), id, client.meta).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// One entry of the consent log.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentEventBody {
    /// signup, confirm, preferences, unsubscribe, import, erase, bounce or complaint.
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
    responses((status = 200, body = Vec<ConsentEventBody>)),
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
    responses((status = 204)),
    security(("bearer" = [])))]
async fn add_subscription(
    State(state): State<AppState>,
    Ids(subscriber, list): Ids<SubscriberId, ListId>,
) -> Result<Response, ApiError> {
    state.app.set_subscription(subscriber, list, true).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[utoipa::path(delete, path = "/subscribers/{id}/lists/{list_id}", tag = "subscriptions",
    params(("id" = i64, Path), ("list_id" = i64, Path)),
    responses((status = 204)),
    security(("bearer" = [])))]
async fn remove_subscription(
    State(state): State<AppState>,
    Ids(subscriber, list): Ids<SubscriberId, ListId>,
) -> Result<Response, ApiError> {
    state.app.set_subscription(subscriber, list, false).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
