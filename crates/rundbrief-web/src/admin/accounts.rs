//! `/admin/accounts`: the accounts of the installation with their role and a translator's
//! languages, for administrators only (the route table gives it `Access::AdminOnly`). Accounts
//! are created on the server with `rundbrief user create`; this page only shows them.

use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::form::{date_time, failure};
use super::guard::Context;
use super::layout::{self, Column, Section, column_heads, t};
use super::role_text_id;

/// `GET /admin/accounts`.
pub(crate) async fn overview(Context { admin, lang, current }: Context) -> Response {
    let accounts = match admin.web.app.accounts().await {
        Ok(accounts) => accounts,
        Err(error) => return failure(lang, error, "listing accounts"),
    };
    let columns = [
        Column::Text("admin-accounts-email"),
        Column::Text("admin-accounts-role"),
        Column::Text("admin-accounts-languages"),
        Column::Text("admin-accounts-created"),
    ];
    let all = t(lang, "admin-accounts-all-languages");
    let content = html! {
        p { (t(lang, "admin-accounts-intro")) }
        div.table-wrap {
            table {
                caption { (t(lang, "admin-accounts-title")) }
                (column_heads(lang, &columns))
                tbody {
                    @for account in &accounts {
                        tr {
                            td.wrap { (account.email.as_str()) }
                            td { (t(lang, role_text_id(account.role))) }
                            td {
                                @if account.role.can_edit() {
                                    (all)
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
                        }
                    }
                }
            }
        }
    };
    let title = t(lang, "admin-accounts-title");
    layout::respond(
        lang,
        StatusCode::OK,
        layout::page(lang, &title, Some(&current), Section::Accounts, content),
    )
}
