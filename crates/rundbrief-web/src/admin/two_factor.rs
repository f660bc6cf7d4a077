//! Two-factor sign-in in the editor UI (issue 22): the code step after the password, the set-up
//! an account is sent to when administrators require two factors, and the own-account page
//! that turns TOTP on and off and (for administrators) requires it of every account.
//!
//! Between password and code the browser holds only a challenge cookie, scoped to
//! `/admin/login` and accepted by no guarded route, so it opens nothing else. The code step is
//! throttled like the password step: per client, per account, and with a growing wait once an
//! account has had its share of failures.

use axum::Extension;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use rundbrief_app::AppError;
use rundbrief_app::two_factor::{CHALLENGE_TTL, Challenge, Enrolment};
use rundbrief_core::Language;
use rundbrief_core::model::Role;

use super::auth::{MAX_FAILURE_DEBT, rate_limited, signed_in, slow_down, with_cookie};
use super::guard::{Context, CurrentUser};
use super::lang::AdminLang;
use super::layout::{self, Section, t, t_count};
use super::{Admin, csrf};
use crate::extract::{Client, FormFields, cookie, query_param};
use crate::ratelimit::client_key;

/// Wrong codes an account may get, from any clients, within [`CODE_WINDOW`] (at the sign-in's
/// second step or when turning two factors off) before its codes are refused for
/// [`CODE_LOCK`]. The per-client limits and the growing wait slow a guesser at one address;
/// a guesser who has the password and many addresses would otherwise try on at 4 s per
/// attempt and per connection. Locking here locks out no stranger: only the password opens
/// this step.
pub(super) const CODE_FAILURES_BEFORE_LOCK: u32 = 10;
const CODE_WINDOW: std::time::Duration = std::time::Duration::from_secs(15 * 60);
const CODE_LOCK: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// The wrong codes per account, in memory (per process, like the other limits).
#[derive(Clone, Default)]
pub(crate) struct CodeLock(
    std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, CodeFailures>>>,
);

struct CodeFailures {
    count: u32,
    since: std::time::Instant,
    locked_until: Option<std::time::Instant>,
}

impl CodeLock {
    /// How long the codes of account `user` (its id) are still refused, if they are.
    pub(super) fn locked(&self, user: &str) -> Option<std::time::Duration> {
        let now = std::time::Instant::now();
        let failures = self.0.lock().ok()?;
        let until = failures.get(user)?.locked_until?;
        (until > now).then(|| until - now)
    }

    /// Counts a wrong code; the one that reaches the limit locks the account's codes.
    pub(super) fn failed(&self, user: &str) {
        let now = std::time::Instant::now();
        let Ok(mut failures) = self.0.lock() else { return };
        // Forget what is over, so the map holds only accounts with recent wrong codes.
        failures.retain(|_, f| {
            now.duration_since(f.since) < CODE_WINDOW || f.locked_until.is_some_and(|u| u > now)
        });
        let entry = failures.entry(user.to_owned()).or_insert(CodeFailures {
            count: 0,
            since: now,
            locked_until: None,
        });
        if entry.locked_until.is_some_and(|until| until <= now) {
            *entry = CodeFailures { count: 0, since: now, locked_until: None };
        }
        entry.count += 1;
        if entry.count >= CODE_FAILURES_BEFORE_LOCK && entry.locked_until.is_none() {
            entry.locked_until = Some(now + CODE_LOCK);
            tracing::warn!(%user, failures = entry.count, "second factor locked for 15 minutes: too many wrong codes");
        }
    }

    /// A right code clears the count.
    pub(super) fn succeeded(&self, user: &str) {
        if let Ok(mut failures) = self.0.lock() {
            failures.remove(user);
        }
    }
}

pub const CHALLENGE_COOKIE: &str = "rundbrief_2fa";
const CODE_PATH: &str = "/admin/login/two-factor";
const ENROL_PATH: &str = "/admin/login/two-factor/setup";
const ACCOUNT_PATH: &str = "/admin/account/two-factor";

fn challenge_cookie(admin: &Admin, value: &str, max_age: i64) -> Option<HeaderValue> {
    let secure = if admin.secure_cookies { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{CHALLENGE_COOKIE}={value}; Path=/admin/login; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"
    ))
    .ok()
}

