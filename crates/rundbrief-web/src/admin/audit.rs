//! `/admin/audit`: the audit log for administrators (issue 22; the route table gives these
//! routes `Access::AdminOnly`): newest first, paged, filtered by actor, action and a range of
//! days (UTC, as the times are shown), and the current filter as a streamed CSV download
//! (`/admin/audit.csv`). The entries come from `rundbrief_app::audit`.
//!
//! The page names actions and target kinds in the reader's language; the CSV keeps the
//! stable codes (`account.invited`, `issue`) so that scripts reading it do not depend on
//! wording or language.

use std::collections::HashMap;

use axum::extract::RawQuery;
use axum::http::{Method, StatusCode};
use axum::response::Response;
use axum::routing::on;
use maud::{Markup, html};
use rundbrief_app::FieldError;
use rundbrief_app::audit::{
    ACTIONS, AuditActor, AuditEntry, AuditExport, AuditFilter, action_message_id, target_message_id,
};
use rundbrief_core::{ApiTokenId, Language, UserId};
use rundbrief_i18n::Locales;
use time::macros::format_description;
use time::{Date, Duration, OffsetDateTime};

use super::form::{date_time, described_by, error_summary, failure, field_error, invalid};
use super::guard::{Context, CurrentUser};
use super::layout::{self, Column, Section, column_heads, t};
use super::{Access, Route};
use crate::api::csv_response;
use crate::extract::query_param;

pub(super) const PAGE: Route = Route {
    method: Method::GET,
    path: "/audit",
    access: Access::AdminOnly,
    handler: |m| on(m, page),
};
pub(super) const CSV: Route = Route {
    method: Method::GET,
    path: "/audit.csv",
    access: Access::AdminOnly,
    handler: |m| on(m, export),
};

/// Entries per page.
const PER_PAGE: u32 = 100;

const FIELDS: &[(&str, &str)] = &[("actor", "actor"), ("from", "from"), ("until", "until")];

/// The filter as typed, to fill the form again and to build links.
#[derive(Debug, Default)]
struct FilterForm {
    actor: String,
    action: String,
    from: String,
    until: String,
}

impl FilterForm {
    fn read(raw: Option<&str>) -> Self {
        let get = |name| query_param(raw, name).unwrap_or_default().trim().to_owned();
        Self { actor: get("actor"), action: get("action"), from: get("from"), until: get("until") }
    }

    /// The query string of the filter, without the page.
    fn query(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(
                [
                    ("actor", &self.actor),
                    ("action", &self.action),
                    ("from", &self.from),
                    ("until", &self.until),
                ]
                .into_iter()
                .filter(|(_, value)| !value.is_empty()),
            )
            .finish()
    }

    /// The store's filter, or every field that cannot be read.
    fn filter(&self) -> Result<AuditFilter, Vec<FieldError>> {
        let mut errors = Vec::new();
        let actor = match self.actor.as_str() {
            "" => None,
            text => {
                let parsed = parse_actor(text);
                if parsed.is_none() {
                    errors.push(FieldError::new(
                        "actor",
                        "unknown actor",
                        "admin-audit-error-actor",
                    ));
                }
                parsed
            }
        };
        let action = (!self.action.is_empty()).then(|| self.action.clone());
        let mut day = |field: &str, text: &str| -> Option<OffsetDateTime> {
            if text.is_empty() {
                return None;
            }
            let parsed = Date::parse(text, format_description!("[year]-[month]-[day]"));
            match parsed {
                Ok(date) => Some(date.midnight().assume_utc()),
                Err(_) => {
                    errors.push(FieldError::new(field, "must be a date", "admin-audit-error-date"));
                    None
                }
            }
        };
        let from = day("from", &self.from);
        // Until and with that day.
        let until = day("until", &self.until).map(|start| start + Duration::days(1));
        if errors.is_empty() { Ok(AuditFilter { actor, action, from, until }) } else { Err(errors) }
    }
}

/// `user:3`, `token:2`, `cli`, `none`.
fn parse_actor(text: &str) -> Option<AuditActor> {
    match text.split_once(':') {
        Some(("user", id)) => id.parse().ok().map(|id| AuditActor::User(UserId(id))),
        Some(("token", id)) => id.parse().ok().map(|id| AuditActor::Token(ApiTokenId(id))),
        None if text == "cli" => Some(AuditActor::Cli),
        None if text == "none" => Some(AuditActor::Nobody),
        _ => None,
    }
}

fn actor_value(actor: AuditActor) -> String {
    match actor.id() {
        Some(id) => format!("{}:{id}", actor.kind()),
        None => actor.kind().to_owned(),
    }
}

