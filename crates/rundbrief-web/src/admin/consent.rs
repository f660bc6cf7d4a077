//! The consent log in the editor UI beyond the history table of one subscriber: the full
//! consent text of any version in any language (what a person saw, as proof), and the CSV
//! export for one subscriber, the list's current filters, or everyone.

use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};
use rundbrief_app::consent::{ConsentExport, consent_text_versions};
use rundbrief_core::Language;
use rundbrief_core::model::{ConsentEvent, Subscriber};
use rundbrief_i18n::Arg;

use super::form::failure;
use super::guard::Context;
use super::layout::{self, Section, t, t_args};
use super::path::Loaded;
use crate::api::csv_response;
use crate::extract::query_param;

/// Where the text of `version` in `lang` is shown.
pub(super) fn text_path(version: &str, lang: Option<Language>) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    out.append_pair("version", version);
    if let Some(lang) = lang {
        out.append_pair("lang", lang.code());
    }
    format!("/admin/consent-texts?{}", out.finish())
}

/// The version cell of a consent event: a link to the text in the language it was shown in,
/// where the version is a form text.
pub(super) fn version_cell(event: &ConsentEvent) -> Markup {
    let version = event.text_version.as_deref().unwrap_or("");
    let known = consent_text_versions().iter().any(|v| v == version);
    html! {
        @if known {
            a href=(text_path(version, event.language)) { code { (version) } }
        } @else {
            code { (version) }
        }
    }
}

/// `GET /admin/consent-texts?version=..&lang=..`: one version's text in one language, with a
/// form to pick another of either.
pub(crate) async fn text(
    Context { admin, lang, current }: Context,
    RawQuery(raw): RawQuery,
) -> Response {
    let versions = consent_text_versions();
    let version = query_param(raw.as_deref(), "version")
        .filter(|v| versions.contains(v))
        .or_else(|| versions.last().cloned())
        .unwrap_or_default();
    let shown_in = query_param(raw.as_deref(), "lang")
        .and_then(|code| Language::parse(&code).ok())
        .unwrap_or(lang);
    let body = admin.web.app.consent_text(&version, shown_in);
    let content = html! {
        form.filters method="get" action="/admin/consent-texts" {
            label for="version" { (t(lang, "admin-consent-text-version")) }
            select #version name="version" {
                @for v in &versions {
                    option value=(v) selected[*v == version] { (v) }
                }
            }
            label for="lang" { (t(lang, "admin-consent-language")) }
            select #lang name="lang" {
                @for l in Language::ALL {
                    option value=(l.code()) lang=(l.code()) selected[l == shown_in] { (l.native_name()) }
                }
            }
            button type="submit" { (t(lang, "admin-consent-text-show")) }
        }
        @match body {
            Some(text) => blockquote #consent-text lang=(shown_in.code()) { p { (text) } },
            None => p { (t(lang, "admin-consent-text-none")) },
        }
    };
    let title = t_args(lang, "admin-consent-text-title", &[("version", Arg::Str(&version))]);
    layout::respond(
        lang,
        StatusCode::OK,
        layout::page(lang, &title, Some(&current), Section::Subscribers, content),
    )
}

/// `GET /admin/consent-log.csv` with the subscriber list's filters (none: everyone).
pub(crate) async fn export(
    Context { admin, lang, current }: Context,
    RawQuery(raw): RawQuery,
) -> Response {
    let filter = super::subscribers::filter_of(raw.as_deref());
    let export = ConsentExport { subscriber: None, filter };
    match csv_response(&admin.web.app, current.actor(), export, "consent-log.csv").await {
        Ok(response) => response,
        Err(error) => failure(lang, error, "exporting the consent log"),
    }
}

/// `GET /admin/subscribers/{id}/consent.csv`: one subscriber's consent log.
pub(crate) async fn export_one(
    Context { admin, lang, current }: Context,
    Loaded(subscriber): Loaded<Subscriber>,
) -> Response {
    let export = ConsentExport { subscriber: Some(subscriber.id), ..Default::default() };
    let name = format!("consent-log-{}.csv", subscriber.id.0);
    match csv_response(&admin.web.app, current.actor(), export, &name).await {
        Ok(response) => response,
        Err(error) => failure(lang, error, "exporting a consent log"),
    }
}
