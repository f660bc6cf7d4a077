//! Lists (topics) in the editor UI: the overview, and one form for creating and editing with a
//! name per language. German and English are required because the editor UI shows those; the
//! other 22 are optional, and a page in a language without a name shows the first name along the
//! fallback chain (`rundbrief_app::lists::list_name`). The slug rule and the checks before a
//! list is stored are `rundbrief_app::lists`'.

use std::collections::BTreeMap;

use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};
use rundbrief_app::lists::{MAX_SLUG_LEN, list_name};
use rundbrief_app::{AppError, FieldError, clean_optional_text};
use rundbrief_core::model::{MailingList, NewList};
use rundbrief_core::{Language, ListId};
use rundbrief_i18n::Arg;

use super::confirm::{self, Confirm};
use super::form::{described_by, error_summary, failure, field_error, invalid, redirect_saved};
use super::guard::{Context, CurrentUser};
use super::lang::AdminLang;
use super::layout::{self, Column, Section, column_heads, t, t_args};
use super::path::Loaded;
use super::{Admin, csrf};
use crate::extract::{FormFields, query_param};

/// Every list needs these names: the editor UI is in German and English.
pub const REQUIRED_NAMES: [Language; 2] = [Language::De, Language::En];

fn list_path(id: ListId) -> String {
    format!("/admin/lists/{}", id.0)
}

/// The languages in the order the form shows them: the required ones first.
fn form_languages() -> impl Iterator<Item = Language> {
    REQUIRED_NAMES
        .into_iter()
        .chain(Language::ALL.into_iter().filter(|l| !REQUIRED_NAMES.contains(l)))
}

fn name_field(language: Language) -> String {
    format!("name-{}", language.code())
}

/// The form as submitted or as stored.
#[derive(Debug, Clone, Default)]
struct ListForm {
    slug: String,
    public: bool,
    names: BTreeMap<Language, String>,
}

impl ListForm {
    fn from_list(list: &MailingList) -> Self {
        Self { slug: list.slug.clone(), public: list.public, names: list.names.clone() }
    }

    fn parse(fields: &FormFields) -> Self {
        let names = Language::ALL
            .into_iter()
            .map(|l| (l, fields.get(&name_field(l))))
            .filter(|(_, n)| !n.trim().is_empty())
            .collect();
        Self {
            slug: fields.get("slug").trim().to_owned(),
            public: !fields.get("public").is_empty(),
            names,
        }
    }

    /// The list to store, or every problem with the form.
    fn check(&self) -> Result<NewList, Vec<FieldError>> {
        let mut errors = Vec::new();
        if let Err(error) = rundbrief_app::lists::slug("slug", &self.slug) {
            errors.push(error);
        }
        let mut names = BTreeMap::new();
        for language in form_languages() {
            let field = name_field(language);
            match clean_optional_text(
                &field,
                self.names.get(&language).map(String::as_str).unwrap_or(""),
            ) {
                Ok(Some(name)) => {
                    names.insert(language, name);
                }
                Ok(None) if REQUIRED_NAMES.contains(&language) => {
                    errors.push(FieldError::new(
                        &field,
                        "is required",
                        "admin-error-list-name-required",
                    ));
                }
                Ok(None) => {}
                Err(_) => errors.push(FieldError::new(
                    &field,
                    "is too long or has control characters",
                    "admin-error-list-name",
                )),
            }
        }
        if errors.is_empty() {
            Ok(NewList { slug: self.slug.clone(), names, public: self.public })
        } else {
            Err(errors)
        }
    }
}

