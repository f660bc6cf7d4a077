//! Helpers for Rundbrief's black-box tests (dev only): the real binary on port 0 with a fresh
//! SQLite or PostgreSQL database ([`TestApp`], [`TestDb`]), a browser on its editor UI
//! ([`AdminSession`]), a real Chromium over WebDriver ([`browser`]), a loopback SMTP server that records what it receives and can be told to
//! fail ([`SmtpServer`]), and a small HTTP/1.1 client ([`http`]) that sends exactly the bytes a
//! test wants, malformed ones included.
//!
//! Everything is blocking and thread-based, so it works the same from plain `#[test]`s and
//! never depends on which async runtime a test uses.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

pub mod admin;
pub mod app;
pub mod browser;
pub mod campaign;
pub mod http;
pub mod outage;
pub mod process;
pub mod reports;
pub mod smtp;

pub use admin::AdminSession;
pub use app::{Backend, TestApp, TestDb};
pub use http::Response;
pub use process::TestProcess;
pub use smtp::{Received, SmtpServer};

/// Runs each named `fn(Backend)` of a black-box test file as `sqlite::NAME` and
/// `postgres::NAME`, so a failure names the backend it failed on.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test] fn $name() { super::$name($crate::Backend::Sqlite) })*
        }
        mod postgres {
            $(#[test] fn $name() { super::$name($crate::Backend::Postgres) })*
        }
    };
}
