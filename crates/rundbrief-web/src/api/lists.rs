//! Lists (topics) in `/api/v1`: read, create, replace, delete.

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rundbrief_app::validate::{self as check, clean_optional_text};
use rundbrief_core::ListId;
use rundbrief_core::model::{MailingList, NewList};
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;

use super::body::{Fields, Id, JsonObject};
use super::{json, rfc3339};
use crate::AppState;
use crate::error::ApiError;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/lists", get(list_lists).post(create_list))
        .route("/lists/{id}", get(get_list).put(update_list).delete(delete_list))
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
async fn get_list(State(state): State<AppState>, Id(id): Id<ListId>) -> Result<Response, ApiError> {
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
    Id(id): Id<ListId>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let new = list_input(body)?;
    let list = state.app.update_list(id, &new).await?;
    Ok(json(StatusCode::OK, &ListBody::from(list)))
}

#[utoipa::path(delete, path = "/lists/{id}", tag = "lists", params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn delete_list(
    State(state): State<AppState>,
    Id(id): Id<ListId>,
) -> Result<Response, ApiError> {
    state.app.delete_list(id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
