//! The record id in an editor path. Extracted before the handler runs, so an id that cannot
//! name a record gets the same not-found page everywhere, in the editor's language.

use axum::extract::{FromRequestParts, Path};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use rundbrief_core::{IssueId, ListId, SubscriberId};

use super::lang::AdminLang;
use super::layout;

/// The typed id of the route's single path segment.
pub struct PathId<T>(pub T);

/// The id types a path can name.
pub trait RowId {
    fn from_row(id: i64) -> Self;
}

impl RowId for IssueId {
    fn from_row(id: i64) -> Self {
        Self(id)
    }
}

impl RowId for ListId {
    fn from_row(id: i64) -> Self {
        Self(id)
    }
}

impl RowId for SubscriberId {
    fn from_row(id: i64) -> Self {
        Self(id)
    }
}

pub fn path_id(raw: &str) -> Option<i64> {
    raw.parse().ok().filter(|id| *id > 0)
}

impl<S: Send + Sync, T: RowId> FromRequestParts<S> for PathId<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let raw = Path::<String>::from_request_parts(parts, state).await.ok();
        match raw.and_then(|Path(raw)| path_id(&raw)) {
            Some(id) => Ok(Self(T::from_row(id))),
            None => {
                let lang = AdminLang::from_parts(parts).lang;
                Err(layout::error(lang, StatusCode::NOT_FOUND, "admin-not-found"))
            }
        }
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