/// Who acted, for a reader: the account's address, the token's name, "command line", "nobody".
fn actor_label(lang: Language, actor: AuditActor, names: &HashMap<AuditActor, String>) -> String {
    match actor {
        AuditActor::User(id) => names.get(&actor).cloned().unwrap_or_else(|| format!("#{}", id.0)),
        AuditActor::Token(id) => {
            let name = names.get(&actor).cloned().unwrap_or_default();
            format!("{} #{} {name}", t(lang, "admin-audit-token"), id.0)
        }
        AuditActor::Cli => t(lang, "admin-audit-cli"),
        AuditActor::Nobody => t(lang, "admin-audit-nobody"),
    }
}

/// An action in words; a code without a label (an entry of a newer or older version) as is.
fn action_label(lang: Language, action: &str) -> String {
    label_or_code(lang, &action_message_id(action), action)
}

/// A target kind in words, else as stored.
fn target_label(lang: Language, kind: &str) -> String {
    label_or_code(lang, &target_message_id(kind), kind)
}

fn label_or_code(lang: Language, id: &str, code: &str) -> String {
    let locales = Locales::embedded();
    if locales.has(lang, id) { locales.text(lang, id, &[]) } else { code.to_owned() }
}

/// `GET /admin/audit`.
pub(crate) async fn page(
    Context { admin, lang, current }: Context,
    RawQuery(raw): RawQuery,
) -> Response {
    let form = FilterForm::read(raw.as_deref());
    let before = query_param(raw.as_deref(), "before").and_then(|b| b.parse::<i64>().ok());
    let names = match admin.web.app.audit_actor_names().await {
        Ok(names) => names,
        Err(error) => return failure(lang, error, "reading the audit log"),
    };
    let (status, errors, entries, next) = match form.filter() {
        Ok(filter) => match admin.web.app.audit_entries(&filter, before, PER_PAGE).await {
            Ok(page) => (StatusCode::OK, Vec::new(), page.items, page.next),
            Err(error) => return failure(lang, error, "reading the audit log"),
        },
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors, Vec::new(), None),
    };
    let query = form.query();
    let csv = if query.is_empty() {
        "/admin/audit.csv".to_owned()
    } else {
        format!("/admin/audit.csv?{query}")
    };
    let content = html! {
        p { (t(lang, "admin-audit-intro")) }
        (error_summary(lang, &errors, FIELDS))
        (filter_form(lang, &form, &names, &errors))
        @if errors.is_empty() {
            p { a #audit-csv href=(csv) download { (t(lang, "admin-audit-csv")) } }
            (entry_table(lang, &entries, &names))
            @if let Some(next) = next {
                @let sep = if query.is_empty() { "" } else { "&" };
                p { a href={ "/admin/audit?" (query) (sep) "before=" (next) } { (t(lang, "admin-audit-older")) } }
            }
        }
    };
    let title = t(lang, "admin-audit-title");
    layout::respond(
        lang,
        status,
        layout::page(lang, &title, Some(&current), Section::Audit, content),
    )
}

fn filter_form(
    lang: Language,
    form: &FilterForm,
    names: &HashMap<AuditActor, String>,
    errors: &[FieldError],
) -> Markup {
    let mut actors: Vec<(String, String)> =
        names.keys().map(|actor| (actor_value(*actor), actor_label(lang, *actor, names))).collect();
    actors.sort();
    actors.push(("cli".into(), t(lang, "admin-audit-cli")));
    actors.push(("none".into(), t(lang, "admin-audit-nobody")));
    html! {
        form.filters method="get" action="/admin/audit" novalidate {
            label for="actor" { (t(lang, "admin-audit-actor")) }
            select #actor name="actor" aria-invalid=[invalid(errors, "actor")]
                aria-describedby=[described_by(errors, "actor", None)] {
                option value="" { (t(lang, "admin-audit-any")) }
                @for (value, label) in &actors {
                    option value=(value) selected[*value == form.actor] { (label) }
                }
            }
            (field_error(lang, errors, "actor"))
            label for="action" { (t(lang, "admin-audit-action")) }
            select #action name="action" {
                option value="" { (t(lang, "admin-audit-any")) }
                @for action in ACTIONS {
                    option value=(action) selected[*action == form.action] { (action_label(lang, action)) }
                }
            }
            label for="from" { (t(lang, "admin-audit-from")) }
            input #from type="date" name="from" value=(form.from)
                aria-invalid=[invalid(errors, "from")] aria-describedby=[described_by(errors, "from", None)];
            (field_error(lang, errors, "from"))
            label for="until" { (t(lang, "admin-audit-until")) }
            input #until type="date" name="until" value=(form.until)
                aria-invalid=[invalid(errors, "until")] aria-describedby=[described_by(errors, "until", None)];
            (field_error(lang, errors, "until"))
            button type="submit" { (t(lang, "admin-audit-filter")) }
        }
    }
}