pub(crate) async fn overview(
    Context { admin, lang, current }: Context,
    RawQuery(query): RawQuery,
) -> Response {
    let lists = match admin.web.app.lists().await {
        Ok(lists) => lists,
        Err(error) => return failure(lang, error, "listing lists"),
    };
    let chain = &admin.web.app.settings().fallback_languages;
    let deleted = query_param(query.as_deref(), "deleted").is_some();
    let yes = t(lang, "admin-yes");
    let no = t(lang, "admin-no");
    let content = html! {
        @if deleted {
            p.notice role="status" { (t(lang, "admin-list-deleted")) }
        }
        p { (t(lang, "admin-lists-intro")) }
        p { a href="/admin/embed" { (t(lang, "admin-embed-link")) } }
        @if current.user.role.can_edit() {
            p { a.button href="/admin/lists/new" { (t(lang, "admin-list-new")) } }
        }
        @if lists.is_empty() {
            p { (t(lang, "admin-lists-none")) }
        } @else {
            div.table-wrap role="region" aria-label=(t(lang, "admin-lists-caption")) tabindex="0" {
                table #lists {
                    caption { (t(lang, "admin-lists-caption")) }
                    (column_heads(lang, &[Column::Text("admin-list-name"), Column::Text("admin-list-slug"), Column::Text("admin-list-public"), Column::Text("admin-list-languages"), Column::Text("admin-list-subscribers")]))
                    tbody {
                        @for list in &lists {
                            tr {
                                td { a href=(list_path(list.id)) { (list_name(list, lang, chain)) } }
                                td { code { (list.slug) } }
                                td { @if list.public { (yes) } @else { (no) } }
                                td { (list.names.keys().map(|l| l.code()).collect::<Vec<_>>().join(", ")) }
                                td { a href={ "/admin/subscribers?list=" (list.id.0) } { (t(lang, "admin-list-show-subscribers")) } }
                            }
                        }
                    }
                }
            }
        }
    };
    let title = t(lang, "admin-lists-title");
    layout::respond(
        lang,
        StatusCode::OK,
        layout::page(lang, &title, Some(&current), Section::Lists, content),
    )
}

/// Where the form is sent, whether it edits an existing list, and whether that was just saved.
struct Target<'a> {
    action: String,
    existing: Option<&'a MailingList>,
    saved: bool,
}

fn list_form_page(
    lang: Language,
    chain: &[Language],
    current: &CurrentUser,
    target: &Target<'_>,
    form: &ListForm,
    errors: &[FieldError],
) -> Markup {
    let can_edit = current.user.role.can_edit();
    let title = match target.existing {
        Some(list) => t_args(
            lang,
            "admin-list-edit-title",
            &[("list", Arg::Str(list_name(list, lang, chain)))],
        ),
        None => t(lang, "admin-list-new-title"),
    };
    let content = html! {
        @if target.saved {
            p.notice role="status" { (t(lang, "admin-list-saved")) }
        }
        p { a href="/admin/lists" { (t(lang, "admin-lists-back")) } }
        @if !can_edit {
            p.notice role="status" { (t(lang, "admin-read-only-notice")) }
        }
        (error_summary(lang, errors, &[]))
        form method="post" action=(target.action) novalidate {
            (csrf::hidden(&current.csrf))
            fieldset.plain disabled[!can_edit] {
                label for="slug" { (t(lang, "admin-list-slug")) }
                p.hint #slug-hint { (t(lang, "admin-list-slug-hint")) }
                input #slug type="text" name="slug" value=(form.slug) required maxlength=(MAX_SLUG_LEN)
                    pattern="[a-z0-9-]+" autocomplete="off" spellcheck="false"
                    aria-invalid=[invalid(errors, "slug")] aria-describedby=[described_by(errors, "slug", Some("slug-hint"))];
                (field_error(lang, errors, "slug"))
                label.check for="public" {
                    input #public type="checkbox" name="public" value="yes" checked[form.public] aria-describedby="public-hint";
                    span { (t(lang, "admin-list-public-label")) }
                }
                p.hint #public-hint { (t(lang, "admin-list-public-hint")) }
                fieldset #names {
                    legend { (t(lang, "admin-list-names")) }
                    p.hint { (t(lang, "admin-list-names-hint")) }
                    @for language in form_languages() {
                        @let field = name_field(language);
                        @let required = REQUIRED_NAMES.contains(&language);
                        label for=(field) {
                            (language.native_name()) " (" (language.code()) ")"
                            @if required { " – " (t(lang, "admin-required")) }
                        }
                        input #(field) type="text" name=(field) lang=(language.code())
                            value=(form.names.get(&language).map(String::as_str).unwrap_or(""))
                            maxlength="200" required[required]
                            aria-invalid=[invalid(errors, &field)] aria-describedby=[described_by(errors, &field, None)];
                        (field_error(lang, errors, &field))
                    }
                }
                div.actions {
                    button type="submit" { (t(lang, "admin-save")) }
                    a href="/admin/lists" { (t(lang, "admin-cancel")) }
                }
            }
        }
        @if let (Some(list), true) = (target.existing, can_edit) {
            h2 #delete { (t(lang, "admin-list-delete")) }
            p { a.button.danger href={ (list_path(list.id)) "/delete" } { (t(lang, "admin-list-delete")) } }
        }
    };
    layout::page(lang, &title, Some(current), Section::Lists, content)
}

pub(crate) async fn new_form(lang: AdminLang, current: CurrentUser) -> Response {
    let lang = lang.lang;
    let target = Target { action: "/admin/lists".to_owned(), existing: None, saved: false };
    let form = ListForm { public: true, ..ListForm::default() };
    layout::respond(lang, StatusCode::OK, list_form_page(lang, &[], &current, &target, &form, &[]))
}

