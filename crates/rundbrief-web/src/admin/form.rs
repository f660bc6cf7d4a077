//! Pieces the subscriber and list pages share: field errors tied to their fields, dates,
//! localised list names, and the page for a failed request.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use rundbrief_app::{AppError, FieldError};
use rundbrief_core::{Language, SubscriberStatus};
use time::OffsetDateTime;
use time::macros::format_description;

use super::layout::{self, t};

/// The Fluent id of the message shown for `error`. The checks shared with the API and the
/// public form name texts of the public pages; the editor UI has its own, one per field.
pub fn error_id(error: &FieldError) -> String {
    if error.message_id.starts_with("admin-") {
        error.message_id.to_owned()
    } else {
        format!("admin-error-field-{}", error.field.replace('_', "-"))
    }
}

pub fn invalid(errors: &[FieldError], field: &str) -> Option<&'static str> {
    errors.iter().any(|e| e.field == field).then_some("true")
}

/// `aria-describedby` of a field: its hint, then its error.
pub fn described_by(errors: &[FieldError], field: &str, hint: Option<&str>) -> Option<String> {
    let ids: Vec<String> = hint
        .map(str::to_owned)
        .into_iter()
        .chain(invalid(errors, field).map(|_| format!("{field}-error")))
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The first error of `field`, with the id `described_by` points at.
pub fn field_error(lang: Language, errors: &[FieldError], field: &str) -> Markup {
    html! {
        @if let Some(error) = errors.iter().find(|e| e.field == field) {
            p.error id={ (field) "-error" } { (t(lang, &error_id(error))) }
        }
    }
}

/// Above the form: that something needs fixing, with a link to each field concerned. It takes
/// the focus itself (`autofocus` on an element with `tabindex=-1`), without script, so the
/// keyboard and a screen reader start at the list of what to fix.
pub fn error_summary(lang: Language, errors: &[FieldError], field_ids: &[(&str, &str)]) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.alert #error-summary role="alert" tabindex="-1" autofocus {
                p { (t(lang, "admin-error-summary")) }
                ul {
                    @for error in errors {
                        @let target = field_ids.iter().find(|(f, _)| *f == error.field).map(|(_, id)| *id).unwrap_or(error.field.as_str());
                        li { a href={ "#" (target) } { (t(lang, &error_id(error))) } }
                    }
                }
            }
        }
    }
}

/// Minutes are enough to tell events apart for a reader; times are shown in UTC, as stored.
pub fn date_time(at: OffsetDateTime) -> String {
    let format = format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    at.to_offset(time::UtcOffset::UTC).format(&format).unwrap_or_default()
}

pub fn date(at: OffsetDateTime) -> String {
    let format = format_description!("[year]-[month]-[day]");
    at.to_offset(time::UtcOffset::UTC).format(&format).unwrap_or_default()
}

pub fn status_label(lang: Language, status: SubscriberStatus) -> String {
    t(lang, &format!("admin-status-{}", status.as_str()))
}

/// After a form is saved: back to the record, which then says so.
pub fn redirect_saved(path: &str) -> Response {
    Redirect::to(&format!("{path}?saved=1")).into_response()
}

/// The page for a request that cannot be served: unknown records are 404, anything else is
/// logged and a 500.
pub fn failure(lang: Language, error: AppError, doing: &'static str) -> Response {
    match error {
        AppError::NotFound(_) => layout::error(lang, StatusCode::NOT_FOUND, "admin-not-found"),
        other => {
            tracing::error!(error = %other, doing, "editor UI request failed");
            layout::error(lang, StatusCode::INTERNAL_SERVER_ERROR, "admin-error")
        }
    }
}

#[cfg(test)]
mod tests {
    use rundbrief_core::model::{ConsentAction, SuppressionReason};

    use super::*;

    #[test]
    fn shared_checks_get_the_editor_texts() {
        let shared = FieldError::new("name", "too long", "error-form-summary");
        assert_eq!(error_id(&shared), "admin-error-field-name");
        let own = FieldError::new("status", "no", "admin-error-status");
        assert_eq!(error_id(&own), "admin-error-status");
        let snake = FieldError::new("consent_elsewhere", "no", "error-form-summary");
        assert_eq!(error_id(&snake), "admin-error-field-consent-elsewhere");
    }

    /// Every text id named in these pages' sources, plus the ones built from values.
    fn ids_used() -> Vec<String> {
        let sources = [
            include_str!("form.rs"),
            include_str!("confirm.rs"),
            include_str!("subscribers.rs"),
            include_str!("lists.rs"),
            include_str!("dashboard.rs"),
            include_str!("subscriber_new.rs"),
            include_str!("subscriber_bulk.rs"),
            include_str!("suppressions.rs"),
        ];
        let mut ids = Vec::new();
        for source in sources {
            let source = source.split("#[cfg(test)]").next().unwrap_or_default();
            for (at, _) in source.match_indices("\"admin-") {
                let rest = &source[at + 1..];
                let id = &rest[..rest.find('"').unwrap_or(0)];
                if !id.ends_with('-') && !id.contains(['{', ' ', '\\']) {
                    ids.push(id.to_owned());
                }
            }
        }
        let built = SubscriberStatus::ALL
            .iter()
            .map(|s| format!("admin-status-{}", s.as_str()))
            .chain(ConsentAction::ALL.iter().map(|a| format!("admin-consent-{}", a.as_str())))
            .chain(
                rundbrief_app::AUDIENCES.iter().map(|a| format!("admin-subscriber-audience-{a}")),
            )
            .chain(
                ["name", "region", "language", "audience"]
                    .map(|f| format!("admin-error-field-{f}")),
            )
            .chain(
                SuppressionReason::ALL
                    .iter()
                    .map(|r| format!("admin-suppression-reason-{}", r.as_str().replace('_', "-"))),
            )
            .chain(["add", "remove", "unsubscribe", "erase"].into_iter().flat_map(|a| {
                ["action", "confirm", "explain"].map(|part| format!("admin-bulk-{part}-{a}"))
            }));
        ids.extend(built);
        ids
    }

    #[test]
    fn every_text_exists_in_german_and_english() {
        let locales = rundbrief_i18n::Locales::embedded();
        let ids = ids_used();
        assert!(ids.len() > 50, "{ids:?}");
        for id in ids {
            for lang in [Language::De, Language::En] {
                // Error pages are named by the prefix of their `-title` and `-text`.
                let found = locales.has(lang, &id) || locales.has(lang, &format!("{id}-title"));
                assert!(found, "{id} is missing in {}", lang.code());
            }
        }
    }
}