fn entry_table(
    lang: Language,
    entries: &[AuditEntry],
    names: &HashMap<AuditActor, String>,
) -> Markup {
    let columns = [
        Column::Text("admin-audit-time"),
        Column::Text("admin-audit-actor"),
        Column::Text("admin-audit-action"),
        Column::Text("admin-audit-target"),
        Column::Text("admin-audit-detail"),
    ];
    html! {
        @if entries.is_empty() {
            p #audit-none { (t(lang, "admin-audit-none")) }
        } @else {
            div.table-wrap role="region" aria-label=(t(lang, "admin-audit-caption")) tabindex="0" {
                table #audit {
                    caption { (t(lang, "admin-audit-caption")) }
                    (column_heads(lang, &columns))
                    tbody {
                        @for entry in entries {
                            tr {
                                td { (date_time(entry.at)) }
                                td.wrap { (actor_label(lang, entry.actor, names)) }
                                td data-action=(entry.action) { (action_label(lang, &entry.action)) }
                                td {
                                    @if let (Some(kind), Some(id)) = (&entry.target_kind, entry.target_id) {
                                        (target_label(lang, kind)) " #" (id)
                                    }
                                }
                                td.wrap { code { (entry.detail) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /admin/audit.csv`: the current filter, streamed.
pub(crate) async fn export(
    Context { admin, lang, current }: Context,
    RawQuery(raw): RawQuery,
) -> Response {
    let form = FilterForm::read(raw.as_deref());
    let filter = match form.filter() {
        Ok(filter) => filter,
        Err(errors) => {
            return failure(
                lang,
                rundbrief_app::AppError::Invalid(errors),
                "exporting the audit log",
            );
        }
    };
    let export = AuditExport { filter };
    match csv_response(&admin.web.app, current_actor(&current), export, "audit-log.csv").await {
        Ok(response) => response,
        Err(error) => failure(lang, error, "exporting the audit log"),
    }
}

fn current_actor(current: &CurrentUser) -> AuditActor {
    current.actor()
}

#[cfg(test)]
mod tests {
    use rundbrief_app::audit::TARGET_KINDS;

    use super::*;

    /// Every recorded action and target kind has its own label in German and English; a
    /// missing one would show the raw code.
    #[test]
    fn every_action_and_target_kind_has_a_label_in_german_and_english() {
        let locales = Locales::embedded();
        let ids = ACTIONS
            .iter()
            .map(|a| (*a, action_message_id(a)))
            .chain(TARGET_KINDS.iter().map(|k| (*k, target_message_id(k))));
        for (code, id) in ids {
            for lang in [Language::De, Language::En] {
                assert!(locales.has(lang, &id), "{id} missing in {}", lang.code());
                let label = locales.text(lang, &id, &[]);
                assert!(
                    !label.trim().is_empty() && label != code,
                    "{id} in {}: {label}",
                    lang.code()
                );
            }
        }
        assert_eq!(action_label(Language::De, "send.paused"), "Versand angehalten");
        assert_eq!(action_label(Language::En, "account.invited"), "Invitation sent");
        assert_eq!(target_label(Language::De, "suppression_lift"), "Aufgehobene Sperre");
        // A code this version does not know stays readable as it is.
        assert_eq!(action_label(Language::En, "later.action"), "later.action");
    }

    /// No two actions share a label: the filter would offer two equal choices.
    #[test]
    fn action_labels_are_distinct() {
        for lang in [Language::De, Language::En] {
            let mut labels: Vec<String> = ACTIONS.iter().map(|a| action_label(lang, a)).collect();
            labels.sort();
            let before = labels.len();
            labels.dedup();
            assert_eq!(labels.len(), before, "{labels:?}");
        }
    }

    #[test]
    fn the_table_shows_labels_not_codes() {
        let entry = AuditEntry {
            id: 1,
            at: OffsetDateTime::UNIX_EPOCH,
            actor: AuditActor::Cli,
            action: "variant.saved".to_owned(),
            target_kind: Some("issue".to_owned()),
            target_id: Some(7),
            detail: "{}".to_owned(),
        };
        let html = entry_table(Language::En, &[entry], &HashMap::new()).into_string();
        assert!(html.contains(">Language version saved<"), "{html}");
        assert!(html.contains("Issue #7"), "{html}");
        assert!(!html.contains(">variant.saved<"), "{html}");
    }
}