fn slug_taken() -> Vec<FieldError> {
    vec![FieldError::new("slug", "exists already", "admin-error-slug-taken")]
}

pub(crate) async fn create(
    Context { admin, lang, current }: Context,
    fields: FormFields,
) -> Response {
    let target = Target { action: "/admin/lists".to_owned(), existing: None, saved: false };
    save(&admin, lang, &current, &target, &fields).await
}

/// Creates the list, or saves the one `target` names; a refused form is shown again.
async fn save(
    admin: &Admin,
    lang: Language,
    current: &CurrentUser,
    target: &Target<'_>,
    fields: &FormFields,
) -> Response {
    let form = ListForm::parse(fields);
    let (status, errors) = match form.check() {
        Ok(new) => {
            let app = &admin.web.app;
            let (stored, done, doing) = match target.existing {
                Some(list) => (app.update_list(list.id, &new).await, "list saved", "saving a list"),
                None => (app.create_list(&new).await, "list created", "creating a list"),
            };
            match stored {
                Ok(list) => {
                    tracing::info!(list = %list.id.0, user = %current.user.id, "{done}");
                    return redirect_saved(&list_path(list.id));
                }
                Err(AppError::Conflict(_)) => (StatusCode::CONFLICT, slug_taken()),
                Err(AppError::Invalid(errors)) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
                Err(error) => return failure(lang, error, doing),
            }
        }
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
    };
    let chain = &admin.web.app.settings().fallback_languages;
    layout::respond(lang, status, list_form_page(lang, chain, current, target, &form, &errors))
}

pub(crate) async fn edit_form(
    Context { admin, lang, current }: Context,
    Loaded(list): Loaded<MailingList>,
    RawQuery(query): RawQuery,
) -> Response {
    let saved = query_param(query.as_deref(), "saved").is_some();
    let target = Target { action: list_path(list.id), existing: Some(&list), saved };
    let chain = &admin.web.app.settings().fallback_languages;
    let page = list_form_page(lang, chain, &current, &target, &ListForm::from_list(&list), &[]);
    layout::respond(lang, StatusCode::OK, page)
}

pub(crate) async fn update(
    Context { admin, lang, current }: Context,
    Loaded(list): Loaded<MailingList>,
    fields: FormFields,
) -> Response {
    let target = Target { action: list_path(list.id), existing: Some(&list), saved: false };
    save(&admin, lang, &current, &target, &fields).await
}

pub(crate) async fn delete_form(
    Context { admin, lang, current }: Context,
    Loaded(list): Loaded<MailingList>,
) -> Response {
    let name = admin.web.app.list_name(&list, lang);
    let path = list_path(list.id);
    let confirm = Confirm {
        title: t_args(lang, "admin-list-delete-title", &[("list", Arg::Str(name))]),
        section: Section::Lists,
        explanation: html! {
            p { (t_args(lang, "admin-list-delete-intro", &[("list", Arg::Str(name))])) }
        },
        action: format!("{path}/delete"),
        submit_id: "admin-list-delete-submit",
        back: &path,
    };
    confirm::page(lang, &current, confirm)
}

pub(crate) async fn delete(
    Context { admin, lang, current }: Context,
    Loaded(list): Loaded<MailingList>,
) -> Response {
    let deleted = admin.web.app.delete_list(list.id).await.inspect(|()| {
        tracing::info!(list = %list.id.0, user = %current.user.id, "list deleted");
    });
    confirm::done(lang, deleted, "deleting a list", "/admin/lists?deleted=1")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> ListForm {
        let body = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
        ListForm::parse(&FormFields::parse(body.as_bytes()))
    }

    #[test]
    fn german_and_english_names_are_required_the_rest_optional() {
        let ok = form(&[
            ("slug", "work"),
            ("name-de", "Arbeit"),
            ("name-en", "Work"),
            ("name-pl", "Praca"),
            ("public", "yes"),
        ]);
        let list = ok.check().expect("valid");
        assert_eq!(list.names.len(), 3);
        assert!(list.public);
        let missing =
            form(&[("slug", "Work!"), ("name-de", "Arbeit")]).check().expect_err("invalid");
        let fields: Vec<&str> = missing.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["slug", "name-en"]);
    }

    #[test]
    fn the_required_languages_come_first() {
        let order: Vec<Language> = form_languages().collect();
        assert_eq!(order.len(), 24);
        assert_eq!(&order[..2], &[Language::De, Language::En]);
    }
}
