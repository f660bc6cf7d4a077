//! The one place where the editor UI decides who may do what: sessions, roles and CSRF tokens,
//! checked before any handler runs.

use axum::body::Body;
use axum::extract::{FromRequestParts, RawPathParams, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use rundbrief_core::Language;
use rundbrief_core::model::{Role, User};

use super::lang::{AccountLanguage, AdminLang};
use super::{Access, Admin, csrf, layout};
use crate::MAX_BODY_BYTES;
use crate::extract::cookie;

pub const LOGIN_PATH: &str = "/admin/login";

#[derive(Clone)]
pub(crate) struct Guarded {
    pub admin: Admin,
    pub access: Access,
    /// The route's path pattern, to tell whether it names a variant (`{lang}`).
    pub path: &'static str,
}

/// Why a request is refused before its handler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    /// No session where one is needed: 303 to the login page.
    SignIn,
    /// The role may not do this: 403.
    Forbidden,
}

/// Whether `user` (`None` without a session) may use a route of `access` with `method`.
/// `variant` is the route's `{lang}` segment, if it has one: a translator's change there must
/// be in one of their languages. CSRF is checked separately, after this.
pub fn authorize(
    access: Access,
    method: &Method,
    user: Option<&User>,
    variant: Option<&str>,
) -> Result<(), Denial> {
    let safe = method == Method::GET || method == Method::HEAD;
    let roles = match (access, user) {
        (Access::Public, _) => return Ok(()),
        (Access::OwnSession | Access::Roles(_), None) => return Err(Denial::SignIn),
        (Access::OwnSession, Some(_)) => return Ok(()),
        (Access::Roles(roles), Some(_)) => roles,
    };
    let Some(user) = user else { return Err(Denial::SignIn) };
    if !roles.contains(&user.role) {
        return Err(Denial::Forbidden);
    }
    if user.role == Role::Translator && !safe {
        // A translator changes nothing but variants, and only in their languages; a change
        // route without `{lang}` is refused even if the table named the role by mistake.
        let language = variant.and_then(|code| Language::parse(code).ok());
        if !language.is_some_and(|language| user.may_edit_variant(language)) {
            return Err(Denial::Forbidden);
        }
    }
    Ok(())
}

/// The signed-in user, put into the request by the guard.
#[derive(Clone)]
pub(crate) struct CurrentUser {
    pub user: User,
    /// The cookie value, to end the session on sign-out.
    pub token: String,
    /// What every form of this session must send back.
    pub csrf: String,
}

impl CurrentUser {
    /// The account, as the audit log names who acted.
    pub(crate) fn actor(&self) -> rundbrief_app::audit::AuditActor {
        rundbrief_app::audit::AuditActor::User(self.user.id)
    }
}

/// For handlers of signed-in routes; the guard has made sure it is there.
impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Response> {
        parts
            .extensions
            .get::<CurrentUser>()
            .cloned()
            .ok_or_else(|| Redirect::to(LOGIN_PATH).into_response())
    }
}

/// What a signed-in handler starts from: the state, the editor's language, and who is signed
/// in. One extractor, so a handler names the request it answers, not the same three parts.
pub(crate) struct Context {
    pub admin: Admin,
    pub lang: Language,
    pub current: CurrentUser,
}

impl FromRequestParts<Admin> for Context {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, admin: &Admin) -> Result<Self, Response> {
        let lang = AdminLang::from_parts(parts).lang;
        let current = CurrentUser::from_request_parts(parts, admin).await?;
        Ok(Self { admin: admin.clone(), lang, current })
    }
}

