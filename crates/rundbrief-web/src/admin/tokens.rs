//! `/admin/tokens`: API tokens for administrators (the route table gives these routes
//! `Access::AdminOnly`): the list with scope, expiry, last use and revocation, a form that
//! creates one and shows its secret once (only the hash is stored), and revoking behind a
//! confirmation. The same use cases as `rundbrief token create|list|revoke`.

use std::future::Future;

use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};
use rundbrief_app::{AppError, FieldError};
use rundbrief_core::model::{ApiToken, TokenScope};
use rundbrief_core::{ApiTokenId, Language};
use rundbrief_i18n::Arg;
use time::OffsetDateTime;

use super::Admin;
use super::confirm::{self, Confirm};
use super::csrf;
use super::form::{date_time, described_by, error_summary, failure, field_error, invalid};
use super::guard::{Context, CurrentUser};
use super::layout::{self, Column, Section, column_heads, t, t_args};
use super::path::{Loaded, Record};
use crate::extract::{FormFields, query_param};

const FIELDS: &[(&str, &str)] = &[("name", "name"), ("scope", "scope"), ("expires", "expires")];

impl Record for ApiToken {
    type Id = ApiTokenId;
    const LOADING: &'static str = "loading an API token";
    fn load(admin: &Admin, id: ApiTokenId) -> impl Future<Output = Result<Self, AppError>> + Send {
        admin.web.app.api_token(id)
    }
}

/// The form as submitted.
#[derive(Debug, Default)]
struct TokenForm {
    name: String,
    scope: String,
    expires: String,
}

fn scope_text_id(scope: TokenScope) -> String {
    format!("admin-tokens-scope-{}", scope.as_str())
}

/// `GET /admin/tokens`.
pub(crate) async fn overview(
    Context { admin, lang, current }: Context,
    RawQuery(raw): RawQuery,
) -> Response {
    let revoked = query_param(raw.as_deref(), "revoked").is_some();
    let form = TokenForm { scope: TokenScope::Read.as_str().into(), ..Default::default() };
    page(&admin, lang, &current, StatusCode::OK, &form, &[], revoked).await
}

/// `POST /admin/tokens`: creates the token and shows its secret, this once.
pub(crate) async fn create(
    Context { admin, lang, current }: Context,
    fields: FormFields,
) -> Response {
    let form = TokenForm {
        name: fields.get("name"),
        scope: fields.get("scope"),
        expires: fields.get("expires"),
    };
    let Ok(scope) = form.scope.parse::<TokenScope>() else {
        let error = FieldError::new("scope", "unknown scope", "admin-tokens-error-scope");
        return page(
            &admin,
            lang,
            &current,
            StatusCode::UNPROCESSABLE_ENTITY,
            &form,
            &[error],
            false,
        )
        .await;
    };
    match admin.web.app.create_api_token(current.actor(), &form.name, scope, &form.expires).await {
        Ok((token, secret)) => {
            tracing::info!(token = %token.id, scope = %token.scope, user = %current.user.id, "API token created");
            created_page(lang, &current, &token, &secret)
        }
        Err(AppError::Invalid(errors)) => {
            page(&admin, lang, &current, StatusCode::UNPROCESSABLE_ENTITY, &form, &errors, false)
                .await
        }
        Err(error) => failure(lang, error, "creating an API token"),
    }
}

/// `GET /admin/tokens/{id}/revoke`: asks first.
pub(crate) async fn revoke_form(
    Context { lang, current, .. }: Context,
    Loaded(token): Loaded<ApiToken>,
) -> Response {
    let args = [("token", Arg::Str(&token.name)), ("id", Arg::Num(token.id.0))];
    let confirm = Confirm {
        title: t_args(lang, "admin-tokens-revoke-title", &args),
        section: Section::Tokens,
        explanation: html! { p { (t_args(lang, "admin-tokens-revoke-intro", &args)) } },
        action: format!("/admin/tokens/{}/revoke", token.id.0),
        submit_id: "admin-tokens-revoke-submit",
        back: "/admin/tokens",
    };
    confirm::page(lang, &current, confirm)
}

