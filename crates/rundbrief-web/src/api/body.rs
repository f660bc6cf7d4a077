//! Reading requests: a body that must be a JSON object, read field by field so that one 422
//! names every failing field, and the typed ids of a path.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::ApiError;
use crate::extract::RowId;

/// A request body that must be a JSON object.
pub(crate) struct JsonObject(pub Map<String, Value>);

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

/// The problems found with a request, by field, collected so one 422 lists them all.
#[derive(Debug, Default)]
pub(crate) struct Problems(Vec<(String, String)>);

impl Problems {
    pub(crate) fn fail(&mut self, field: &str, reason: impl Into<String>) {
        self.0.push((field.to_owned(), reason.into()));
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn has(&self, field: &str) -> bool {
        self.0.iter().any(|(f, _)| f == field)
    }

    /// Adds the use case's own findings for fields not reported yet.
    pub(crate) fn add_app(&mut self, errors: Vec<rundbrief_app::FieldError>) {
        for error in errors {
            if !self.has(&error.field) {
                self.fail(&error.field, error.reason);
            }
        }
    }

    /// Refuses a list of more than `max` entries.
    pub(crate) fn at_most<T>(&mut self, field: &str, items: Option<&[T]>, max: usize) {
        if items.is_some_and(|items| items.len() > max) && !self.has(field) {
            self.fail(field, format!("must have at most {max} entries"));
        }
    }

    /// 422 listing every problem, or nothing.
    pub(crate) fn finish(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            return Ok(());
        }
        let mut error = ApiError::field("", "");
        error.errors = self
            .0
            .into_iter()
            .map(|(field, reason)| crate::error::FieldProblem { field, reason })
            .collect();
        Err(error)
    }
}

/// A request body type: the serde struct the OpenAPI document describes. Every field has a
/// default (`#[serde(default)]` on the struct), so a body can be read field by field and one
/// answer names every field that failed; [`RequestBody::REQUIRED`] says which must be there.
pub(crate) trait RequestBody: DeserializeOwned + Default {
    /// Fields that must be present and not `null` (the schema marks them `required`).
    const REQUIRED: &'static [&'static str] = &[];
    /// Fields holding an object of their own: serde would also read a struct from an array of
    /// its fields in order, which the schema does not allow.
    const OBJECTS: &'static [&'static str] = &[];

    /// For a nested object field: the problems inside it, named `field.inner`, and what of it
    /// could be read, so the use case still checks that part; `None` when `field` holds no
    /// object of its own.
    fn nested(field: &str, value: &Value) -> Option<(Problems, Value)> {
        let _ = (field, value);
        None
    }

    /// Limits serde does not check (the number of entries of a list, say).
    fn check(&self, problems: &mut Problems) {
        let _ = problems;
    }
}

/// What serde says about a value, without repeating the value.
fn reason(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let text = text.split(" at line ").next().unwrap_or(&text);
    if text.starts_with("unknown field") {
        let allowed = text.split(", expected ").nth(1).unwrap_or("no fields");
        return format!("unknown field; allowed: {allowed}");
    }
    match text.split_once(", expected ") {
        Some((_, expected)) if expected.starts_with("struct ") => "must be an object".to_owned(),
        Some((_, expected)) => format!("must be {expected}"),
        None => text.to_owned(),
    }
}

/// Reads `map` into `T`; the fields that do not fit are left at their defaults and reported.
pub(crate) fn read<T: RequestBody>(mut map: Map<String, Value>) -> (T, Problems) {
    let mut problems = Problems::default();
    for field in T::OBJECTS {
        if map.get(*field).is_some_and(|v| !v.is_object() && !v.is_null()) {
            map.remove(*field);
            problems.fail(field, "must be an object");
        }
    }
    for field in T::REQUIRED {
        if map.get(*field).is_none_or(Value::is_null) {
            problems.fail(field, "is required");
        }
    }
    if let Ok(value) = serde_json::from_value::<T>(Value::Object(map.clone())) {
        value.check(&mut problems);
        return (value, problems);
    }
    let mut fitting = Map::new();
    for (field, value) in map {
        let single = Map::from_iter([(field.clone(), value.clone())]);
        match serde_json::from_value::<T>(Value::Object(single)) {
            Ok(_) => {
                fitting.insert(field, value);
            }
            Err(error) => match T::nested(&field, &value) {
                Some((inner, readable)) => {
                    for (name, why) in inner.0 {
                        problems.fail(&format!("{field}.{name}"), why);
                    }
                    fitting.insert(field, readable);
                }
                None => problems.fail(&field.chars().take(64).collect::<String>(), reason(&error)),
            },
        }
    }
    let value: T = serde_json::from_value(Value::Object(fitting)).unwrap_or_default();
    value.check(&mut problems);
    (value, problems)
}

/// A JSON body read into `T`, with the problems found on the way; the handler adds the use
/// case's checks and calls [`Problems::finish`].
pub(crate) struct Body<T> {
    pub value: T,
    pub problems: Problems,
}

impl<S: Send + Sync, T: RequestBody> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let JsonObject(map) = JsonObject::from_request(request, state).await?;
        let (value, problems) = read::<T>(map);
        Ok(Self { value, problems })
    }
}

/// `Option<Option<T>>` for PATCH: absent is `None`, `null` is `Some(None)`.
pub(crate) fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
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
