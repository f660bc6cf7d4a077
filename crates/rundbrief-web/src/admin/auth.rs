//! Signing in and out, and the first-run setup page. Sessions live in a cookie holding a random
//! token; the database has only its hash (see `rundbrief_app::accounts`).

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use rundbrief_app::FieldError;
use rundbrief_app::accounts::{AccountError, MIN_PASSWORD_CHARS, NewLogin, SESSION_TTL};
use rundbrief_core::{EmailAddress, Language};
use rundbrief_i18n::Arg;

use super::form::{described_by, invalid};
use super::guard::CurrentUser;
use super::lang::AdminLang;
use super::layout::{self, Section, t, t_args};
use super::{Admin, csrf};
use crate::extract::{Client, FormFields, query_param};

pub const SESSION_COOKIE: &str = "rundbrief_session";
/// Addresses longer than this are not addresses; they are cut before they key a rate limit.
const MAX_EMAIL_CHARS: usize = 320;

fn session_cookie(admin: &Admin, login: &NewLogin) -> Option<HeaderValue> {
    let secure = if admin.secure_cookies { "; Secure" } else { "" };
    let cookie = format!(
        "{SESSION_COOKIE}={}; Path=/admin; Max-Age={}; HttpOnly; SameSite=Lax{secure}",
        login.token,
        SESSION_TTL.whole_seconds()
    );
    HeaderValue::from_str(&cookie).ok()
}

fn with_cookie(mut response: Response, cookie: Option<HeaderValue>) -> Response {
    if let Some(cookie) = cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// Signed in: 303 to the dashboard with the session cookie.
fn signed_in(admin: &Admin, login: &NewLogin) -> Response {
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

fn rate_limited(lang: Language, wait: std::time::Duration) -> Response {
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
    // Per IP first, so one client cannot fill the per-account table with made-up addresses.
    let limited = admin
        .login_per_ip
        .check(client.ip)
        .and_then(|()| admin.login_per_account.check_key(account_key(&email)));
    if let Err(wait) = limited {
        tracing::info!("sign-in rate limit hit");
        return rate_limited(lang, wait);
    }
    match admin.web.app.login(&email, &fields.get("password")).await {
        Ok(login) => signed_in(&admin, &login),
        Err(AccountError::BadCredentials) => {
            tracing::info!("sign-in refused: wrong address or password");
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
            div.alert role="alert" { p { (t(lang, "admin-error-summary")) } }
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
        Err(AccountError::Invalid(vec![FieldError::new(
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
        Err(AccountError::SetupClosed) => return setup_closed(lang),
        Err(AccountError::Invalid(errors)) => errors,
        Err(AccountError::Exists) => {
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
