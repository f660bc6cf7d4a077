//! Invitations and password resets by mail (issue 22). On `/admin/accounts` an administrator
//! invites an address (role, a translator's languages, the editor UI's language), sees and
//! revokes open invitations, and sends an account a password reset; the use cases are
//! `rundbrief_app::account_links`, the mails `rundbrief_app::account_mail`.
//!
//! The links lead to public pages (`/admin/invitation/{token}`, `/admin/password-reset/
//! {token}`) where the person sets a password. A forged link is a 404 page, an expired, used
//! or revoked one a 410 page that says which; never a 500. The token is in the path, so these
//! pages send no referrer.

use axum::extract::{Path, State};
use axum::http::Method;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::on;
use maud::{Markup, html};
use rundbrief_app::account_links::{AccountLink, AccountLinkKind, LinkRefusal, UI_LANGUAGES};
use rundbrief_app::accounts::MIN_PASSWORD_CHARS;
use rundbrief_app::two_factor::SignIn;
use rundbrief_app::{AppError, FieldError};
use rundbrief_core::model::{Role, User};
use rundbrief_core::{Language, UserId};
use rundbrief_i18n::Arg;

use super::auth::{signed_in, with_cookie};
use super::form::{date_time, described_by, error_id, failure, invalid};
use super::guard::{Context, CurrentUser};
use super::lang::AdminLang;
use super::layout::{self, Section, t, t_args};
use super::path::PathId;
use super::{Access, Admin, Route, accounts, csrf, role_text_id, two_factor};
use crate::extract::{FormFields, RowId};

// The routes, listed in `super::ROUTES`.
pub(super) const INVITE: Route = Route {
    method: Method::POST,
    path: "/accounts/invite",
    access: Access::AdminOnly,
    handler: |m| on(m, invite),
};
pub(super) const REVOKE: Route = Route {
    method: Method::POST,
    path: "/accounts/invitations/{id}/revoke",
    access: Access::AdminOnly,
    handler: |m| on(m, revoke),
};
pub(super) const RESET: Route = Route {
    method: Method::POST,
    path: "/accounts/{id}/reset-password",
    access: Access::AdminOnly,
    handler: |m| on(m, reset_password),
};
pub(super) const INVITATION_FORM: Route = Route {
    method: Method::GET,
    path: "/invitation/{token}",
    access: Access::Public,
    handler: |m| on(m, invitation_form),
};
pub(super) const INVITATION_SUBMIT: Route = Route {
    method: Method::POST,
    path: "/invitation/{token}",
    access: Access::Public,
    handler: |m| on(m, invitation_submit),
};
pub(super) const RESET_FORM: Route = Route {
    method: Method::GET,
    path: "/password-reset/{token}",
    access: Access::Public,
    handler: |m| on(m, reset_form),
};
pub(super) const RESET_SUBMIT: Route = Route {
    method: Method::POST,
    path: "/password-reset/{token}",
    access: Access::Public,
    handler: |m| on(m, reset_submit),
};

const ROLES: [Role; 4] = [Role::Editor, Role::Translator, Role::Viewer, Role::Admin];

/// The id of an invitation in a path.
pub(crate) struct InvitationId(i64);

impl RowId for InvitationId {
    const WHAT: &'static str = "invitation";
    fn from_row(id: i64) -> Self {
        Self(id)
    }
}

/// The invitation form and the open invitations, for the accounts page.
pub(super) async fn section(
    admin: &Admin,
    lang: Language,
    current: &CurrentUser,
) -> Result<Markup, AppError> {
    let open = admin.web.app.open_invitations().await?;
    Ok(html! {
        h2 #invite { (t(lang, "admin-invite-title")) }
        p #invite-hint { (t(lang, "admin-invite-intro")) }
        form #invite-form method="post" action="/admin/accounts/invite" aria-describedby="invite-hint" {
            (csrf::hidden(&current.csrf))
            label for="invite-email" { (t(lang, "admin-invite-email")) }
            input #invite-email type="email" name="email" required maxlength="320" autocomplete="off";
            label for="invite-role" { (t(lang, "admin-invite-role")) }
            select #invite-role name="role" {
                @for role in ROLES {
                    option value=(role.as_str()) { (t(lang, role_text_id(role))) }
                }
            }
            label for="invite-languages" { (t(lang, "admin-invite-languages")) }
            input #invite-languages name="languages" placeholder="pl,ro";
            label for="invite-ui-language" { (t(lang, "admin-invite-ui-language")) }
            select #invite-ui-language name="ui_language" {
                @for language in UI_LANGUAGES {
                    option value=(language.code()) selected[language == lang] lang=(language.code()) {
                        (language.native_name())
                    }
                }
            }
            button type="submit" { (t(lang, "admin-invite-submit")) }
        }
        h2 { (t(lang, "admin-invite-open-title")) }
        @if open.is_empty() {
            p #no-invitations { (t(lang, "admin-invite-none")) }
        } @else {
            div.table-wrap role="region" aria-labelledby="invitations-caption" tabindex="0" {
                table #invitations {
                    caption #invitations-caption { (t(lang, "admin-invite-open-title")) }
                    thead { tr {
                        th scope="col" { (t(lang, "admin-invite-email")) }
                        th scope="col" { (t(lang, "admin-invite-role")) }
                        th scope="col" { (t(lang, "admin-invite-expires")) }
                        th scope="col" { (t(lang, "admin-invite-mail")) }
                        th scope="col" { (t(lang, "admin-accounts-change")) }
                    } }
                    tbody {
                        @for link in &open {
                            (invitation_row(lang, current, link))
                        }
                    }
                }
            }
        }
    })
}