/// After the right password: 303 to the code step (or to the set-up) with the challenge.
pub(super) fn to_second_step(admin: &Admin, challenge: &str, enrol: bool) -> Response {
    let to = if enrol { ENROL_PATH } else { CODE_PATH };
    let cookie = challenge_cookie(admin, challenge, CHALLENGE_TTL.whole_seconds());
    with_cookie(Redirect::to(to).into_response(), cookie)
}

/// The challenge of `kind` the browser holds, with the account it names.
fn held(admin: &Admin, headers: &HeaderMap, kind: Challenge) -> Option<(String, String)> {
    let token = cookie(headers, CHALLENGE_COOKIE).filter(|v| !v.is_empty() && v.len() <= 256)?;
    let user = admin.web.app.challenge_user(kind, &token)?;
    Some((token, user.0.to_string()))
}

fn back_to_login() -> Response {
    Redirect::to("/admin/login").into_response()
}

/// A browser signed in already has no second step to take.
fn signed_in_already(current: Option<Extension<CurrentUser>>) -> Option<Response> {
    current.map(|_| Redirect::to("/admin").into_response())
}

fn code_field(lang: Language, failed: bool, label_id: &str) -> Markup {
    html! {
        label for="code" { (t(lang, label_id)) }
        input #code type="text" name="code" required autocomplete="one-time-code"
            autocapitalize="none" spellcheck="false" maxlength="32" autofocus
            aria-invalid=[failed.then_some("true")]
            aria-describedby=[failed.then_some("code-error")];
    }
}

