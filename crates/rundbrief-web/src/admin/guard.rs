//! The one place where the editor UI decides who may do what: sessions, roles and CSRF tokens,
//! checked before any handler runs.

use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use rundbrief_core::Language;
use rundbrief_core::model::{Role, User};

use super::lang::AdminLang;
use super::{Access, Admin, csrf, layout};
use crate::MAX_BODY_BYTES;
use crate::extract::cookie;

pub const LOGIN_PATH: &str = "/admin/login";

#[derive(Clone)]
pub(crate) struct Guarded {
    pub admin: Admin,
    pub access: Access,
}

/// Why a request is refused before its handler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    /// No session where one is needed: 303 to the login page.
    SignIn,
    /// The role may not do this: 403.
    Forbidden,
}

/// Whether `role` (`None` without a session) may use a route of `access` with `method`. CSRF
/// is checked separately, after this.
pub fn authorize(access: Access, method: &Method, role: Option<Role>) -> Result<(), Denial> {
    let safe = method == Method::GET || method == Method::HEAD;
    match (access, role) {
        (Access::Public, _) => Ok(()),
        (Access::SignedIn | Access::OwnSession | Access::AdminOnly, None) => Err(Denial::SignIn),
        (Access::AdminOnly, Some(Role::Admin)) => Ok(()),
        (Access::AdminOnly, Some(_)) => Err(Denial::Forbidden),
        (Access::OwnSession, Some(_)) => Ok(()),
        (Access::SignedIn, Some(role)) if safe || role.can_edit() => Ok(()),
        (Access::SignedIn, Some(_)) => Err(Denial::Forbidden),
    }
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
    let Guarded { admin, access } = guarded;
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
    let role = signed_in.as_ref().map(|(_, user)| user.role);
    match authorize(access, &parts.method, role) {
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
        let roles = [None, Some(Role::Viewer), Some(Role::Editor), Some(Role::Admin)];
        for method in [Method::GET, Method::HEAD, Method::POST, Method::PUT, Method::DELETE] {
            let safe = method == Method::GET || method == Method::HEAD;
            for role in roles {
                let got = |access| authorize(access, &method, role);
                assert_eq!(got(Access::Public), Ok(()));
                let signed_in = match role {
                    None => Err(Denial::SignIn),
                    Some(Role::Viewer) if !safe => Err(Denial::Forbidden),
                    Some(_) => Ok(()),
                };
                assert_eq!(got(Access::SignedIn), signed_in, "{method} {role:?}");
                let own = if role.is_some() { Ok(()) } else { Err(Denial::SignIn) };
                assert_eq!(got(Access::OwnSession), own, "{method} {role:?}");
                let admin_only = match role {
                    None => Err(Denial::SignIn),
                    Some(Role::Admin) => Ok(()),
                    Some(_) => Err(Denial::Forbidden),
                };
                assert_eq!(got(Access::AdminOnly), admin_only, "{method} {role:?}");
            }
        }
    }
}
