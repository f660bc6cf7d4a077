//! The one error type of the use cases. It says what went wrong in terms the web layer can
//! show: which field and why, a bad link, a missing record, a conflict, or a storage failure.

use rundbrief_store::StoreError;

/// One rejected input field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name as the form or the JSON body spells it.
    pub field: String,
    /// Why, in English, for API callers and logs (never contains the submitted value).
    pub reason: String,
    /// The Fluent id of the message a page shows next to the field.
    pub message_id: &'static str,
}

impl FieldError {
    pub fn new(field: &str, reason: impl Into<String>, message_id: &'static str) -> Self {
        Self { field: field.to_owned(), reason: reason.into(), message_id }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("invalid input: {}", .0.iter().map(|e| format!("{}: {}", e.field, e.reason)).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldError>),
    /// Forged, malformed, meant for another purpose, or naming nobody.
    #[error("the link is not valid")]
    BadToken,
    #[error("the link has expired")]
    ExpiredToken,
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("conflict: {0}")]
    Conflict(String),
    /// Storage failed for reasons the caller cannot fix; logged, shown as a 500.
    #[error(transparent)]
    Store(StoreError),
    /// The instance is configured in a way that makes the request impossible (say, a sender
    /// domain no Message-ID can be made of); logged, shown as a 500.
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    pub fn invalid(field: &str, reason: impl Into<String>, message_id: &'static str) -> Self {
        Self::Invalid(vec![FieldError::new(field, reason, message_id)])
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound(what) => AppError::NotFound(what),
            StoreError::Conflict(what) => AppError::Conflict(what),
            StoreError::Suppressed => {
                AppError::Conflict("the address is suppressed and cannot be subscribed".into())
            }
            StoreError::InvalidTransition(e) => AppError::Conflict(e.to_string()),
            StoreError::Invalid(reason) => {
                AppError::Invalid(vec![FieldError::new("", reason, "error-form-summary")])
            }
            other => AppError::Store(other),
        }
    }
}
