//! The record an editor path names. Extracted before the handler runs, so an id that cannot
//! name a record, and a record that is not there, get the same pages everywhere, in the
//! editor's language.

use axum::extract::{FromRequestParts, Path};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use rundbrief_app::AppError;
use rundbrief_core::model::{MailingList, Subscriber};
use rundbrief_core::{IssueId, Language, ListId, SubscriberId};

use super::form::failure;
use super::lang::AdminLang;
use super::{Admin, layout};

/// The typed id of the route's single path segment.
pub struct PathId<T>(pub T);

pub use crate::extract::{RowId, row_id as path_id};

impl<S: Send + Sync, T: RowId> FromRequestParts<S> for PathId<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let raw = Path::<String>::from_request_parts(parts, state).await.ok();
        match raw.and_then(|Path(raw)| path_id(&raw)) {
            Some(id) => Ok(Self(T::from_row(id))),
            None => Err(not_found(parts)),
        }
    }
}

/// The issue and language of a `/issues/{id}/.../{lang}` path.
pub struct VariantPath(pub IssueId, pub Language);

impl<S: Send + Sync> FromRequestParts<S> for VariantPath {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let raw = Path::<(String, String)>::from_request_parts(parts, state).await.ok();
        let parsed = raw.and_then(|Path((id, language))| {
            Some(Self(IssueId(path_id(&id)?), Language::parse(&language).ok()?))
        });
        parsed.ok_or_else(|| not_found(parts))
    }
}

fn not_found(parts: &Parts) -> Response {
    layout::error(AdminLang::from_parts(parts).lang, StatusCode::NOT_FOUND, "admin-not-found")
}

/// A record an editor page shows, read by the id in its path.
pub trait Record: Sized {
    type Id: RowId;
    /// What failed, for the log.
    const LOADING: &'static str;
    fn load(admin: &Admin, id: Self::Id) -> impl Future<Output = Result<Self, AppError>> + Send;
}

impl Record for MailingList {
    type Id = ListId;
    const LOADING: &'static str = "loading a list";
    fn load(admin: &Admin, id: ListId) -> impl Future<Output = Result<Self, AppError>> + Send {
        admin.web.app.list(id)
    }
}

impl Record for Subscriber {
    type Id = SubscriberId;
    const LOADING: &'static str = "loading a subscriber";
    fn load(
        admin: &Admin,
        id: SubscriberId,
    ) -> impl Future<Output = Result<Self, AppError>> + Send {
        admin.web.app.subscriber(id)
    }
}

/// The record of the path, or the page that says why there is none.
pub struct Loaded<T>(pub T);

impl<T: Record> FromRequestParts<Admin> for Loaded<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, admin: &Admin) -> Result<Self, Response> {
        let PathId(id) = PathId::<T::Id>::from_request_parts(parts, admin).await?;
        T::load(admin, id)
            .await
            .map(Self)
            .map_err(|error| failure(AdminLang::from_parts(parts).lang, error, T::LOADING))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_paths_are_positive_numbers() {
        assert_eq!(path_id("12"), Some(12));
        assert_eq!(path_id("x"), None);
        assert_eq!(path_id("-3"), None);
    }
}