fn wrong_code(lang: Language, failed: bool) -> Markup {
    html! {
        @if failed {
            div.alert role="alert" { p #code-error { (t(lang, "admin-2fa-wrong-code")) } }
        }
    }
}

fn code_page(lang: Language, csrf_token: &str, failed: bool) -> Markup {
    let content = html! {
        (wrong_code(lang, failed))
        p { (t(lang, "admin-2fa-code-intro")) }
        form method="post" action=(CODE_PATH) {
            (csrf::hidden(csrf_token))
            (code_field(lang, failed, "admin-2fa-code-label"))
            button type="submit" { (t(lang, "admin-2fa-code-submit")) }
        }
        p { a href="/admin/login" { (t(lang, "admin-2fa-start-over")) } }
    };
    layout::page(lang, &t(lang, "admin-2fa-code-title"), None, Section::None, content)
}

/// `GET /admin/login/two-factor`.
pub(crate) async fn code_form(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    current: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
) -> Response {
    if let Some(response) = signed_in_already(current) {
        return response;
    }
    if held(&admin, &headers, Challenge::Code).is_none() {
        return back_to_login();
    }
    let (token, cookie) = csrf::presession(&admin, &headers);
    with_cookie(layout::respond(lang, StatusCode::OK, code_page(lang, &token, false)), cookie)
}

/// `POST /admin/login/two-factor`: a TOTP code or a recovery code.
pub(crate) async fn code_submit(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    client: Client,
    headers: HeaderMap,
    fields: FormFields,
) -> Response {
    let Some((challenge, user)) = held(&admin, &headers, Challenge::Code) else {
        return back_to_login();
    };
    if let Err(wait) = admin.login_per_ip.check(client.ip) {
        tracing::info!(%user, "second-factor rate limit hit: too many attempts from one client");
        return rate_limited(lang, wait);
    }
    // Keys with a prefix of their own: an account id is no address, so nothing typed at the
    // password step shares these buckets.
    if let Some(ip) = client.ip {
        let pair = format!("c:{} {user}", client_key(ip));
        if let Err(wait) = admin.login_per_account.check_key(pair) {
            tracing::info!(%user, "second-factor rate limit hit: too many attempts on one account");
            return rate_limited(lang, wait);
        }
    }
    if let Some(wait) = admin.code_lock.locked(&user) {
        tracing::info!(%user, "second factor refused: the account's codes are locked");
        return rate_limited(lang, wait);
    }
    let failures = format!("f:{user}");
    let wait = slow_down(admin.login_per_account.shortfall(failures.clone()));
    if !wait.is_zero() {
        tokio::time::sleep(wait).await;
    }
    match admin.web.app.second_factor(&challenge, &fields.get("code")).await {
        Ok(login) => {
            admin.code_lock.succeeded(&user);
            let response = signed_in(&admin, &login);
            with_cookie(response, challenge_cookie(&admin, "", 0))
        }
        Err(AppError::BadCredentials) => {
            admin.code_lock.failed(&user);
            admin.login_per_account.charge(failures, MAX_FAILURE_DEBT);
            let (token, cookie) = csrf::presession(&admin, &headers);
            let markup = code_page(lang, &token, true);
            with_cookie(layout::respond(lang, StatusCode::UNAUTHORIZED, markup), cookie)
        }
        Err(AppError::BadToken) => back_to_login(),
        Err(error) => {
            tracing::error!(%error, %user, "second sign-in step failed");
            layout::error(lang, StatusCode::INTERNAL_SERVER_ERROR, "admin-error")
        }
    }
}

/// The secret to add to an authenticator app and the form that confirms it with a code.
fn enrolment_form(
    lang: Language,
    action: &str,
    csrf_token: &str,
    enrolment: &Enrolment,
    failed: bool,
) -> Markup {
    html! {
        (wrong_code(lang, failed))
        p { (t(lang, "admin-2fa-setup-intro")) }
        p { a #otpauth-uri href=(enrolment.uri) { (t(lang, "admin-2fa-setup-link")) } }
        p {
            (t(lang, "admin-2fa-setup-key")) " "
            code #totp-secret { (enrolment.secret) }
        }
        form method="post" action=(action) {
            (csrf::hidden(csrf_token))
            (code_field(lang, failed, "admin-2fa-setup-code-label"))
            button type="submit" { (t(lang, "admin-2fa-setup-submit")) }
        }
    }
}

/// The recovery codes, shown this once.
fn codes_content(lang: Language, codes: &[String]) -> Markup {
    html! {
        p.notice role="status" { (t(lang, "admin-2fa-turned-on")) }
        h2 { (t(lang, "admin-2fa-codes-title")) }
        p { (t(lang, "admin-2fa-codes-intro")) }
        ul #recovery-codes {
            @for code in codes { li { code { (code) } } }
        }
        p { a href="/admin" { (t(lang, "admin-2fa-continue")) } }
    }
}

fn enrol_page(lang: Language, csrf_token: &str, enrolment: &Enrolment, failed: bool) -> Markup {
    let content = html! {
        p.notice { (t(lang, "admin-2fa-required-notice")) }
        (enrolment_form(lang, ENROL_PATH, csrf_token, enrolment, failed))
        p { a href="/admin/login" { (t(lang, "admin-2fa-start-over")) } }
    };
    layout::page(lang, &t(lang, "admin-2fa-title"), None, Section::None, content)
}

async fn respond_enrol(
    admin: &Admin,
    lang: Language,
    headers: &HeaderMap,
    challenge: &str,
    status: StatusCode,
) -> Response {
    let enrolment = match admin.web.app.challenge_enrolment(challenge).await {
        Ok(enrolment) => enrolment,
        Err(AppError::BadToken | AppError::Conflict(_)) => return back_to_login(),
        Err(error) => {
            tracing::error!(%error, "cannot show the two-factor set-up");
            return layout::error(lang, StatusCode::INTERNAL_SERVER_ERROR, "admin-error");
        }
    };
    let failed = status != StatusCode::OK;
    let (token, cookie) = csrf::presession(admin, headers);
    let markup = enrol_page(lang, &token, &enrolment, failed);
    with_cookie(layout::respond(lang, status, markup), cookie)
}

/// `GET /admin/login/two-factor/setup`: required, and the account has none yet.
pub(crate) async fn enrol_form(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    current: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
) -> Response {
    if let Some(response) = signed_in_already(current) {
        return response;
    }
    let Some((challenge, _)) = held(&admin, &headers, Challenge::Enrol) else {
        return back_to_login();
    };
    respond_enrol(&admin, lang, &headers, &challenge, StatusCode::OK).await
}

/// `POST /admin/login/two-factor/setup`: confirms with a code, then signs in and shows the
/// recovery codes.
pub(crate) async fn enrol_submit(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    client: Client,
    headers: HeaderMap,
    fields: FormFields,
) -> Response {
    let Some((challenge, user)) = held(&admin, &headers, Challenge::Enrol) else {
        return back_to_login();
    };
    if let Err(wait) = admin.login_per_ip.check(client.ip) {
        tracing::info!(%user, "two-factor set-up rate limit hit");
        return rate_limited(lang, wait);
    }
    match admin.web.app.confirm_enrolment(&challenge, &fields.get("code")).await {
        Ok((codes, login)) => {
            let content = codes_content(lang, &codes);
            let markup =
                layout::page(lang, &t(lang, "admin-2fa-title"), None, Section::None, content);
            let mut response = layout::respond(lang, StatusCode::OK, markup);
            let session = super::auth::session_cookie(&admin, &login);
            for set in [session, challenge_cookie(&admin, "", 0)].into_iter().flatten() {
                response.headers_mut().append(header::SET_COOKIE, set);
            }
            response
        }
        Err(AppError::BadCredentials) => {
            respond_enrol(&admin, lang, &headers, &challenge, StatusCode::UNPROCESSABLE_ENTITY)
                .await
        }
        Err(AppError::BadToken | AppError::Conflict(_)) => back_to_login(),
        Err(error) => {
            tracing::error!(%error, %user, "two-factor set-up failed");
            layout::error(lang, StatusCode::INTERNAL_SERVER_ERROR, "admin-error")
        }
    }
}

/// What the own-account page shows besides its forms.
#[derive(Default)]
struct Notice {
    wrong_code: bool,
    /// A text id for an alert.
    error: Option<&'static str>,
    /// A text id for a status line.
    status: Option<&'static str>,
}

async fn account_page(ctx: &Context, http: StatusCode, notice: Notice) -> Response {
    let Context { admin, lang, current } = ctx;
    let lang = *lang;
    let app = &admin.web.app;
    let state = match app.two_factor_status(current.user.id).await {
        Ok(state) => state,
        Err(error) => return super::form::failure(lang, error, "reading two-factor state"),
    };
    let required = match app.two_factor_required().await {
        Ok(required) => required,
        Err(error) => return super::form::failure(lang, error, "reading an instance setting"),
    };
    let enrolment = if state.enabled {
        None
    } else {
        match app.enrolment(&current.user).await {
            Ok(enrolment) => Some(enrolment),
            Err(error) => return super::form::failure(lang, error, "starting two-factor set-up"),
        }
    };
    let content = html! {
        @if let Some(id) = notice.status { p.notice role="status" { (t(lang, id)) } }
        @if let Some(id) = notice.error { div.alert role="alert" { p { (t(lang, id)) } } }
        @if let Some(enrolment) = &enrolment {
            p { (t(lang, "admin-2fa-is-off")) }
            (enrolment_form(lang, ACCOUNT_PATH, &current.csrf, enrolment, notice.wrong_code))
        } @else {
            p #two-factor-state { (t(lang, "admin-2fa-is-on")) " "
                (t_count(lang, "admin-2fa-codes-left", state.unused_recovery_codes)) }
            @if required {
                p { (t(lang, "admin-2fa-required-cannot-off")) }
            } @else {
                (wrong_code(lang, notice.wrong_code))
                h2 { (t(lang, "admin-2fa-off-title")) }
                form method="post" action={ (ACCOUNT_PATH) "/off" } {
                    (csrf::hidden(&current.csrf))
                    (code_field(lang, notice.wrong_code, "admin-2fa-code-label"))
                    button type="submit" { (t(lang, "admin-2fa-off-submit")) }
                }
            }
        }
        @if current.user.role == Role::Admin {
            h2 { (t(lang, "admin-2fa-require-title")) }
            p #two-factor-required {
                (t(lang, if required { "admin-2fa-require-is-on" } else { "admin-2fa-require-is-off" }))
            }
            form method="post" action={ (ACCOUNT_PATH) "/require" } {
                (csrf::hidden(&current.csrf))
                input type="hidden" name="required" value=(if required { "false" } else { "true" });
                button type="submit" {
                    (t(lang, if required { "admin-2fa-require-stop" } else { "admin-2fa-require-start" }))
                }
            }
        }
    };
    let markup =
        layout::page(lang, &t(lang, "admin-2fa-title"), Some(current), Section::None, content);
    layout::respond(lang, http, markup)
}

