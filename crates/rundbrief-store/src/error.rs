use rundbrief_core::StatusTransitionError;

pub type StoreResult<T> = Result<T, StoreError>;

/// What can go wrong in storage, in terms callers can act on: the web layer maps `NotFound`
/// to 404 and `Conflict` to 409 in one place instead of inspecting database errors.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("the address is suppressed and cannot be subscribed")]
    Suppressed,
    #[error(transparent)]
    InvalidTransition(#[from] StatusTransitionError),
    #[error("invalid input: {0}")]
    Invalid(String),
    /// The database cannot be used as configured: bad URL, unreachable, failed migration.
    /// The message names the database and the cause.
    #[error("{0}")]
    Config(String),
    /// The database could not be reached or answered with an error we cannot map; the source
    /// carries the driver's detail for the log.
    #[error("database error: {0}")]
    Database(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The database cannot be reached or cannot take writes right now (connection refused or
    /// lost, pool timed out, server shutting down, SQLite file read-only or disk full). Worth
    /// retrying later; pages answer 503 meanwhile.
    #[error("database unavailable: {0}")]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// A stored value that the domain refuses, which means the database was edited by hand.
    #[error("corrupt row in {table}: {detail}")]
    Corrupt { table: &'static str, detail: String },
}

impl StoreError {
    /// The database is out of reach or refuses writes for now: the caller should answer 503
    /// or retry later rather than report a fault.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, Self::Unavailable(_))
    }
}