/// `POST /admin/tokens/{id}/revoke`.
pub(crate) async fn revoke(
    Context { admin, lang, current }: Context,
    Loaded(token): Loaded<ApiToken>,
) -> Response {
    let revoked = admin.web.app.revoke_api_token(current.actor(), token.id).await.inspect(|()| {
        tracing::info!(token = %token.id, user = %current.user.id, "API token revoked");
    });
    confirm::done(lang, revoked, "revoking an API token", "/admin/tokens?revoked=1")
}

async fn page(
    admin: &Admin,
    lang: Language,
    current: &CurrentUser,
    status: StatusCode,
    form: &TokenForm,
    errors: &[FieldError],
    revoked: bool,
) -> Response {
    let tokens = match admin.web.app.api_tokens().await {
        Ok(tokens) => tokens,
        Err(error) => return failure(lang, error, "listing API tokens"),
    };
    let now = admin.web.app.now();
    let content = html! {
        @if revoked {
            p.notice role="status" { (t(lang, "admin-tokens-revoked")) }
        }
        p { (t(lang, "admin-tokens-intro")) }
        (token_table(lang, &tokens, now))
        h2 #new { (t(lang, "admin-tokens-new")) }
        (error_summary(lang, errors, FIELDS))
        (create_form(lang, current, form, errors))
    };
    let title = t(lang, "admin-tokens-title");
    layout::respond(
        lang,
        status,
        layout::page(lang, &title, Some(current), Section::Tokens, content),
    )
}

