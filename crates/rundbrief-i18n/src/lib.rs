//! Texts of Rundbrief in the 24 official EU languages.
//!
//! This crate owns `locales/<lang>/*.ftl` (Fluent files): it embeds them into the binary,
//! turns them into one Fluent bundle per language ([`Locales`]), renders messages with a
//! fallback to English ([`Locales::text`]), reports missing, extra and broken messages
//! ([`Locales::check`]), and picks a reader's language from a request ([`negotiate`]).
//!
//! It knows nothing about HTTP or mail: callers hand in the raw query, cookie and header values
//! and get plain strings back.
//!
//! Conventions for the files:
//! - `public.ftl` (public web pages) and `mail.ftl` (mails) exist in all 24 languages with the
//!   same message ids and attributes as English; `admin.ftl` (editor UI) exists in German and
//!   English only (see [`Locales::check`]).
//! - Plurals use Fluent selects on CLDR categories; an optional name is selected with the
//!   custom function `EMPTY($name)`, which yields `true` for an empty or blank string.

mod check;
mod locales;
mod negotiate;

#[cfg(test)]
mod german_tests;
#[cfg(test)]
mod locale_tests;
#[cfg(test)]
mod plural_tests;

pub use check::Problem;
pub use locales::Locales;
pub use negotiate::{negotiate, negotiate_among};

/// An argument handed to a message (`{ $name }` in Fluent).
///
/// Numbers are kept as numbers so that plural selects (`{ $hours -> [one] … }`) work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg<'a> {
    Str(&'a str),
    Num(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(value: &'a str) -> Self {
        Arg::Str(value)
    }
}

impl From<i64> for Arg<'_> {
    fn from(value: i64) -> Self {
        Arg::Num(value)
    }
}

/// Loading locale files failed in a way that leaves nothing to check (the folder or a file
/// could not be read). Syntax errors are not load errors: they are kept and reported by
/// [`Locales::check`], so one broken file does not hide the state of the others.
#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
}
