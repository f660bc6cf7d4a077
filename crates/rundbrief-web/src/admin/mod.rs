//! The editor UI under `/admin`, server-rendered with maud; no script is needed, except to
//! upload an import file (the file is the request's body).
//!
//! Every route is declared once in [`ROUTES`], with the roles that may use it; the router is
//! built from that table, and one guard per route (see [`guard`]) enforces it before any
//! handler runs: no session → 303 to the login page; a role the route does not name → 403 (a
//! viewer's every change, an editor's accounts, settings and tokens, a translator's everything
//! but reading issues and changing the variants of their languages); a POST without the
//! right CSRF token → 403. A handler cannot forget a check, and tests walk the same table
//! (`tests/admin_auth.rs`, `tests/admin_roles.rs`), so a new route cannot be forgotten either.

mod accounts;
mod audit;
mod auth;
mod bounces;
mod confirm;
mod consent;
mod csrf;
mod dashboard;
mod embed;
mod form;
mod guard;
mod imports;
mod invitations;
mod issues;
mod lang;
mod layout;
mod lists;
mod media;
pub mod numbers;
mod path;
mod progress;
mod subscriber_bulk;
mod subscriber_export;
mod subscriber_new;
mod subscribers;
mod suppressions;
mod tokens;
mod two_factor;

use std::sync::Arc;

use axum::Router;
use axum::http::Method;
use axum::routing::{MethodFilter, MethodRouter, on};
use rundbrief_core::model::Role;

use crate::{AppState, RateLimiter};

pub use guard::{Denial, authorize};

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Without a session: sign-in and first-run setup. Their forms still carry a CSRF token,
    /// bound to a pre-session cookie.
    Public,
    /// Signed in, any role, any method: only for what concerns one's own session (signing
    /// out), never for data.
    OwnSession,
    /// Signed in with one of these roles; any other role gets 403. On a route with a
    /// `{lang}` segment a translator's change is further limited to their own languages
    /// (checked by the guard from the path, so no handler can forget it).
    Roles(&'static [Role]),
}

impl Access {
    /// Administrators only, even for reading (API tokens, accounts, settings).
    #[allow(non_upper_case_globals)] // reads like the variants; kept from before the roles
    pub const AdminOnly: Access = Access::Roles(ADMINS);

    /// The roles that may use the route; `None` for public and own-session routes.
    pub fn roles(self) -> Option<&'static [Role]> {
        match self {
            Access::Roles(roles) => Some(roles),
            Access::Public | Access::OwnSession => None,
        }
    }
}

/// Every role: the dashboard (counts only) and reading issues, their variants, revisions and
/// previews in any language (a translator sees the source).
pub const ANYONE: &[Role] = &[Role::Admin, Role::Editor, Role::Translator, Role::Viewer];
/// Reading what a translator may not see: subscribers and their personal data, lists,
/// imports, exports, the consent log, suppressions, sending and its progress.
pub const STAFF: &[Role] = &[Role::Admin, Role::Editor, Role::Viewer];
/// Changes to issues, subscribers, lists and imports, sending, scheduling, test mails.
pub const EDITORS: &[Role] = &[Role::Admin, Role::Editor];
/// Changes to one variant: a translator too, in their languages only (`{lang}`).
pub const TRANSLATING: &[Role] = &[Role::Admin, Role::Editor, Role::Translator];
/// Accounts, settings and API tokens.
pub const ADMINS: &[Role] = &[Role::Admin];

/// One route of the editor UI. `path` is relative to `/admin` (`/` is `/admin` itself).
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    handler: fn(MethodFilter) -> MethodRouter<Admin>,
}

