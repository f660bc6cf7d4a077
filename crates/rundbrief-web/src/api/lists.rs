//! Lists (topics) in `/api/v1`: read, create, replace, delete.

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rundbrief_core::ListId;
use rundbrief_core::model::{MailingList, NewList};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::body::{Body, Id, RequestBody};
use super::schema::{LanguageCode, ListNames};
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
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ListInput {
    /// Lower-case letters, digits and dashes, 1 to 64 characters.
    #[schema(
        required,
        example = "work",
        min_length = 1,
        max_length = 64,
        pattern = "^[a-z0-9-]{1,64}$"
    )]
    pub slug: String,
    #[schema(required)]
    pub names: ListNames,
    /// Offered as a topic on the sign-up form; default false.
    pub public: Option<bool>,
}

impl RequestBody for ListInput {
    const REQUIRED: &'static [&'static str] = &["slug", "names"];
}

#[utoipa::path(get, path = "/lists", tag = "lists",
    responses((status = 200, body = Vec<ListBody>)),
    security(("bearer" = [])))]
async fn list_lists(State(state): State<AppState>) -> Result<Response, ApiError> {
    let lists = state.app.lists().await?;
    Ok(json(StatusCode::OK, &lists.into_iter().map(ListBody::from).collect::<Vec<_>>()))
}

/// The list to store, or every problem with the body.
fn list_input(Body { value, mut problems }: Body<ListInput>) -> Result<NewList, ApiError> {
    if let Err(error) = rundbrief_app::lists::slug("slug", &value.slug)
        && !problems.has("slug")
    {
        problems.fail("slug", error.reason);
    }
    if value.names.0.is_empty() && !problems.has("names") {
        problems.fail("names", "needs a name in at least one language");
    }
    let mut names = BTreeMap::new();
    for (LanguageCode(language), name) in value.names.0 {
        match rundbrief_app::lists::list_name_text("names", &name) {
            Ok(name) => {
                names.insert(language, name);
            }
            Err(error) => problems.fail(&format!("names.{}", language.code()), error.reason),
        }
    }
    problems.finish()?;
    Ok(NewList { slug: value.slug, names, public: value.public.unwrap_or(false) })
}

#[utoipa::path(post, path = "/lists", tag = "lists", request_body = ListInput,
    responses((status = 201, body = ListBody),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn create_list(
    State(state): State<AppState>,
    body: Body<ListInput>,
) -> Result<Response, ApiError> {
    let new = list_input(body)?;
    let list = state.app.create_list(&new).await?;
    Ok(json(StatusCode::CREATED, &ListBody::from(list)))
}

#[utoipa::path(get, path = "/lists/{id}", tag = "lists", params(("id" = i64, Path)),
    responses((status = 200, body = ListBody)),
    security(("bearer" = [])))]
async fn get_list(State(state): State<AppState>, Id(id): Id<ListId>) -> Result<Response, ApiError> {
    let list = state.app.list(id).await?;
    Ok(json(StatusCode::OK, &ListBody::from(list)))
}

#[utoipa::path(put, path = "/lists/{id}", tag = "lists", params(("id" = i64, Path)), request_body = ListInput,
    responses((status = 200, body = ListBody), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)),
    security(("bearer" = [])))]
async fn update_list(
    State(state): State<AppState>,
    Id(id): Id<ListId>,
    body: Body<ListInput>,
) -> Result<Response, ApiError> {
    let new = list_input(body)?;
    let list = state.app.update_list(id, &new).await?;
    Ok(json(StatusCode::OK, &ListBody::from(list)))
}

#[utoipa::path(delete, path = "/lists/{id}", tag = "lists", params(("id" = i64, Path)),
    responses((status = 204)),
    security(("bearer" = [])))]
async fn delete_list(
    State(state): State<AppState>,
    Id(id): Id<ListId>,
) -> Result<Response, ApiError> {
    state.app.delete_list(id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
