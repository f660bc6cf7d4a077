//! Signing in and out, and the first-run setup page. Sessions live in a cookie holding a random
//! token; the database has only its hash (see `rundbrief_app::accounts`).
//!
//! Sign-in attempts are throttled so that guessing is slow but nobody can lock an editor out:
//!
//! - per client (IP, or IPv6 /64) across all accounts, `LOGIN_PER_IP_PER_MINUTE`, refused with
//!   429;
//! - per (account, client) pair, `LOGIN_PER_ACCOUNT_PER_MINUTE`, refused with 429: wrong
//!   passwords from one address never refuse the right one from another;
//! - per account, whatever the client: once `LOGIN_PER_ACCOUNT_PER_MINUTE` failures fall within
//!   about a minute, every attempt on the account (the right password too) waits before it is
//!   checked, 250 ms at first, doubling with each further failure up to 4 s. Never a refusal.
//!
//! "Account" is the address typed in, normalised, whether or not an account has it, so the
//! answers and their timing do not tell which addresses have accounts.

use std::net::IpAddr;
use std::time::Duration;

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use rundbrief_app::AppError;
use rundbrief_app::FieldError;
use rundbrief_app::accounts::{MIN_PASSWORD_CHARS, NewLogin, SESSION_TTL};
use rundbrief_app::two_factor::SignIn;
use rundbrief_core::{EmailAddress, Language};
use rundbrief_i18n::Arg;

use super::form::{described_by, invalid};
use super::guard::CurrentUser;
use super::lang::AdminLang;
use super::layout::{self, Section, t, t_args};
use super::{Admin, csrf, two_factor};
use crate::extract::{Client, FormFields, query_param};
use crate::ratelimit::client_key;

pub const SESSION_COOKIE: &str = "rundbrief_session";
/// Addresses longer than this are not addresses; they are cut before they key a rate limit.
const MAX_EMAIL_CHARS: usize = 320;
/// What an attempt on an account waits once it has had its share of failures.
const SLOW_DOWN_FIRST: Duration = Duration::from_millis(250);
/// The longest an attempt waits, however many failures came before.
const SLOW_DOWN_MAX: Duration = Duration::from_secs(4);
/// Failures counted beyond the share: enough for the longest wait, and forgotten (at the
/// share's rate per minute) within about three minutes of the last one.
pub(super) const MAX_FAILURE_DEBT: f64 = 10.0;

pub(super) fn session_cookie(admin: &Admin, login: &NewLogin) -> Option<HeaderValue> {
    let secure = if admin.secure_cookies { "; Secure" } else { "" };
    let cookie = format!(
        "{SESSION_COOKIE}={}; Path=/admin; Max-Age={}; HttpOnly; SameSite=Lax{secure}",
        login.token,
        SESSION_TTL.whole_seconds()
    );
    HeaderValue::from_str(&cookie).ok()
}

