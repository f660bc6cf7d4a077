//! `/admin/accounts`: the accounts of the installation with their role and a translator's
//! languages, for administrators only (the route table gives these routes
//! `Access::AdminOnly`). Each row changes the role (and a translator's languages) and
//! disables or enables the account; the last active administrator cannot be demoted or
//! disabled (409). Accounts are created by invitation (`invitations.rs`, which also sends
//! password resets) or on the server with `rundbrief user create`.

use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use rundbrief_app::AppError;
use rundbrief_core::UserId;
use rundbrief_core::model::{Role, User};

use super::Admin;
use super::csrf;
use super::form::{date_time, error_id, failure};
use super::guard::{Context, CurrentUser};
use super::layout::{self, Column, Section, column_heads, t};
use super::path::PathId;
use super::role_text_id;
use crate::extract::{FormFields, RowId, query_param};

impl RowId for UserId {
    const WHAT: &'static str = "account";
    fn from_row(id: i64) -> Self {
        Self(id)
    }
}

const ROLES: [Role; 4] = [Role::Admin, Role::Editor, Role::Translator, Role::Viewer];

/// `GET /admin/accounts`.
pub(crate) async fn overview(
    Context { admin, lang, current }: Context,
    RawQuery(raw): RawQuery,
) -> Response {
    let notice = [
        ("changed", "admin-accounts-changed"),
        ("invited", "admin-invite-sent"),
        ("revoked", "admin-invite-revoked"),
        ("reset", "admin-accounts-reset-sent"),
    ]
    .into_iter()
    .find(|(key, _)| query_param(raw.as_deref(), key).is_some())
    .map(|(_, id)| id);
    page(&admin, lang, &current, StatusCode::OK, notice, None).await
}

/// `POST /admin/accounts/{id}/role`: the role and, for a translator, the languages.
pub(crate) async fn change_role(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<UserId>,
    fields: FormFields,
) -> Response {
    let changed = admin
        .web
        .app
        .change_role(current.actor(), id, &fields.get("role"), &fields.get("languages"))
        .await;
    if changed.is_ok() {
        tracing::info!(account = %id, user = %current.user.id, "account role changed by an administrator");
    }
    answer(&admin, lang, &current, changed.map(|_| ()), "changing an account's role").await
}

/// `POST /admin/accounts/{id}/disable`: signed out at once, and no more sign-ins.
pub(crate) async fn disable(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<UserId>,
) -> Response {
    let disabled = admin.web.app.set_account_disabled(current.actor(), id, true).await;
    if disabled.is_ok() {
        tracing::info!(account = %id, user = %current.user.id, "account disabled by an administrator");
    }
    answer(&admin, lang, &current, disabled, "disabling an account").await
}

/// `POST /admin/accounts/{id}/enable`.
pub(crate) async fn enable(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<UserId>,
) -> Response {
    let enabled = admin.web.app.set_account_disabled(current.actor(), id, false).await;
    if enabled.is_ok() {
        tracing::info!(account = %id, user = %current.user.id, "account enabled by an administrator");
    }
    answer(&admin, lang, &current, enabled, "enabling an account").await
}

/// Back to the list after a change, or the list again with why it was refused.
async fn answer(
    admin: &Admin,
    lang: rundbrief_core::Language,
    current: &CurrentUser,
    outcome: Result<(), AppError>,
    doing: &'static str,
) -> Response {
    match outcome {
        Ok(()) => Redirect::to("/admin/accounts?changed=1").into_response(),
        Err(AppError::Conflict(_)) => {
            let refusal = Some("admin-accounts-last-admin".to_owned());
            page(admin, lang, current, StatusCode::CONFLICT, None, refusal).await
        }
        Err(AppError::Invalid(errors)) => {
            let refusal = errors.first().map(error_id);
            page(admin, lang, current, StatusCode::UNPROCESSABLE_ENTITY, None, refusal).await
        }
        Err(error) => failure(lang, error, doing),
    }
}

