//! The one error type of the use cases (subscribers, accounts, issues and sending alike). It
//! says what went wrong in terms the web layer can show: which field and why, a bad link or
//! sign-in, a missing record, a conflict, a queue or mail failure, or a storage failure.

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
    /// The request does not fit the current state; the text says why, as users read it.
    #[error("{0}")]
    Conflict(String),
    /// Storage failed for reasons the caller cannot fix; logged, shown as a 500.
    #[error(transparent)]
    Store(StoreError),
    /// The instance is configured in a way that makes the request impossible (say, a sender
    /// domain no Message-ID can be made of); logged, shown as a 500.
    #[error("{0}")]
    Internal(String),
    /// Unknown address or wrong password: deliberately one case, so the answer does not tell
    /// which addresses have accounts.
    #[error("wrong e-mail address or password")]
    BadCredentials,
    /// A setup link that is forged or expired, or an account exists already.
    #[error("the setup link is not valid (anymore)")]
    SetupClosed,
    /// The issue is `sending` but its jobs could not be queued; it starts when a worker does.
    #[error(
        "the issue is sending, but its jobs could not be queued ({0}); a worker picks it up when it starts"
    )]
    Queue(#[source] BoxError),
    /// A test mail could not be delivered.
    #[error("the test mail could not be sent: {0}")]
    Send(#[source] BoxError),
    /// A service the request needed failed (the machine translation service); the message
    /// says how, without secrets.
    #[error("{0}")]
    Upstream(String),
}

/// A lower layer's error, kept with its type for the log's cause chain.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

impl AppError {
    pub fn invalid(field: &str, reason: impl Into<String>, message_id: &'static str) -> Self {
        Self::Invalid(vec![FieldError::new(field, reason, message_id)])
    }

    /// A request that is wrong as a whole, not in one field (a schedule time in the past).
    pub fn invalid_reason(reason: impl Into<String>) -> Self {
        Self::invalid("", reason, "error-form-summary")
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