pub(super) fn with_cookie(mut response: Response, cookie: Option<HeaderValue>) -> Response {
    if let Some(cookie) = cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// Signed in: 303 to the dashboard with the session cookie.
pub(super) fn signed_in(admin: &Admin, login: &NewLogin) -> Response {
    with_cookie(Redirect::to("/admin").into_response(), session_cookie(admin, login))
}

fn field_error(lang: Language, errors: &[FieldError], field: &str) -> Markup {
    html! {
        @for error in errors.iter().filter(|e| e.field == field) {
            p.error id={ (field) "-error" } {
                (t_args(lang, error.message_id, &[("min", Arg::Num(MIN_PASSWORD_CHARS as i64))]))
            }
        }
    }
}

fn login_page(
    lang: Language,
    csrf_token: &str,
    email: &str,
    failed: bool,
    signed_out: bool,
) -> Markup {
    let content = html! {
        @if signed_out {
            p.notice role="status" { (t(lang, "admin-logged-out")) }
        }
        @if failed {
            div.alert role="alert" { p #login-error { (t(lang, "admin-login-failed")) } }
        }
        form method="post" action="/admin/login" {
            (csrf::hidden(csrf_token))
            label for="email" { (t(lang, "admin-login-email")) }
            input #email type="email" name="email" required autocomplete="username" maxlength="320"
                value=(email) autofocus[!failed]
                aria-describedby=[failed.then_some("login-error")];
            label for="password" { (t(lang, "admin-login-password")) }
            input #password type="password" name="password" required autocomplete="current-password"
                autofocus[failed];
            button type="submit" { (t(lang, "admin-login-submit")) }
        }
    };
    layout::page(lang, &t(lang, "admin-login-title"), None, Section::None, content)
}

pub(crate) async fn login_form(
    State(admin): State<Admin>,
    lang: AdminLang,
    current: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
    uri: axum::http::Uri,
) -> Response {
    if current.is_some() {
        return Redirect::to("/admin").into_response();
    }
    let signed_out = query_param(uri.query(), "signed_out").is_some();
    let (token, cookie) = csrf::presession(&admin, &headers);
    let markup = login_page(lang.lang, &token, "", false, signed_out);
    with_cookie(layout::respond(lang.lang, StatusCode::OK, markup), cookie)
}

/// The key an account's attempts are counted under, whether or not it exists.
fn account_key(email: &str) -> String {
    EmailAddress::parse(email)
        .map(|e| e.key())
        .unwrap_or_else(|_| email.trim().to_lowercase().chars().take(MAX_EMAIL_CHARS).collect())
}

/// The bucket of `login_per_account` that counts the failures on an account.
fn failures_key(account: &str) -> String {
    format!("a:{account}")
}

/// The bucket of `login_per_account` for attempts on an account from one client. The prefix
/// differs from [`failures_key`]'s, and an IP address never contains a space, so no
/// typed-in text can name another bucket.
fn pair_key(account: &str, client: IpAddr) -> String {
    format!("p:{client} {account}")
}

/// The wait before checking a password, from how far the account's failure bucket is short
/// of a token: nothing while failures are within the share, then doubling per failure.
pub(super) fn slow_down(shortfall: f64) -> Duration {
    if shortfall <= 0.0 {
        return Duration::ZERO;
    }
    let doublings = (shortfall.ceil() - 1.0).clamp(0.0, 16.0);
    SLOW_DOWN_FIRST.mul_f64(doublings.exp2()).min(SLOW_DOWN_MAX)
}

pub(super) fn rate_limited(lang: Language, wait: Duration) -> Response {
    let mut response = layout::error(lang, StatusCode::TOO_MANY_REQUESTS, "admin-rate-limited");
    if let Ok(value) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

pub(crate) async fn login_submit(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    client: Client,
    headers: HeaderMap,
    fields: FormFields,
) -> Response {
    let email: String = fields.get("email").trim().chars().take(MAX_EMAIL_CHARS).collect();
    let account = account_key(&email);
    // Per IP first, so one client cannot fill the per-account table with made-up addresses.
    if let Err(wait) = admin.login_per_ip.check(client.ip) {
        tracing::info!("sign-in rate limit hit: too many attempts from one client");
        return rate_limited(lang, wait);
    }
    if let Some(ip) = client.ip {
        let pair = pair_key(&account, client_key(ip));
        if let Err(wait) = admin.login_per_account.check_key(pair) {
            tracing::info!(
                "sign-in rate limit hit: too many attempts on one account from one client"
            );
            return rate_limited(lang, wait);
        }
    }
    let wait = slow_down(admin.login_per_account.shortfall(failures_key(&account)));
    if !wait.is_zero() {
        tracing::debug!(wait_ms = wait.as_millis(), "sign-in slowed down after failures");
        tokio::time::sleep(wait).await;
    }
    // `login` logs refusals: with the account's id, or "unknown account".
    match admin.web.app.login(&email, &fields.get("password")).await {
        Ok(SignIn::Done(login)) => signed_in(&admin, &login),
        Ok(SignIn::Code(challenge)) => two_factor::to_second_step(&admin, &challenge, false),
        Ok(SignIn::Enrol(challenge)) => two_factor::to_second_step(&admin, &challenge, true),
        Err(AppError::BadCredentials) => {
            admin.login_per_account.charge(failures_key(&account), MAX_FAILURE_DEBT);
            let (token, cookie) = csrf::presession(&admin, &headers);
            let markup = login_page(lang, &token, &email, true, false);
            with_cookie(layout::respond(lang, StatusCode::UNAUTHORIZED, markup), cookie)
        }
        Err(error) => {
            tracing::error!(%error, "sign-in failed");
            layout::error(lang, StatusCode::INTERNAL_SERVER_ERROR, "admin-error")
        }
    }
}

pub(crate) async fn logout(State(admin): State<Admin>, current: CurrentUser) -> Response {
    if let Err(error) = admin.web.app.logout(&current.token).await {
        tracing::error!(%error, "cannot end a session");
    }
    tracing::info!(user = %current.user.id, "signed out");
    let secure = if admin.secure_cookies { "; Secure" } else { "" };
    let clear =
        format!("{SESSION_COOKIE}=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Lax{secure}");
    with_cookie(
        Redirect::to("/admin/login?signed_out=1").into_response(),
        HeaderValue::from_str(&clear).ok(),
    )
}

struct SetupView<'a> {
    token: &'a str,
    csrf: &'a str,
    email: &'a str,
    errors: &'a [FieldError],
}

fn setup_page(lang: Language, view: &SetupView<'_>) -> Markup {
    let errors = view.errors;
    let content = html! {
        p { (t(lang, "admin-setup-intro")) }
        @if !errors.is_empty() {
            // As `form::error_summary`, with the texts that take the minimum length.
            div.alert #error-summary role="alert" tabindex="-1" autofocus {
                p { (t(lang, "admin-error-summary")) }
                ul {
                    @for error in errors {
                        li { a href={ "#" (error.field) } {
                            (t_args(lang, error.message_id, &[("min", Arg::Num(MIN_PASSWORD_CHARS as i64))]))
                        } }
                    }
                }
            }
        }
        form method="post" action={ "/admin/setup/" (view.token) } {
            (csrf::hidden(view.csrf))
            label for="email" { (t(lang, "admin-login-email")) }
            input #email type="email" name="email" required autocomplete="username" maxlength="320"
                value=(view.email) aria-invalid=[invalid(errors, "email")]
                aria-describedby=[described_by(errors, "email", None)];
            (field_error(lang, errors, "email"))
            label for="password" { (t(lang, "admin-login-password")) }
            p.hint #password-hint {
                (t_args(lang, "admin-setup-password-hint", &[("min", Arg::Num(MIN_PASSWORD_CHARS as i64))]))
            }
            input #password type="password" name="password" required autocomplete="new-password"
                minlength=(MIN_PASSWORD_CHARS) aria-invalid=[invalid(errors, "password")]
                aria-describedby=[described_by(errors, "password", Some("password-hint"))];
            (field_error(lang, errors, "password"))
            label for="password_repeat" { (t(lang, "admin-setup-password-repeat")) }
            input #password_repeat type="password" name="password_repeat" required autocomplete="new-password"
                aria-invalid=[invalid(errors, "password_repeat")]
                aria-describedby=[described_by(errors, "password_repeat", None)];
            (field_error(lang, errors, "password_repeat"))
            button type="submit" { (t(lang, "admin-setup-submit")) }
        }
    };
    layout::page(lang, &t(lang, "admin-setup-title"), None, Section::None, content)
}

