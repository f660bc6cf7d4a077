//! Domain types and rules of Rundbrief: everything that can be decided without I/O.
//!
//! Types here follow "parse, don't validate": a value of `EmailAddress` or `Language` is valid
//! by construction, so code further up never re-checks it.

pub mod clock;
pub mod email;
pub mod ids;
pub mod language;
pub mod model;
pub mod segment;
pub mod status;
pub mod token;

pub use email::{EmailAddress, EmailError};
pub use ids::{ApiTokenId, DeliveryId, IssueId, ListId, SubscriberId, UserId};
pub use language::{Language, LanguageError};
pub use status::{StatusTransitionError, SubscriberStatus};
pub use token::{TokenError, TokenPurpose, TokenSigner};

/// Rejected input is echoed in error messages; capping it keeps a hostile query string or form
/// field from blowing up logs and error pages.
pub(crate) fn echo_input(input: &str) -> String {
    const MAX_ECHOED_INPUT_CHARS: usize = 32;
    match input.char_indices().nth(MAX_ECHOED_INPUT_CHARS) {
        Some((cut, _)) => format!("{}…", &input[..cut]),
        None => input.to_owned(),
    }
}