pub(super) async fn page(
    admin: &Admin,
    lang: rundbrief_core::Language,
    current: &CurrentUser,
    status: StatusCode,
    notice: Option<&str>,
    refusal: Option<String>,
) -> Response {
    let accounts = match admin.web.app.accounts().await {
        Ok(accounts) => accounts,
        Err(error) => return failure(lang, error, "listing accounts"),
    };
    let invitations = match super::invitations::section(admin, lang, current).await {
        Ok(section) => section,
        Err(error) => return failure(lang, error, "listing invitations"),
    };
    let columns = [
        Column::Text("admin-accounts-email"),
        Column::Text("admin-accounts-role"),
        Column::Text("admin-accounts-languages"),
        Column::Text("admin-accounts-created"),
        Column::Text("admin-accounts-status"),
        Column::Text("admin-accounts-change"),
    ];
    let content = html! {
        @if let Some(notice) = notice {
            p.notice role="status" { (t(lang, notice)) }
        }
        @if let Some(refusal) = &refusal {
            p.error role="alert" { (t(lang, refusal)) }
        }
        p { (t(lang, "admin-accounts-intro")) }
        div.table-wrap {
            table {
                caption { (t(lang, "admin-accounts-title")) }
                (column_heads(lang, &columns))
                tbody {
                    @for account in &accounts {
                        (row(lang, current, account))
                    }
                }
            }
        }
        (invitations)
    };
    let title = t(lang, "admin-accounts-title");
    layout::respond(
        lang,
        status,
        layout::page(lang, &title, Some(current), Section::Accounts, content),
    )
}

fn row(lang: rundbrief_core::Language, current: &CurrentUser, account: &User) -> Markup {
    let id = account.id.0;
    let codes = account.languages.iter().map(|l| l.code()).collect::<Vec<_>>().join(",");
    html! {
        tr {
            td.wrap { (account.email.as_str()) }
            td { (t(lang, role_text_id(account.role))) }
            td {
                @if account.role.can_edit() {
                    (t(lang, "admin-accounts-all-languages"))
                } @else if account.languages.is_empty() {
                    "–"
                } @else {
                    @for (i, language) in account.languages.iter().enumerate() {
                        @if i > 0 { ", " }
                        span lang=(language.code()) { (language.native_name()) }
                        " (" (language.code()) ")"
                    }
                }
            }
            td { (date_time(account.created_at)) }
            td {
                @match account.disabled_at {
                    Some(at) => { (t(lang, "admin-accounts-disabled")) " " (date_time(at)) }
                    None => (t(lang, "admin-accounts-active")),
                }
            }
            td {
                form.inline method="post" action={ "/admin/accounts/" (id) "/role" } {
                    (csrf::hidden(&current.csrf))
                    label for={ "role-" (id) } { (t(lang, "admin-accounts-role")) }
                    select id={ "role-" (id) } name="role" {
                        @for role in ROLES {
                            option value=(role.as_str()) selected[role == account.role] {
                                (t(lang, role_text_id(role)))
                            }
                        }
                    }
                    label for={ "languages-" (id) } { (t(lang, "admin-accounts-languages-field")) }
                    input id={ "languages-" (id) } name="languages" value=(codes) placeholder="pl,ro";
                    button type="submit" { (t(lang, "admin-accounts-change-role")) }
                }
                @let (action, text) = if account.disabled_at.is_some() {
                    ("enable", "admin-accounts-enable")
                } else {
                    ("disable", "admin-accounts-disable")
                };
                form.inline method="post" action={ "/admin/accounts/" (id) "/" (action) } {
                    (csrf::hidden(&current.csrf))
                    button.danger[action == "disable"] type="submit" { (t(lang, text)) }
                }
                (super::invitations::reset_button(lang, current, account))
            }
        }
    }
}
