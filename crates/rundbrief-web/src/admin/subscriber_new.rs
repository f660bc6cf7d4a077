//! `/admin/subscribers/new`: adding one subscriber by hand, with the consent choice an import
//! asks for too (`rundbrief_app::manual`). Viewers see the form disabled; the guard refuses
//! their POST.

use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};
use rundbrief_app::lists::list_name;
use rundbrief_app::manual::{CONSENT_DOUBLE_OPT_IN, CONSENT_ELSEWHERE, ManualSubscriber};
use rundbrief_app::{AUDIENCES, AppError, FieldError, Settings};
use rundbrief_core::Language;
use rundbrief_core::model::MailingList;

use super::csrf;
use super::form::{described_by, error_summary, failure, field_error, invalid, redirect_saved};
use super::guard::{Context, CurrentUser};
use super::layout::{self, Section, t};
use crate::extract::FormFields;

const FIELDS: &[(&str, &str)] = &[("lists", "lists-first"), ("consent", "consent-elsewhere")];

fn text_input(
    lang: Language,
    errors: &[FieldError],
    field: &str,
    label: &str,
    value: &str,
    kind: &str,
) -> Markup {
    html! {
        label for=(field) { (t(lang, label)) }
        input id=(field) type=(kind) name=(field) value=(value) maxlength=(if field == "email" { "254" } else { "200" }) autocomplete="off"
            aria-invalid=[invalid(errors, field)] aria-describedby=[described_by(errors, field, None)];
        (field_error(lang, errors, field))
    }
}

fn page(
    lang: Language,
    current: &CurrentUser,
    view: &ManualSubscriber,
    errors: &[FieldError],
    lists: &[MailingList],
    settings: &Settings,
) -> Markup {
    let chain = settings.fallback_languages.as_slice();
    let can_edit = current.user.role.can_edit();
    let language = if view.language.is_empty() {
        settings.default_language.code().to_owned()
    } else {
        view.language.clone()
    };
    let content = html! {
        p { a href="/admin/subscribers" { (t(lang, "admin-subscriber-new-back")) } }
        @if !can_edit {
            p.notice role="status" { (t(lang, "admin-read-only-notice")) }
        }
        (error_summary(lang, errors, FIELDS))
        form method="post" action="/admin/subscribers/new" novalidate {
            (csrf::hidden(&current.csrf))
            fieldset.plain disabled[!can_edit] {
                (text_input(lang, errors, "email", "admin-subscriber-email", &view.email, "email"))
                (text_input(lang, errors, "name", "admin-subscriber-name", &view.name, "text"))
                label for="language" { (t(lang, "admin-subscriber-language")) }
                select #language name="language" aria-invalid=[invalid(errors, "language")]
                    aria-describedby=[described_by(errors, "language", None)] {
                    @for l in Language::ALL {
                        option value=(l.code()) selected[language == l.code()] lang=(l.code()) { (l.native_name()) }
                    }
                }
                (field_error(lang, errors, "language"))
                (text_input(lang, errors, "region", "admin-subscriber-region", &view.region, "text"))
                label for="audience" { (t(lang, "admin-subscriber-audience")) }
                select #audience name="audience" aria-invalid=[invalid(errors, "audience")]
                    aria-describedby=[described_by(errors, "audience", None)] {
                    option value="" { (t(lang, "admin-value-none")) }
                    @for audience in AUDIENCES {
                        option value=(audience) selected[view.audience == audience] {
                            (t(lang, &format!("admin-subscriber-audience-{audience}")))
                        }
                    }
                }
                (field_error(lang, errors, "audience"))
                fieldset #lists aria-describedby=[described_by(errors, "lists", None)] {
                    legend { (t(lang, "admin-subscriber-lists")) }
                    @for (i, list) in lists.iter().enumerate() {
                        @let id = list.id.0.to_string();
                        @let field_id = if i == 0 { "lists-first".to_owned() } else { format!("list-{id}") };
                        label.check for=(field_id) {
                            input #(field_id) type="checkbox" name="lists" value=(id) checked[view.lists.contains(&id)];
                            span { (list_name(list, lang, chain)) }
                        }
                    }
                    (field_error(lang, errors, "lists"))
                }
                fieldset #consent aria-describedby=[described_by(errors, "consent", None)] {
                    legend { (t(lang, "admin-subscriber-new-consent")) }
                    label.check for="consent-elsewhere" {
                        input #consent-elsewhere type="radio" name="consent" value=(CONSENT_ELSEWHERE)
                            checked[view.consent == CONSENT_ELSEWHERE];
                        span { (t(lang, "admin-subscriber-new-consent-elsewhere")) }
                    }
                    label for="source" { (t(lang, "admin-subscriber-new-source")) }
                    p.hint #source-hint { (t(lang, "admin-subscriber-new-source-hint")) }
                    input #source type="text" name="source" value=(view.source) maxlength="200"
                        aria-invalid=[invalid(errors, "source")]
                        aria-describedby=[described_by(errors, "source", Some("source-hint"))];
                    (field_error(lang, errors, "source"))
                    label.check for="consent-double-opt-in" {
                        input #consent-double-opt-in type="radio" name="consent" value=(CONSENT_DOUBLE_OPT_IN)
                            checked[view.consent == CONSENT_DOUBLE_OPT_IN];
                        span { (t(lang, "admin-subscriber-new-consent-double-opt-in")) }
                    }
                    (field_error(lang, errors, "consent"))
                }
                div.actions {
                    button type="submit" { (t(lang, "admin-subscriber-new-submit")) }
                    a href="/admin/subscribers" { (t(lang, "admin-cancel")) }
                }
            }
        }
    };
    let title = t(lang, "admin-subscriber-new-title");
    layout::page(lang, &title, Some(current), Section::Subscribers, content)
}

async fn respond(
    Context { admin, lang, current }: Context,
    status: StatusCode,
    view: &ManualSubscriber,
    errors: &[FieldError],
) -> Response {
    let lists = match admin.web.app.lists().await {
        Ok(lists) => lists,
        Err(error) => return failure(lang, error, "listing lists"),
    };
    let settings = admin.web.app.settings();
    layout::respond(lang, status, page(lang, &current, view, errors, &lists, settings))
}

pub(crate) async fn form(context: Context) -> Response {
    respond(context, StatusCode::OK, &ManualSubscriber::default(), &[]).await
}

pub(crate) async fn submit(context: Context, fields: FormFields) -> Response {
    let input = ManualSubscriber {
        email: fields.get("email"),
        name: fields.get("name"),
        language: fields.get("language"),
        region: fields.get("region"),
        audience: fields.get("audience"),
        lists: fields.all("lists"),
        consent: fields.get("consent"),
        source: fields.get("source"),
        by: format!(
            "account {} ({})",
            context.current.user.id,
            context.current.user.email.as_str()
        ),
    };
    let (lang, user) = (context.lang, context.current.user.id);
    match context.admin.web.app.add_subscriber_by_hand(input.clone()).await {
        Ok(added) => {
            tracing::info!(subscriber = %added.id, %user, "subscriber added in the editor UI");
            redirect_saved(&format!("/admin/subscribers/{}", added.id.0))
        }
        Err(AppError::Invalid(errors)) => {
            respond(context, StatusCode::UNPROCESSABLE_ENTITY, &input, &errors).await
        }
        Err(error) => failure(lang, error, "adding a subscriber"),
    }
}