fn invitation_row(lang: Language, current: &CurrentUser, link: &AccountLink) -> Markup {
    let mail = match link.mail_status.as_str() {
        "sent" => "admin-invite-mail-sent",
        "failed" => "admin-invite-mail-failed",
        "skipped" => "admin-invite-mail-skipped",
        _ => "admin-invite-mail-pending",
    };
    html! {
        tr {
            td.wrap { (link.email.as_ref().map(|e| e.as_str()).unwrap_or("")) }
            td {
                @if let Some(role) = link.role { (t(lang, role_text_id(role))) }
                @if !link.languages.is_empty() {
                    " (" (link.languages.iter().map(|l| l.code()).collect::<Vec<_>>().join(", ")) ")"
                }
            }
            td { (date_time(link.expires_at)) }
            td { (t(lang, mail)) }
            td {
                form.inline method="post" action={ "/admin/accounts/invitations/" (link.id) "/revoke" } {
                    (csrf::hidden(&current.csrf))
                    button.danger type="submit" { (t(lang, "admin-invite-revoke")) }
                }
            }
        }
    }
}

/// The button that sends `account` a password reset, for its row on the accounts page.
pub(super) fn reset_button(lang: Language, current: &CurrentUser, account: &User) -> Markup {
    html! {
        form.inline method="post" action={ "/admin/accounts/" (account.id.0) "/reset-password" } {
            (csrf::hidden(&current.csrf))
            button type="submit" { (t(lang, "admin-accounts-reset")) }
        }
    }
}

/// `POST /admin/accounts/invite`.
pub(crate) async fn invite(
    Context { admin, lang, current }: Context,
    fields: FormFields,
) -> Response {
    let invited = admin
        .web
        .app
        .invite(
            current.user.id,
            &fields.get("email"),
            &fields.get("role"),
            &fields.get("languages"),
            &fields.get("ui_language"),
        )
        .await;
    match invited {
        Ok(_) => Redirect::to("/admin/accounts?invited=1").into_response(),
        Err(AppError::Conflict(_)) => {
            let refusal = Some("admin-invite-exists".to_owned());
            accounts::page(&admin, lang, &current, StatusCode::CONFLICT, None, refusal).await
        }
        Err(AppError::Invalid(errors)) => {
            let refusal = errors.first().map(error_id);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            accounts::page(&admin, lang, &current, status, None, refusal).await
        }
        Err(error) => failure(lang, error, "inviting an account"),
    }
}

/// `POST /admin/accounts/invitations/{id}/revoke`.
pub(crate) async fn revoke(
    Context { admin, lang, current }: Context,
    PathId(InvitationId(id)): PathId<InvitationId>,
) -> Response {
    match admin.web.app.revoke_invitation(current.user.id, id).await {
        Ok(()) => Redirect::to("/admin/accounts?revoked=1").into_response(),
        Err(AppError::Conflict(_)) => {
            let refusal = Some("admin-invite-gone".to_owned());
            accounts::page(&admin, lang, &current, StatusCode::CONFLICT, None, refusal).await
        }
        Err(error) => failure(lang, error, "revoking an invitation"),
    }
}

/// `POST /admin/accounts/{id}/reset-password`.
pub(crate) async fn reset_password(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<UserId>,
) -> Response {
    match admin.web.app.request_password_reset(current.user.id, id, lang).await {
        Ok(_) => Redirect::to("/admin/accounts?reset=1").into_response(),
        Err(error) => failure(lang, error, "starting a password reset"),
    }
}

