//! Domain types and rules of Rundbrief: everything that can be decided without I/O.
//!
//! Types here follow "parse, don't validate": a value of `EmailAddress` or `Language` is valid
//! by construction, so code further up never re-checks it.

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