/// Every route of the editor UI; the router is built from this list.
pub static ROUTES: &[Route] = &[
    Route {
        method: Method::GET,
        path: "/",
        access: Access::Roles(ANYONE),
        handler: |m| on(m, dashboard::page),
    },
    Route {
        method: Method::GET,
        path: "/login",
        access: Access::Public,
        handler: |m| on(m, auth::login_form),
    },
    Route {
        method: Method::POST,
        path: "/login",
        access: Access::Public,
        handler: |m| on(m, auth::login_submit),
    },
    Route {
        method: Method::POST,
        path: "/logout",
        access: Access::OwnSession,
        handler: |m| on(m, auth::logout),
    },
    Route {
        method: Method::GET,
        path: "/setup/{token}",
        access: Access::Public,
        handler: |m| on(m, auth::setup_form),
    },
    Route {
        method: Method::POST,
        path: "/setup/{token}",
        access: Access::Public,
        handler: |m| on(m, auth::setup_submit),
    },
    // Two-factor sign-in: the code step after the password and the set-up it may require
    // are public (the browser holds only a challenge cookie, no session); the own account's
    // page is any signed-in account's, the requirement for everyone an administrator's.
    Route {
        method: Method::GET,
        path: "/login/two-factor",
        access: Access::Public,
        handler: |m| on(m, two_factor::code_form),
    },
    Route {
        method: Method::POST,
        path: "/login/two-factor",
        access: Access::Public,
        handler: |m| on(m, two_factor::code_submit),
    },
    Route {
        method: Method::GET,
        path: "/login/two-factor/setup",
        access: Access::Public,
        handler: |m| on(m, two_factor::enrol_form),
    },
    Route {
        method: Method::POST,
        path: "/login/two-factor/setup",
        access: Access::Public,
        handler: |m| on(m, two_factor::enrol_submit),
    },
    Route {
        method: Method::GET,
        path: "/account/two-factor",
        access: Access::OwnSession,
        handler: |m| on(m, two_factor::account),
    },
    Route {
        method: Method::POST,
        path: "/account/two-factor",
        access: Access::OwnSession,
        handler: |m| on(m, two_factor::turn_on),
    },
    Route {
        method: Method::POST,
        path: "/account/two-factor/off",
        access: Access::OwnSession,
        handler: |m| on(m, two_factor::turn_off),
    },
    Route {
        method: Method::POST,
        path: "/account/two-factor/require",
        access: Access::AdminOnly,
        handler: |m| on(m, two_factor::require),
    },
    // Subscribers: list, detail with consent history, edit, erase.
    Route {
        method: Method::GET,
        path: "/consent-texts",
        access: Access::Roles(STAFF),
        handler: |m| on(m, consent::text),
    },
    Route {
        method: Method::GET,
        path: "/consent-log.csv",
        access: Access::Roles(STAFF),
        handler: |m| on(m, consent::export),
    },
    Route {
        method: Method::GET,
        path: "/subscribers.csv",
        access: Access::Roles(STAFF),
        handler: |m| on(m, subscriber_export::export),
    },
    Route {
        method: Method::GET,
        path: "/subscribers/{id}/consent.csv",
        access: Access::Roles(STAFF),
        handler: |m| on(m, consent::export_one),
    },
    Route {
        method: Method::GET,
        path: "/subscribers",
        access: Access::Roles(STAFF),
        handler: |m| on(m, subscribers::list),
    },
    // The suppression list and lifting a suppression (issue 20).
    Route {
        method: Method::GET,
        path: "/suppressions",
        access: Access::Roles(STAFF),
        handler: |m| on(m, suppressions::list),
    },
    Route {
        method: Method::GET,
        path: "/suppressions/lift",
        access: Access::Roles(STAFF),
        handler: |m| on(m, suppressions::lift_form),
    },
    Route {
        method: Method::POST,
        path: "/suppressions/lift",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, suppressions::lift_submit),
    },
    Route {
        method: Method::GET,
        path: "/subscribers/bulk",
        access: Access::Roles(STAFF),
        handler: |m| on(m, subscriber_bulk::confirm_page),
    },
    Route {
        method: Method::POST,
        path: "/subscribers/bulk",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, subscriber_bulk::apply),
    },
    Route {
        method: Method::GET,
        path: "/subscribers/new",
        access: Access::Roles(STAFF),
        handler: |m| on(m, subscriber_new::form),
    },
    Route {
        method: Method::POST,
        path: "/subscribers/new",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, subscriber_new::submit),
    },
    Route {
        method: Method::GET,
        path: "/subscribers/{id}",
        access: Access::Roles(STAFF),
        handler: |m| on(m, subscribers::detail),
    },
    Route {
        method: Method::GET,
        path: "/subscribers/{id}/edit",
        access: Access::Roles(STAFF),
        handler: |m| on(m, subscribers::edit_form),
    },
    Route {
        method: Method::POST,
        path: "/subscribers/{id}/edit",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, subscribers::edit_submit),
    },
    Route {
        method: Method::GET,
        path: "/subscribers/{id}/erase",
        access: Access::Roles(STAFF),
        handler: |m| on(m, subscribers::erase_form),
    },
    Route {
        method: Method::POST,
        path: "/subscribers/{id}/erase",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, subscribers::erase_submit),
    },
    // End of subscribers.
    // Lists (topics): overview, create, edit with a name per language, delete.
    // Imports: the upload (a dry run first), its preview, the import it starts, the report.
    Route {
        method: Method::GET,
        path: "/imports",
        access: Access::Roles(STAFF),
        handler: |m| on(m, imports::overview),
    },
    Route {
        method: Method::POST,
        path: "/imports",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, imports::upload),
    },
    Route {
        method: Method::GET,
        path: "/imports/{id}",
        access: Access::Roles(STAFF),
        handler: |m| on(m, imports::job_page),
    },
    Route {
        method: Method::POST,
        path: "/imports/{id}/start",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, imports::start),
    },
    Route {
        method: Method::GET,
        path: "/imports/{id}/rejects.csv",
        access: Access::Roles(STAFF),
        handler: |m| on(m, imports::rejects_csv),
    },
    Route {
        method: Method::GET,
        path: "/static/imports.js",
        access: Access::Roles(STAFF),
        handler: |m| on(m, imports::script),
    },
    // Images for issues (issue 23): the list with each image's Markdown, the upload.
    Route {
        method: Method::GET,
        path: "/media",
        access: Access::Roles(STAFF),
        handler: |m| on(m, media::page),
    },
    Route {
        method: Method::POST,
        path: "/media",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, media::upload),
    },
    Route {
        method: Method::GET,
        path: "/static/media.js",
        access: Access::Roles(STAFF),
        handler: |m| on(m, media::script),
    },
    Route {
        method: Method::GET,
        path: "/lists",
        access: Access::Roles(STAFF),
        handler: |m| on(m, lists::overview),
    },
    Route {
        method: Method::POST,
        path: "/lists",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, lists::create),
    },
    // The sign-up form for other websites: the snippets and the settings they depend on.
    Route {
        method: Method::GET,
        path: "/embed",
        access: Access::Roles(STAFF),
        handler: |m| on(m, embed::page),
    },
    Route {
        method: Method::GET,
        path: "/lists/new",
        access: Access::Roles(STAFF),
        handler: |m| on(m, lists::new_form),
    },
    Route {
        method: Method::GET,
        path: "/lists/{id}",
        access: Access::Roles(STAFF),
        handler: |m| on(m, lists::edit_form),
    },
    Route {
        method: Method::POST,
        path: "/lists/{id}",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, lists::update),
    },
    Route {
        method: Method::GET,
        path: "/lists/{id}/delete",
        access: Access::Roles(STAFF),
        handler: |m| on(m, lists::delete_form),
    },
    Route {
        method: Method::POST,
        path: "/lists/{id}/delete",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, lists::delete),
    },
    // End of lists.
    // Issues: list, new, composer with variants and previews, sending, progress.
    Route {
        method: Method::GET,
        path: "/static/issues.js",
        access: Access::Roles(ANYONE),
        handler: |m| on(m, issues::script),
    },
    Route {
        method: Method::GET,
        path: "/issues",
        access: Access::Roles(ANYONE),
        handler: |m| on(m, issues::list),
    },
    Route {
        method: Method::POST,
        path: "/issues",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, issues::create),
    },
    Route {
        method: Method::GET,
        path: "/issues/new",
        access: Access::Roles(STAFF),
        handler: |m| on(m, issues::new_form),
    },
    Route {
        method: Method::GET,
        path: "/issues/recipients",
        access: Access::Roles(STAFF),
        handler: |m| on(m, issues::recipients),
    },
    Route {
        method: Method::GET,
        path: "/issues/{id}",
        access: Access::Roles(ANYONE),
        handler: |m| on(m, issues::compose),
    },
    Route {
        method: Method::POST,
        path: "/issues/{id}",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, issues::update),
    },
    Route {
        method: Method::POST,
        path: "/issues/{id}/variants/{lang}",
        access: Access::Roles(TRANSLATING),
        handler: |m| on(m, issues::save_variant),
    },
    Route {
        method: Method::POST,
        path: "/issues/{id}/variants/{lang}/machine-draft",
        access: Access::Roles(TRANSLATING),
        handler: |m| on(m, issues::machine_draft),
    },
    Route {
        method: Method::POST,
        path: "/issues/{id}/variants/{lang}/preview",
        access: Access::Roles(TRANSLATING),
        handler: |m| on(m, issues::preview_draft),
    },
    Route {
        method: Method::GET,
        path: "/issues/{id}/variants/{lang}/revisions",
        access: Access::Roles(ANYONE),
        handler: |m| on(m, issues::revisions),
    },
    Route {
        method: Method::GET,
        path: "/issues/{id}/variants/{lang}/revisions/{revision}",
        access: Access::Roles(ANYONE),
        handler: |m| on(m, issues::revision),
    },
    Route {
        method: Method::GET,
        path: "/issues/{id}/variants/{lang}/changes",
        access: Access::Roles(ANYONE),
        handler: |m| on(m, issues::source_changes),
    },
    Route {
        method: Method::GET,
        path: "/issues/{id}/translation",
        access: Access::Roles(ANYONE),
        handler: |m| on(m, issues::translation),
    },
    Route {
        method: Method::POST,
        path: "/issues/{id}/translation",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, issues::import_translation),
    },
    Route {
        method: Method::GET,
        path: "/issues/{id}/variants/{lang}/translation",
        access: Access::Roles(ANYONE),
        handler: |m| on(m, issues::download_translation),
    },
    Route {
        method: Method::POST,
        path: "/issues/{id}/variants/{lang}/translation",
        access: Access::Roles(TRANSLATING),
        handler: |m| on(m, issues::import_variant_translation),
    },
    Route {
        method: Method::POST,
        path: "/issues/{id}/variants/{lang}/delete",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, issues::delete_variant),
    },
    Route {
        method: Method::POST,
        path: "/issues/{id}/copy",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, issues::copy),
    },
    Route {
        method: Method::POST,
        path: "/issues/{id}/template",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, issues::set_template),
    },
    // The welcome mail: its page for everyone (translators find it there), changes for editors.
    Route {
        method: Method::GET,
        path: "/welcome",
        access: Access::Roles(ANYONE),
        handler: |m| on(m, issues::welcome),
    },
    Route {
        method: Method::POST,
        path: "/welcome",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, issues::change_welcome),
    },
    Route {
        method: Method::GET,
        path: "/issues/{id}/preview/{lang}",
        access: Access::Roles(ANYONE),
        handler: |m| on(m, issues::preview),
    },
    Route {
        method: Method::POST,
        path: "/issues/{id}/test",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, issues::send_test),
    },
    Route {
        method: Method::POST,
        path: "/issues/{id}/schedule",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, issues::schedule),
    },
    Route {
        method: Method::GET,
        path: "/issues/{id}/send",
        access: Access::Roles(STAFF),
        handler: |m| on(m, issues::confirm_send),
    },
    Route {
        method: Method::POST,
        path: "/issues/{id}/send",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, issues::send),
    },
    Route {
        method: Method::GET,
        path: "/issues/{id}/progress",
        access: Access::Roles(STAFF),
        handler: |m| on(m, progress::page),
    },
    Route {
        method: Method::GET,
        path: "/issues/{id}/progress/events",
        access: Access::Roles(STAFF),
        handler: |m| on(m, progress::events),
    },
    Route {
        method: Method::POST,
        path: "/issues/{id}/pause",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, progress::pause),
    },
    Route {
        method: Method::POST,
        path: "/issues/{id}/resume",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, progress::resume),
    },
    Route {
        method: Method::POST,
        path: "/issues/{id}/cancel",
        access: Access::Roles(EDITORS),
        handler: |m| on(m, progress::cancel),
    },
    // End of issues.
    // API tokens: administrators only.
    Route {
        method: Method::GET,
        path: "/tokens",
        access: Access::AdminOnly,
        handler: |m| on(m, tokens::overview),
    },
    Route {
        method: Method::POST,
        path: "/tokens",
        access: Access::AdminOnly,
        handler: |m| on(m, tokens::create),
    },
    Route {
        method: Method::GET,
        path: "/tokens/{id}/revoke",
        access: Access::AdminOnly,
        handler: |m| on(m, tokens::revoke_form),
    },
    Route {
        method: Method::POST,
        path: "/tokens/{id}/revoke",
        access: Access::AdminOnly,
        handler: |m| on(m, tokens::revoke),
    },
    // End of API tokens.
    // Accounts: administrators only.
    Route {
        method: Method::GET,
        path: "/accounts",
        access: Access::AdminOnly,
        handler: |m| on(m, accounts::overview),
    },
    // Invitations and password resets by mail; their links' pages are public (the token).
    invitations::INVITE,
    invitations::REVOKE,
    invitations::RESET,
    invitations::INVITATION_FORM,
    invitations::INVITATION_SUBMIT,
    invitations::RESET_FORM,
    invitations::RESET_SUBMIT,
    Route {
        method: Method::POST,
        path: "/accounts/{id}/role",
        access: Access::AdminOnly,
        handler: |m| on(m, accounts::change_role),
    },
    Route {
        method: Method::POST,
        path: "/accounts/{id}/disable",
        access: Access::AdminOnly,
        handler: |m| on(m, accounts::disable),
    },
    Route {
        method: Method::POST,
        path: "/accounts/{id}/enable",
        access: Access::AdminOnly,
        handler: |m| on(m, accounts::enable),
    },
    // The audit log: administrators only.
    audit::PAGE,
    audit::CSV,
];