/// Responses that carry a link token in their URL: no referrer, and not stored.
fn private(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The page for a link that cannot be used: 404 for a forged one, 410 for the others.
fn refused(lang: Language, refusal: LinkRefusal) -> Response {
    let (status, id) = match refusal {
        LinkRefusal::Unknown => (StatusCode::NOT_FOUND, "admin-link-unknown"),
        LinkRefusal::Expired => (StatusCode::GONE, "admin-link-expired"),
        LinkRefusal::Used => (StatusCode::GONE, "admin-link-used"),
        LinkRefusal::Revoked => (StatusCode::GONE, "admin-link-revoked"),
    };
    let content = html! {
        p #link-refused { (t(lang, &format!("{id}-text"))) }
        p { a href="/admin/login" { (t(lang, "admin-login-title")) } }
    };
    let title = t(lang, &format!("{id}-title"));
    private(layout::respond(lang, status, layout::page(lang, &title, None, Section::None, content)))
}

struct LinkView<'a> {
    kind: AccountLinkKind,
    token: &'a str,
    csrf: &'a str,
    link: &'a AccountLink,
    errors: &'a [FieldError],
    /// A refusal of the whole form (the address has an account meanwhile).
    alert: Option<&'static str>,
}

fn field_error(lang: Language, errors: &[FieldError], field: &str) -> Markup {
    let min = [("min", Arg::Num(MIN_PASSWORD_CHARS as i64))];
    html! {
        @if let Some(error) = errors.iter().find(|e| e.field == field) {
            p.error id={ (field) "-error" } { (t_args(lang, &error_id(error), &min)) }
        }
    }
}

fn link_page(lang: Language, view: &LinkView<'_>) -> Markup {
    let errors = view.errors;
    let (prefix, action) = match view.kind {
        AccountLinkKind::Invitation => ("admin-link-invitation", "/admin/invitation/"),
        AccountLinkKind::Reset => ("admin-link-reset", "/admin/password-reset/"),
    };
    let role = view.link.role.map(|r| t(lang, role_text_id(r))).unwrap_or_default();
    let email = view.link.email.as_ref().map(|e| e.as_str()).unwrap_or("");
    let intro = t_args(
        lang,
        &format!("{prefix}-intro"),
        &[("role", Arg::Str(&role)), ("email", Arg::Str(email))],
    );
    let min = [("min", Arg::Num(MIN_PASSWORD_CHARS as i64))];
    let content = html! {
        p { (intro) }
        @if let Some(alert) = view.alert {
            p.error role="alert" { (t(lang, alert)) }
        }
        @if !errors.is_empty() {
            div.alert #error-summary role="alert" tabindex="-1" autofocus {
                p { (t(lang, "admin-error-summary")) }
                ul {
                    @for error in errors {
                        li { a href={ "#" (error.field) } { (t_args(lang, &error_id(error), &min)) } }
                    }
                }
            }
        }
        form method="post" action={ (action) (view.token) } {
            (csrf::hidden(view.csrf))
            @if !email.is_empty() {
                // For the browser's password manager, which saves the pair.
                input type="hidden" name="username" autocomplete="username" value=(email);
            }
            label for="password" { (t(lang, "admin-login-password")) }
            p.hint #password-hint { (t_args(lang, "admin-setup-password-hint", &min)) }
            input #password type="password" name="password" required autocomplete="new-password"
                minlength=(MIN_PASSWORD_CHARS) aria-invalid=[invalid(errors, "password")]
                aria-describedby=[described_by(errors, "password", Some("password-hint"))];
            (field_error(lang, errors, "password"))
            label for="password_repeat" { (t(lang, "admin-setup-password-repeat")) }
            input #password_repeat type="password" name="password_repeat" required autocomplete="new-password"
                aria-invalid=[invalid(errors, "password_repeat")]
                aria-describedby=[described_by(errors, "password_repeat", None)];
            (field_error(lang, errors, "password_repeat"))
            button type="submit" { (t(lang, &format!("{prefix}-submit"))) }
        }
    };
    layout::page(lang, &t(lang, &format!("{prefix}-title")), None, Section::None, content)
}

/// The form of a usable link, or the page that says why it is not.
async fn form(
    admin: &Admin,
    lang: Language,
    kind: AccountLinkKind,
    token: &str,
    headers: &HeaderMap,
) -> Response {
    let link = match admin.web.app.account_link(kind, token).await {
        Ok(Ok(link)) => link,
        Ok(Err(refusal)) => return refused(lang, refusal),
        Err(error) => return private(failure(lang, error, "checking an account link")),
    };
    let (csrf_token, cookie) = csrf::presession(admin, headers);
    let view = LinkView { kind, token, csrf: &csrf_token, link: &link, errors: &[], alert: None };
    let page = layout::respond(lang, StatusCode::OK, link_page(lang, &view));
    private(with_cookie(page, cookie))
}