fn setup_closed(lang: Language) -> Response {
    let content = html! {
        p { (t(lang, "admin-setup-closed-text")) }
        p { a href="/admin/login" { (t(lang, "admin-login-title")) } }
    };
    let markup =
        layout::page(lang, &t(lang, "admin-setup-closed-title"), None, Section::None, content);
    layout::respond(lang, StatusCode::GONE, markup)
}

pub(crate) async fn setup_form(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    match admin.web.app.setup_open(&token).await {
        Ok(true) => {}
        Ok(false) => return setup_closed(lang),
        Err(error) => {
            tracing::error!(%error, "cannot check the setup link");
            return layout::error(lang, StatusCode::INTERNAL_SERVER_ERROR, "admin-error");
        }
    }
    let (csrf_token, cookie) = csrf::presession(&admin, &headers);
    let view = SetupView { token: &token, csrf: &csrf_token, email: "", errors: &[] };
    with_cookie(layout::respond(lang, StatusCode::OK, setup_page(lang, &view)), cookie)
}

pub(crate) async fn setup_submit(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    Path(token): Path<String>,
    headers: HeaderMap,
    fields: FormFields,
) -> Response {
    let email: String = fields.get("email").trim().chars().take(MAX_EMAIL_CHARS).collect();
    let password = fields.get("password");
    let outcome = if password != fields.get("password_repeat") {
        Err(AppError::Invalid(vec![FieldError::new(
            "password_repeat",
            "differs from the password",
            "admin-error-password-mismatch",
        )]))
    } else {
        let _serialised = admin.setup_lock.lock().await;
        admin.web.app.complete_setup(&token, &email, &password).await
    };
    let errors = match outcome {
        Ok(login) => return signed_in(&admin, &login),
        Err(AppError::SetupClosed) => return setup_closed(lang),
        Err(AppError::Invalid(errors)) => errors,
        Err(AppError::Conflict(_)) => {
            vec![FieldError::new("email", "exists already", "admin-error-exists")]
        }
        Err(error) => {
            tracing::error!(%error, "first-run setup failed");
            return layout::error(lang, StatusCode::INTERNAL_SERVER_ERROR, "admin-error");
        }
    };
    let (csrf_token, cookie) = csrf::presession(&admin, &headers);
    let view = SetupView { token: &token, csrf: &csrf_token, email: &email, errors: &errors };
    with_cookie(
        layout::respond(lang, StatusCode::UNPROCESSABLE_ENTITY, setup_page(lang, &view)),
        cookie,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_per_failure_up_to_its_cap() {
        assert_eq!(slow_down(0.0), Duration::ZERO, "failures within the share cost nothing");
        assert_eq!(slow_down(0.3), SLOW_DOWN_FIRST, "the share is used up");
        assert_eq!(slow_down(1.0), SLOW_DOWN_FIRST);
        assert_eq!(slow_down(1.5), SLOW_DOWN_FIRST * 2, "one failure beyond the share");
        assert_eq!(slow_down(3.0), SLOW_DOWN_FIRST * 4);
        assert_eq!(slow_down(4.0), SLOW_DOWN_FIRST * 8);
        assert_eq!(slow_down(MAX_FAILURE_DEBT + 1.0), SLOW_DOWN_MAX, "capped");
        assert_eq!(slow_down(1e9), SLOW_DOWN_MAX);
    }

    #[test]
    fn typed_in_text_cannot_name_another_bucket() {
        let ip = IpAddr::from([127, 0, 0, 1]);
        let pair = pair_key("a@example.org", ip);
        assert_ne!(failures_key(&pair), pair);
        assert_ne!(failures_key("p:127.0.0.1 a@example.org"), pair);
        assert_ne!(pair_key("a@example.org", IpAddr::from([127, 0, 0, 2])), pair);
        assert_eq!(account_key("A@Example.org"), account_key("a@example.org"));
    }
}
