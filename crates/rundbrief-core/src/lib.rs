//! Domain types and rules of Rundbrief: everything that can be decided without I/O.
//!
//! Types here follow "parse, don't validate": a value of `EmailAddress` or `Language` is valid
//! by construction, so code further up never re-checks it.

pub use email::{EmailAddress, EmailError};
pub use ids::{ApiTokenId, DeliveryId, IssueId, ListId, SubscriberId, UserId};
pub use language::{Language, LanguageError};
pub use status::{StatusTransitionError, SubscriberStatus};
pub use token::{TokenError, TokenPurpose, TokenSigner};

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// The text form of a domain type: shown by `Display`, stored and sent as that string, and read
/// back only through the type's `FromStr` parser, so JSON, forms and the database reject exactly
/// what `parse` rejects, with its message. `$text` is the method giving the canonical string.
macro_rules! text_form {
    ($ty:ty, $text:ident, $expecting:expr) => {
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.$text())
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.$text())
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::deserialize_parsed(
                    deserializer,
                    $expecting,
                    <$ty as std::str::FromStr>::from_str,
                )
            }
        }
    };
}

/// An error that keeps the rejected input (shortened by [`echo_input`]) for its message and for
/// callers that show it back; `$message` is the `thiserror` format and may use `{input:?}`.
macro_rules! rejected_input_error {
    ($(#[$attr:meta])* $name:ident, $message:literal) => {
        $(#[$attr])*
        #[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
        #[error($message)]
        pub struct $name {
            input: String,
        }

        impl $name {
            fn new(input: &str) -> Self {
                Self { input: crate::echo_input(input) }
            }

            /// The rejected input (shortened if it was very long).
            pub fn input(&self) -> &str {
                &self.input
            }
        }
    };
}

pub mod clock;
pub mod email;
pub mod ids;
pub mod language;
pub mod model;
pub mod pow;
pub mod segment;
pub mod status;
pub mod token;
pub mod verp;

/// Rejected input is echoed in error messages; capping it keeps a hostile query string or form
/// field from blowing up logs and error pages.
pub(crate) fn echo_input(input: &str) -> String {
    const MAX_ECHOED_INPUT_CHARS: usize = 32;
    match input.char_indices().nth(MAX_ECHOED_INPUT_CHARS) {
        Some((cut, _)) => format!("{}…", &input[..cut]),
        None => input.to_owned(),
    }
}

/// Deserialises a string through `parse`; see [`text_form`].
pub(crate) fn deserialize_parsed<'de, D, T, E>(
    deserializer: D,
    expecting: &'static str,
    parse: fn(&str) -> Result<T, E>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    E: fmt::Display,
{
    struct ParsedVisitor<T, E> {
        expecting: &'static str,
        parse: fn(&str) -> Result<T, E>,
    }

    impl<T, E: fmt::Display> Visitor<'_> for ParsedVisitor<T, E> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.expecting)
        }

        fn visit_str<Er: de::Error>(self, v: &str) -> Result<T, Er> {
            (self.parse)(v).map_err(Er::custom)
        }
    }

    deserializer.deserialize_str(ParsedVisitor { expecting, parse })
}
