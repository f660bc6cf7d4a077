//! Reading requests: a body that must be a JSON object, read field by field so that one 422
//! names every failing field, and the typed ids of a path.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use serde_json::{Map, Value};

use crate::error::ApiError;
use crate::extract::RowId;

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

/// The typed id of a path's one segment (`/subscribers/{id}`): a positive integer, or 404
/// naming what was looked for.
pub(crate) struct Id<T>(pub T);

impl<S: Send + Sync, T: RowId> FromRequestParts<S> for Id<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let raw = Path::<String>::from_request_parts(parts, state).await.ok();
        match raw.and_then(|Path(raw)| crate::extract::row_id(&raw)) {
            Some(id) => Ok(Self(T::from_row(id))),
            None => Err(ApiError::not_found(T::WHAT)),
        }
    }
}

/// The two typed ids of a path such as `/subscribers/{id}/lists/{list_id}`.
pub(crate) struct Ids<A, B>(pub A, pub B);

impl<S: Send + Sync, A: RowId, B: RowId> FromRequestParts<S> for Ids<A, B> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Ok(Path((a, b))) = Path::<(String, String)>::from_request_parts(parts, state).await
        else {
            return Err(ApiError::not_found("resource"));
        };
        let a = crate::extract::row_id(&a).ok_or_else(|| ApiError::not_found(A::WHAT))?;
        let b = crate::extract::row_id(&b).ok_or_else(|| ApiError::not_found(B::WHAT))?;
        Ok(Self(A::from_row(a), B::from_row(b)))
    }
}