/// `GET /admin/account/two-factor`.
pub(crate) async fn account(ctx: Context, RawQuery(raw): RawQuery) -> Response {
    let status = if query_param(raw.as_deref(), "off").is_some() {
        Some("admin-2fa-turned-off")
    } else if query_param(raw.as_deref(), "saved").is_some() {
        Some("admin-2fa-saved")
    } else {
        None
    };
    account_page(&ctx, StatusCode::OK, Notice { status, ..Notice::default() }).await
}

/// `POST /admin/account/two-factor`: confirms the set-up; shows the recovery codes once.
pub(crate) async fn turn_on(ctx: Context, fields: FormFields) -> Response {
    let (lang, user) = (ctx.lang, ctx.current.user.id);
    match ctx.admin.web.app.confirm_two_factor(user, &fields.get("code")).await {
        Ok(codes) => {
            let markup = layout::page(
                lang,
                &t(lang, "admin-2fa-title"),
                Some(&ctx.current),
                Section::None,
                codes_content(lang, &codes),
            );
            layout::respond(lang, StatusCode::OK, markup)
        }
        Err(AppError::BadCredentials) => {
            let notice = Notice { wrong_code: true, ..Notice::default() };
            account_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, notice).await
        }
        Err(AppError::Conflict(_)) => Redirect::to(ACCOUNT_PATH).into_response(),
        Err(error) => super::form::failure(lang, error, "turning two-factor sign-in on"),
    }
}