/// Sign-in attempts per client IP and minute.
pub const LOGIN_PER_IP_PER_MINUTE: u32 = 10;
/// Sign-in attempts per (account, client IP) and minute, so a guesser at one address never
/// locks out the owner at another; the same number of failures on an account within a minute,
/// from any addresses, starts the growing delay that slows distributed guessing (admin/auth.rs).
pub const LOGIN_PER_ACCOUNT_PER_MINUTE: u32 = 5;

/// The state of the admin handlers: the web state and what only the editor UI needs.
#[derive(Clone)]
pub(crate) struct Admin {
    pub web: AppState,
    pub login_per_ip: RateLimiter,
    /// Keyed by the normalised address typed in (known account or not): `p:` keys count
    /// attempts per (account, client IP), `a:` keys the account's recent failures.
    pub login_per_account: RateLimiter<String>,
    /// Two setup submissions in the same instant must not both see "no account yet".
    pub setup_lock: Arc<tokio::sync::Mutex<()>>,
    /// Wrong second-factor codes per account, whatever the client (two_factor.rs).
    pub code_lock: two_factor::CodeLock,
    /// Cookies get `Secure` when the public URL is HTTPS.
    pub secure_cookies: bool,
}

/// The editor UI, to be nested at `/admin`.
pub fn router(state: AppState) -> Router<AppState> {
    let secure_cookies = state.app.settings().public_url.starts_with("https://");
    let admin = Admin {
        web: state,
        login_per_ip: RateLimiter::per_minute(LOGIN_PER_IP_PER_MINUTE),
        login_per_account: RateLimiter::per_minute(LOGIN_PER_ACCOUNT_PER_MINUTE),
        setup_lock: Arc::new(tokio::sync::Mutex::new(())),
        code_lock: two_factor::CodeLock::default(),
        secure_cookies,
    };
    let mut router = Router::new();
    for route in ROUTES {
        let filter = MethodFilter::try_from(route.method.clone())
            .unwrap_or_else(|_| unreachable_method(&route.method));
        let guarded = (route.handler)(filter).route_layer(axum::middleware::from_fn_with_state(
            guard::Guarded { admin: admin.clone(), access: route.access, path: route.path },
            guard::guard,
        ));
        router = router.route(route.path, guarded);
    }
    router.fallback(guard::not_found).with_state(admin)
}

