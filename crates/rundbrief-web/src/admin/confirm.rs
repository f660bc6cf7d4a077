//! The page that asks before something that cannot be undone: what will happen, one danger
//! button and a way back. Readers see the page too, so they learn what an editor could do, but
//! the button stays disabled for them.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use rundbrief_app::AppError;
use rundbrief_core::Language;

use super::csrf;
use super::form::failure;
use super::guard::CurrentUser;
use super::layout::{self, Section, t};

pub struct Confirm<'a> {
    pub title: String,
    pub section: Section,
    /// What will happen, above the button.
    pub explanation: Markup,
    /// Where the form posts.
    pub action: String,
    /// The Fluent id of the button's text.
    pub submit_id: &'a str,
    /// Where cancelling leads.
    pub back: &'a str,
}

pub fn page(lang: Language, current: &CurrentUser, confirm: Confirm<'_>) -> Response {
    let can_edit = current.user.role.can_edit();
    let content = html! {
        @if !can_edit {
            p.notice role="status" { (t(lang, "admin-read-only-notice")) }
        }
        (confirm.explanation)
        form method="post" action=(confirm.action) {
            (csrf::hidden(&current.csrf))
            div.actions {
                button.danger type="submit" disabled[!can_edit] { (t(lang, confirm.submit_id)) }
                a href=(confirm.back) { (t(lang, "admin-cancel")) }
            }
        }
    };
    let markup = layout::page(lang, &confirm.title, Some(current), confirm.section, content);
    layout::respond(lang, StatusCode::OK, markup)
}

/// The answer to the confirmed step: on to `then` when it was done, else the page that says
/// why not (`doing` names the step in the log).
pub fn done(
    lang: Language,
    outcome: Result<(), AppError>,
    doing: &'static str,
    then: &str,
) -> Response {
    match outcome {
        Ok(()) => Redirect::to(then).into_response(),
        Err(error) => failure(lang, error, doing),
    }
}
