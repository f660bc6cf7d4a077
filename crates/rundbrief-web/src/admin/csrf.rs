//! CSRF tokens of the editor UI. Signed-in forms send the session's token (a MAC of the session
//! cookie under the instance key); the login and setup forms, which have no session yet, send a
//! MAC of a random pre-session cookie, so a page elsewhere can neither read nor forge either.

use axum::http::{HeaderMap, HeaderValue};
use maud::{Markup, html};
use rundbrief_app::accounts::tokens_match;

use super::Admin;
use crate::extract::{FormFields, cookie, is_urlencoded};

/// The form field every form of the editor UI carries.
pub const FIELD: &str = "csrf_token";
/// For scripts (htmx or fetch) that send no form body.
pub const HEADER: &str = "x-csrf-token";
pub const PRESESSION_COOKIE: &str = "rundbrief_csrf";
const PRESESSION_SCOPE: &str = "pre-session";
/// Real values are 43 characters; a cookie far off that is not one of ours.
const MAX_COOKIE_LEN: usize = 128;

pub fn hidden(token: &str) -> Markup {
    html! { input type="hidden" name=(FIELD) value=(token); }
}

fn presession_cookie(headers: &HeaderMap) -> Option<String> {
    cookie(headers, PRESESSION_COOKIE).filter(|v| !v.is_empty() && v.len() <= MAX_COOKIE_LEN)
}

/// The token a pre-session form must send, if the browser has the cookie.
pub fn presession_token(admin: &Admin, headers: &HeaderMap) -> Option<String> {
    presession_cookie(headers).map(|value| admin.web.app.csrf_token(PRESESSION_SCOPE, &value))
}

/// The token for a login or setup form, and the cookie to set when the browser has none yet.
pub fn presession(admin: &Admin, headers: &HeaderMap) -> (String, Option<HeaderValue>) {
    if let Some(token) = presession_token(admin, headers) {
        return (token, None);
    }
    let value = admin.web.app.new_presession();
    let secure = if admin.secure_cookies { "; Secure" } else { "" };
    let set =
        format!("{PRESESSION_COOKIE}={value}; Path=/admin; HttpOnly; SameSite=Strict{secure}");
    (admin.web.app.csrf_token(PRESESSION_SCOPE, &value), HeaderValue::from_str(&set).ok())
}

/// Whether the request carries `expected`, in the header or the URL-encoded form.
pub fn matches(expected: &str, headers: &HeaderMap, body: &[u8]) -> bool {
    if let Some(given) = headers.get(HEADER).and_then(|v| v.to_str().ok()) {
        return tokens_match(expected, given);
    }
    is_urlencoded(headers) && tokens_match(expected, &FormFields::parse(body).get(FIELD))
}