fn token_table(lang: Language, tokens: &[ApiToken], now: OffsetDateTime) -> Markup {
    let columns = [
        Column::Num("admin-tokens-id"),
        Column::Text("admin-tokens-name"),
        Column::Text("admin-tokens-scope"),
        Column::Text("admin-tokens-created"),
        Column::Text("admin-tokens-expires"),
        Column::Text("admin-tokens-last-used"),
        Column::Text("admin-tokens-state"),
        Column::Text("admin-tokens-action"),
    ];
    let never = t(lang, "admin-tokens-never");
    html! {
        @if tokens.is_empty() {
            p { (t(lang, "admin-tokens-none")) }
        } @else {
            div.table-wrap {
                table #tokens {
                    caption { (t(lang, "admin-tokens-caption")) }
                    (column_heads(lang, &columns))
                    tbody {
                        @for token in tokens {
                            tr {
                                td.num { (token.id.0) }
                                td.wrap { (token.name) }
                                td { (t(lang, &scope_text_id(token.scope))) }
                                td { (date_time(token.created_at)) }
                                td { (token.expires_at.map(date_time).unwrap_or_else(|| never.clone())) }
                                td { (token.last_used_at.map(date_time).unwrap_or_else(|| never.clone())) }
                                td { (state(lang, token, now)) }
                                td {
                                    @if token.revoked_at.is_none() {
                                        a href={ "/admin/tokens/" (token.id.0) "/revoke" } {
                                            (t_args(lang, "admin-tokens-revoke", &[("id", Arg::Num(token.id.0))]))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Active, expired, or revoked with the time.
fn state(lang: Language, token: &ApiToken, now: OffsetDateTime) -> String {
    match (token.revoked_at, token.expires_at) {
        (Some(at), _) => {
            t_args(lang, "admin-tokens-state-revoked", &[("time", Arg::Str(&date_time(at)))])
        }
        (None, Some(end)) if end <= now => t(lang, "admin-tokens-state-expired"),
        _ => t(lang, "admin-tokens-state-active"),
    }
}

fn create_form(
    lang: Language,
    current: &CurrentUser,
    form: &TokenForm,
    errors: &[FieldError],
) -> Markup {
    html! {
        form method="post" action="/admin/tokens" novalidate {
            (csrf::hidden(&current.csrf))
            label for="name" { (t(lang, "admin-tokens-name")) }
            p.hint #name-hint { (t(lang, "admin-tokens-name-hint")) }
            input #name type="text" name="name" value=(form.name) maxlength="200" autocomplete="off"
                aria-invalid=[invalid(errors, "name")]
                aria-describedby=[described_by(errors, "name", Some("name-hint"))];
            (field_error(lang, errors, "name"))
            fieldset aria-invalid=[invalid(errors, "scope")] {
                legend #scope { (t(lang, "admin-tokens-scope")) }
                @for scope in TokenScope::ALL {
                    label.check {
                        input type="radio" name="scope" value=(scope.as_str())
                            checked[form.scope == scope.as_str()];
                        span {
                            strong { (t(lang, &scope_text_id(*scope))) } ": "
                            (t(lang, &format!("{}-hint", scope_text_id(*scope))))
                        }
                    }
                }
                (field_error(lang, errors, "scope"))
            }
            label for="expires" { (t(lang, "admin-tokens-expires")) }
            p.hint #expires-hint { (t(lang, "admin-tokens-expires-hint")) }
            input #expires type="date" name="expires" value=(form.expires)
                aria-invalid=[invalid(errors, "expires")]
                aria-describedby=[described_by(errors, "expires", Some("expires-hint"))];
            (field_error(lang, errors, "expires"))
            div.actions {
                button type="submit" { (t(lang, "admin-tokens-create")) }
            }
        }
    }
}

/// The secret, shown on this page only; the answer is `no-store`, like every editor page.
fn created_page(lang: Language, current: &CurrentUser, token: &ApiToken, secret: &str) -> Response {
    let args = [("token", Arg::Str(&token.name)), ("id", Arg::Num(token.id.0))];
    let content = html! {
        p.notice role="status" { (t_args(lang, "admin-tokens-created-intro", &args)) }
        label for="secret" { (t(lang, "admin-tokens-secret")) }
        input #secret type="text" readonly value=(secret) aria-describedby="secret-hint";
        p.hint #secret-hint { (t(lang, "admin-tokens-secret-hint")) }
        dl.facts {
            dt { (t(lang, "admin-tokens-scope")) }
            dd { (t(lang, &scope_text_id(token.scope))) }
            dt { (t(lang, "admin-tokens-expires")) }
            dd { (token.expires_at.map(date_time).unwrap_or_else(|| t(lang, "admin-tokens-never"))) }
        }
        p { a href="/admin/tokens" { (t(lang, "admin-tokens-back")) } }
    };
    let title = t(lang, "admin-tokens-created-title");
    let markup = layout::page(lang, &title, Some(current), Section::Tokens, content);
    layout::respond(lang, StatusCode::OK, markup)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_german_and_english() {
        let locales = rundbrief_i18n::Locales::embedded();
        let source = include_str!("tokens.rs");
        let source = source.split("#[cfg(test)]").next().unwrap_or_default();
        let mut ids: Vec<String> = source
            .match_indices("\"admin-tokens-")
            .map(|(at, _)| {
                let rest = &source[at + 1..];
                rest[..rest.find('"').unwrap_or(0)].to_owned()
            })
            .filter(|id| !id.ends_with('-') && !id.contains('{'))
            .collect();
        for scope in TokenScope::ALL {
            ids.push(scope_text_id(*scope));
            ids.push(format!("{}-hint", scope_text_id(*scope)));
        }
        ids.extend(["admin-tokens-error-name", "admin-tokens-error-expires"].map(String::from));
        assert!(ids.len() > 25, "{ids:?}");
        for id in ids {
            for lang in [Language::De, Language::En] {
                assert!(locales.has(lang, &id), "{id} is missing in {}", lang.code());
            }
        }
    }
}