/// `POST /admin/account/two-factor/off`: needs a current code (or a recovery code).
pub(crate) async fn turn_off(ctx: Context, fields: FormFields) -> Response {
    let (lang, user) = (ctx.lang, ctx.current.user.id);
    let key = user.0.to_string();
    // A stolen session must not be a way to guess codes: turning off is limited per account
    // (a key of its own in the sign-in's account limiter), and its wrong codes count towards
    // the same lock as the sign-in's.
    if let Err(wait) = ctx.admin.login_per_account.check_key(format!("o:{user}")) {
        tracing::info!(%user, "turning two factors off refused: too many attempts");
        return rate_limited(lang, wait);
    }
    if let Some(wait) = ctx.admin.code_lock.locked(&key) {
        tracing::info!(%user, "turning two factors off refused: the account's codes are locked");
        return rate_limited(lang, wait);
    }
    match ctx.admin.web.app.turn_off_two_factor(user, &fields.get("code")).await {
        Ok(()) => {
            ctx.admin.code_lock.succeeded(&key);
            Redirect::to(&format!("{ACCOUNT_PATH}?off=1")).into_response()
        }
        Err(AppError::BadCredentials) => {
            ctx.admin.code_lock.failed(&key);
            let notice = Notice { wrong_code: true, ..Notice::default() };
            account_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, notice).await
        }
        Err(AppError::Conflict(_)) => {
            let notice =
                Notice { error: Some("admin-2fa-required-cannot-off"), ..Notice::default() };
            account_page(&ctx, StatusCode::CONFLICT, notice).await
        }
        Err(error) => super::form::failure(lang, error, "turning two-factor sign-in off"),
    }
}

/// `POST /admin/account/two-factor/require` (administrators): requires two factors of every
/// account, or stops requiring them.
pub(crate) async fn require(ctx: Context, fields: FormFields) -> Response {
    let (lang, user) = (ctx.lang, ctx.current.user.id);
    let required = fields.get("required") == "true";
    match ctx.admin.web.app.require_two_factor(user, required).await {
        Ok(()) => Redirect::to(&format!("{ACCOUNT_PATH}?saved=1")).into_response(),
        Err(AppError::Conflict(_)) => {
            let notice = Notice { error: Some("admin-2fa-require-own-first"), ..Notice::default() };
            account_page(&ctx, StatusCode::CONFLICT, notice).await
        }
        Err(error) => super::form::failure(lang, error, "changing the two-factor requirement"),
    }
}