pub(crate) async fn guard(
    State(guarded): State<Guarded>,
    request: Request,
    next: Next,
) -> Response {
    let Guarded { admin, access, path } = guarded;
    let (mut parts, body) = request.into_parts();
    let lang = AdminLang::from_parts(&parts);
    let token = cookie(&parts.headers, super::auth::SESSION_COOKIE);
    let signed_in = match &token {
        Some(token) => match admin.web.app.session(token).await {
            Ok(found) => found,
            Err(rundbrief_app::AppError::Store(error)) if error.is_unavailable() => {
                tracing::warn!(%error, "database unavailable; editor UI answers 503");
                return layout::error(
                    lang.lang,
                    StatusCode::SERVICE_UNAVAILABLE,
                    "admin-unavailable",
                );
            }
            Err(error) => {
                tracing::error!(%error, "cannot look up an editor session");
                return layout::error(lang.lang, StatusCode::INTERNAL_SERVER_ERROR, "admin-error");
            }
        },
        None => None,
    };
    let mut signed_in = signed_in;
    if let Some((_, user)) = &mut signed_in {
        if lang.from_query && user.ui_language != Some(lang.lang) {
            // Picking a language with the switch while signed in is the account's choice, on
            // every device; a failure to save it costs only the choice, not the page.
            match admin.web.app.remember_ui_language(user.id, lang.lang).await {
                Ok(()) => user.ui_language = Some(lang.lang),
                Err(error) => {
                    tracing::warn!(%error, user = %user.id, "cannot save the UI language")
                }
            }
        }
        if let Some(chosen) = user.ui_language {
            parts.extensions.insert(AccountLanguage(chosen));
        }
    }
    // The account's choice, if any, now decides.
    let lang = AdminLang::from_parts(&parts);
    let user = signed_in.as_ref().map(|(_, user)| user);
    let role = user.map(|user| user.role);
    let variant = if path.contains("{lang}") {
        RawPathParams::from_request_parts(&mut parts, &()).await.ok().and_then(|params| {
            params.iter().find(|(name, _)| *name == "lang").map(|(_, v)| v.to_owned())
        })
    } else {
        None
    };
    match authorize(access, &parts.method, user, variant.as_deref()) {
        Ok(()) => {}
        Err(Denial::SignIn) => return Redirect::to(LOGIN_PATH).into_response(),
        Err(Denial::Forbidden) => {
            tracing::info!(method = %parts.method, path = %parts.uri.path(), ?role, "refused to this role");
            return layout::error(lang.lang, StatusCode::FORBIDDEN, "admin-forbidden");
        }
    }

    let safe = parts.method == Method::GET || parts.method == Method::HEAD;
    let body = if safe {
        body
    } else {
        // A script's request carries the token in its header (only this origin's scripts can
        // set one), so its body is left unread: an import's CSV file streams on to the handler.
        let (bytes, body) = if parts.headers.contains_key(csrf::HEADER) {
            (axum::body::Bytes::new(), body)
        } else {
            match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
                Ok(bytes) => (bytes.clone(), Body::from(bytes)),
                Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
            }
        };
        let expected = match (&signed_in, &token) {
            (Some((session, _)), _) if access != Access::Public => session.csrf_token.clone(),
            _ => csrf::presession_token(&admin, &parts.headers).unwrap_or_default(),
        };
        if !csrf::matches(&expected, &parts.headers, &bytes) {
            tracing::info!(method = %parts.method, path = %parts.uri.path(), "CSRF token missing or wrong");
            return layout::error(lang.lang, StatusCode::FORBIDDEN, "admin-csrf");
        }
        body
    };

    if let (Some((session, user)), Some(token)) = (signed_in, token) {
        parts.extensions.insert(CurrentUser { user, token, csrf: session.csrf_token });
    }
    let mut response = next.run(Request::from_parts(parts, body)).await;
    if lang.from_query {
        remember_language(&mut response, lang.lang, admin.secure_cookies);
    }
    response
}

/// A language chosen with `?lang=` is kept for the next pages.
fn remember_language(response: &mut Response, lang: Language, secure: bool) {
    let secure = if secure { "; Secure" } else { "" };
    let cookie = format!(
        "{}={}; Path=/admin; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}",
        super::lang::LANG_COOKIE,
        lang.code()
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// Unknown paths under `/admin`.
pub(crate) async fn not_found(lang: AdminLang) -> Response {
    layout::error(lang.lang, StatusCode::NOT_FOUND, "admin-not-found")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_access_rules_hold_for_every_role_and_method() {
        use super::super::{ADMINS, ANYONE, EDITORS, STAFF, TRANSLATING};
        let user = |role, languages: &[Language]| User {
            id: rundbrief_core::UserId(1),
            email: rundbrief_core::EmailAddress::parse("a@example.org").expect("valid"),
            password_hash: String::new(),
            role,
            languages: languages.to_vec(),
            created_at: time::OffsetDateTime::UNIX_EPOCH,
            disabled_at: None,
            ui_language: None,
        };
        let admin = user(Role::Admin, &[]);
        let editor = user(Role::Editor, &[]);
        let translator = user(Role::Translator, &[Language::Pl]);
        let viewer = user(Role::Viewer, &[]);
        let post = Method::POST;
        let get = Method::GET;
        let at = |access, method: &Method, user: Option<&User>, lang| {
            authorize(access, method, user, lang)
        };
        assert_eq!(at(Access::Public, &post, None, None), Ok(()));
        assert_eq!(at(Access::OwnSession, &post, None, None), Err(Denial::SignIn));
        assert_eq!(at(Access::OwnSession, &post, Some(&viewer), None), Ok(()));
        for roles in [ANYONE, STAFF, EDITORS, TRANSLATING, ADMINS] {
            assert_eq!(at(Access::Roles(roles), &get, None, None), Err(Denial::SignIn));
            for who in [&admin, &editor, &translator, &viewer] {
                let expected =
                    if roles.contains(&who.role) { Ok(()) } else { Err(Denial::Forbidden) };
                assert_eq!(at(Access::Roles(roles), &get, Some(who), None), expected);
            }
        }
        assert_eq!(at(Access::AdminOnly, &get, Some(&editor), None), Err(Denial::Forbidden));
        assert_eq!(at(Access::AdminOnly, &post, Some(&admin), None), Ok(()));
        // A translator's change: their language only, and only where the path names one.
        let variant = Access::Roles(TRANSLATING);
        assert_eq!(at(variant, &post, Some(&translator), Some("pl")), Ok(()));
        assert_eq!(at(variant, &post, Some(&translator), Some("de")), Err(Denial::Forbidden));
        assert_eq!(at(variant, &post, Some(&translator), Some("xx")), Err(Denial::Forbidden));
        assert_eq!(at(variant, &post, Some(&translator), None), Err(Denial::Forbidden));
        assert_eq!(at(variant, &post, Some(&editor), Some("de")), Ok(()));
        assert_eq!(at(Access::Roles(ANYONE), &get, Some(&translator), Some("de")), Ok(()));
    }
}