/// The password and its repetition, or the field error when they differ.
fn password(fields: &FormFields) -> Result<String, AppError> {
    let password = fields.get("password");
    if password != fields.get("password_repeat") {
        return Err(AppError::Invalid(vec![FieldError::new(
            "password_repeat",
            "differs from the password",
            "admin-error-password-mismatch",
        )]));
    }
    Ok(password)
}

/// The form again with what to fix.
async fn again(
    admin: &Admin,
    lang: Language,
    kind: AccountLinkKind,
    token: &str,
    headers: &HeaderMap,
    errors: Vec<FieldError>,
    alert: Option<&'static str>,
) -> Response {
    let link = match admin.web.app.account_link(kind, token).await {
        Ok(Ok(link)) => link,
        Ok(Err(refusal)) => return refused(lang, refusal),
        Err(error) => return private(failure(lang, error, "checking an account link")),
    };
    let (csrf_token, cookie) = csrf::presession(admin, headers);
    let view = LinkView { kind, token, csrf: &csrf_token, link: &link, errors: &errors, alert };
    let status =
        if alert.is_some() { StatusCode::CONFLICT } else { StatusCode::UNPROCESSABLE_ENTITY };
    private(with_cookie(layout::respond(lang, status, link_page(lang, &view)), cookie))
}

/// `GET /admin/invitation/{token}`.
pub(crate) async fn invitation_form(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    form(&admin, lang, AccountLinkKind::Invitation, &token, &headers).await
}

/// `POST /admin/invitation/{token}`: the account is created and signed in (or sent to the
/// second factor the instance requires).
pub(crate) async fn invitation_submit(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    Path(token): Path<String>,
    headers: HeaderMap,
    fields: FormFields,
) -> Response {
    let kind = AccountLinkKind::Invitation;
    let outcome = match password(&fields) {
        Ok(password) => admin.web.app.accept_invitation(&token, &password).await,
        Err(error) => Err(error),
    };
    match outcome {
        Ok(Ok(SignIn::Done(login))) => private(signed_in(&admin, &login)),
        Ok(Ok(SignIn::Code(challenge))) => {
            private(two_factor::to_second_step(&admin, &challenge, false))
        }
        Ok(Ok(SignIn::Enrol(challenge))) => {
            private(two_factor::to_second_step(&admin, &challenge, true))
        }
        Ok(Err(refusal)) => refused(lang, refusal),
        Err(AppError::Invalid(errors)) => {
            again(&admin, lang, kind, &token, &headers, errors, None).await
        }
        Err(AppError::Conflict(_)) => {
            again(&admin, lang, kind, &token, &headers, Vec::new(), Some("admin-link-exists")).await
        }
        Err(error) => private(failure(lang, error, "accepting an invitation")),
    }
}

/// `GET /admin/password-reset/{token}`.
pub(crate) async fn reset_form(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    form(&admin, lang, AccountLinkKind::Reset, &token, &headers).await
}

/// `POST /admin/password-reset/{token}`: the password is set, every session of the account
/// ends, and the page sends the person to sign in.
pub(crate) async fn reset_submit(
    State(admin): State<Admin>,
    AdminLang { lang, .. }: AdminLang,
    Path(token): Path<String>,
    headers: HeaderMap,
    fields: FormFields,
) -> Response {
    let kind = AccountLinkKind::Reset;
    let outcome = match password(&fields) {
        Ok(password) => admin.web.app.complete_password_reset(&token, &password).await,
        Err(error) => Err(error),
    };
    match outcome {
        Ok(Ok(_)) => {
            let content = html! {
                p #password-changed { (t(lang, "admin-link-reset-done-text")) }
                p { a href="/admin/login" { (t(lang, "admin-login-title")) } }
            };
            let title = t(lang, "admin-link-reset-done-title");
            let page = layout::page(lang, &title, None, Section::None, content);
            private(layout::respond(lang, StatusCode::OK, page))
        }
        Ok(Err(refusal)) => refused(lang, refusal),
        Err(AppError::Invalid(errors)) => {
            again(&admin, lang, kind, &token, &headers, errors, None).await
        }
        Err(error) => private(failure(lang, error, "setting a password through a reset link")),
    }
}