/// `ROUTES` only names standard methods, which all have a filter; a test checks that.
fn unreachable_method(method: &Method) -> MethodFilter {
    tracing::error!(%method, "admin route with a method axum cannot route");
    MethodFilter::GET
}

/// Whether `user` may open the page at `href` (`/admin/...`, a GET route of [`ROUTES`]), so
/// the navigation offers only what the role can open.
pub(crate) fn may_open(user: &rundbrief_core::model::User, href: &str) -> bool {
    let path = href.strip_prefix("/admin").filter(|p| !p.is_empty()).unwrap_or("/");
    ROUTES.iter().any(|route| {
        route.method == Method::GET
            && route.path == path
            && authorize(route.access, &Method::GET, Some(user), None).is_ok()
    })
}

/// The role names as the UI shows them.
pub(crate) fn role_text_id(role: Role) -> &'static str {
    match role {
        Role::Admin => "admin-role-admin",
        Role::Editor => "admin-role-editor",
        Role::Translator => "admin-role-translator",
        Role::Viewer => "admin-role-viewer",
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn routes_are_unique_and_routable() {
        let mut seen = BTreeSet::new();
        for route in ROUTES {
            assert!(route.path.starts_with('/'), "{}", route.path);
            assert!(MethodFilter::try_from(route.method.clone()).is_ok(), "{}", route.method);
            assert!(seen.insert((route.method.as_str(), route.path)), "twice: {}", route.path);
        }
    }

    #[test]
    fn the_table_keeps_viewers_to_reading_and_translators_to_their_variants() {
        for route in ROUTES {
            let Some(roles) = route.access.roles() else { continue };
            assert!(
                roles.contains(&Role::Admin),
                "administrators may do everything: {}",
                route.path
            );
            let change = route.method != Method::GET && route.method != Method::HEAD;
            if change {
                assert!(!roles.contains(&Role::Viewer), "a viewer's change: {}", route.path);
            }
            if change && roles.contains(&Role::Translator) {
                // The guard limits a translator by the `{lang}` segment; without one it could not.
                assert!(route.path.contains("{lang}"), "a translator's change: {}", route.path);
            }
        }
    }
}
