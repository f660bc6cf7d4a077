//! Subscribers in the editor UI: the list with search and filters (keyset-paginated, so a long
//! list costs no more than a short one), a detail page with the consent history, the edit form,
//! and erasure behind a confirmation page. Changes go through the use cases of
//! `rundbrief-app`, so the consent log and the suppression list behave as in the API.

use axum::extract::{FromRequestParts, RawQuery};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use rundbrief_app::editing::{SubscriberEdit, editor_status_targets};
use rundbrief_app::lists::list_name;
use rundbrief_app::{AUDIENCES, AppError, FieldError, RequestMeta, Settings};
use rundbrief_core::model::{ConsentEvent, MailingList, Subscriber, SubscriberFilter};
use rundbrief_core::{Language, ListId, SubscriberId, SubscriberStatus};
use rundbrief_i18n::Arg;

use super::confirm::{self, Confirm};
use super::form::{
    date, date_time, described_by, error_summary, failure, field_error, invalid, redirect_saved,
    status_label,
};
use super::guard::{Context, CurrentUser};
use super::lang::AdminLang;
use super::layout::{self, Column, Section, column_heads, t, t_args};
use super::path::Loaded;
use super::{Admin, csrf};
use crate::extract::{Client, FormFields, query_param};

/// Rows per page of the list.
pub const PAGE_SIZE: u32 = 50;
/// Search and filter values longer than this are cut: no address or name is longer.
const MAX_QUERY_CHARS: usize = 200;

/// The search and filters of the list page, as the query string carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Query {
    q: String,
    status: String,
    language: String,
    list: String,
    region: String,
    audience: String,
    after: Option<i64>,
}

impl Query {
    fn parse(raw: Option<&str>) -> Self {
        let mut query = Query::default();
        for (key, value) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
            let value: String = value.trim().chars().take(MAX_QUERY_CHARS).collect();
            match key.as_ref() {
                "q" => query.q = value,
                "status" => query.status = value,
                "language" => query.language = value,
                "list" => query.list = value,
                "region" => query.region = value,
                "audience" => query.audience = value,
                "after" => query.after = value.parse().ok(),
                _ => {}
            }
        }
        query
    }

    /// Values that name nothing (only a hand-edited URL has them) filter nothing.
    fn filter(&self) -> SubscriberFilter {
        let text =
            |v: &str| (!v.is_empty() && !v.chars().any(char::is_control)).then(|| v.to_owned());
        SubscriberFilter {
            status: self.status.parse().ok(),
            language: Language::parse(&self.language).ok(),
            list: self.list.parse().ok().map(ListId),
            region: text(&self.region),
            audience: AUDIENCES.contains(&self.audience.as_str()).then(|| self.audience.clone()),
            search: text(&self.q),
            ..SubscriberFilter::default()
        }
    }

    /// This search and these filters, from the row after `after`.
    fn href(&self, after: Option<i64>) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (key, value) in [
            ("q", &self.q),
            ("status", &self.status),
            ("language", &self.language),
            ("list", &self.list),
            ("region", &self.region),
            ("audience", &self.audience),
        ] {
            if !value.is_empty() {
                out.append_pair(key, value);
            }
        }
        if let Some(after) = after {
            out.append_pair("after", &after.to_string());
        }
        let query = out.finish();
        if query.is_empty() {
            "/admin/subscribers".to_owned()
        } else {
            format!("/admin/subscribers?{query}")
        }
    }
}

/// The subscriber list's filters in a query string (the consent log export takes them too).
pub(super) fn filter_of(raw: Option<&str>) -> SubscriberFilter {
    Query::parse(raw).filter()
}

fn subscriber_path(id: SubscriberId) -> String {
    format!("/admin/subscribers/{}", id.0)
}

fn audience_label(lang: Language, audience: &str) -> String {
    t(lang, &format!("admin-subscriber-audience-{audience}"))
}

/// One filter of the list: a labelled choice among `options` (value and text), "any" first,
/// the one the query names selected.
fn filter_select(
    lang: Language,
    name: &str,
    label_id: &str,
    current: &str,
    options: impl Iterator<Item = (String, String)>,
) -> Markup {
    html! {
        div {
            label for=(name) { (t(lang, label_id)) }
            select id=(name) name=(name) {
                option value="" { (t(lang, "admin-filter-any")) }
                @for (value, text) in options {
                    option value=(value) selected[current == value] { (text) }
                }
            }
        }
    }
}

fn filter_form(
    lang: Language,
    query: &Query,
    lists: &[MailingList],
    settings: &Settings,
) -> Markup {
    let (regions, chain) = (settings.regions.as_slice(), settings.fallback_languages.as_slice());
    html! {
        form.filters method="get" action="/admin/subscribers" role="search"
            aria-label=(t(lang, "admin-subscribers-search-label")) {
            div.wide {
                label for="q" { (t(lang, "admin-subscribers-search")) }
                p.hint #q-hint { (t(lang, "admin-subscribers-search-hint")) }
                input #q type="search" name="q" value=(query.q) maxlength="200" aria-describedby="q-hint";
            }
            (filter_select(lang, "status", "admin-subscriber-status", &query.status,
                SubscriberStatus::ALL.into_iter().map(|status| (status.as_str().to_owned(), status_label(lang, status)))))
            (filter_select(lang, "language", "admin-subscriber-language", &query.language,
                Language::ALL.into_iter().map(|language| (language.code().to_owned(), language.native_name().to_owned()))))
            (filter_select(lang, "list", "admin-subscriber-list", &query.list,
                lists.iter().map(|list| (list.id.0.to_string(), list_name(list, lang, chain).to_owned()))))
            div {
                label for="region" { (t(lang, "admin-subscriber-region")) }
                input #region type="text" name="region" value=(query.region) maxlength="200"
                    list=[(!regions.is_empty()).then_some("regions")];
                (region_options(regions))
            }
            (filter_select(lang, "audience", "admin-subscriber-audience", &query.audience,
                AUDIENCES.into_iter().map(|audience| (audience.to_owned(), audience_label(lang, audience)))))
            div.actions {
                button type="submit" { (t(lang, "admin-filter-submit")) }
                a href="/admin/subscribers" { (t(lang, "admin-filter-reset")) }
            }
        }
    }
}

fn region_options(regions: &[String]) -> Markup {
    html! {
        @if !regions.is_empty() {
            datalist #regions { @for region in regions { option value=(region) {} } }
        }
    }
}

pub(crate) async fn list(
    Context { admin, lang, current }: Context,
    RawQuery(raw): RawQuery,
) -> Response {
    let query = Query::parse(raw.as_deref());
    let app = &admin.web.app;
    let lists = match app.lists().await {
        Ok(lists) => lists,
        Err(error) => return failure(lang, error, "listing lists"),
    };
    let page = match app.find_subscribers(&query.filter(), query.after, PAGE_SIZE).await {
        Ok(page) => page,
        Err(error) => return failure(lang, error, "listing subscribers"),
    };
    let erased = query_param(raw.as_deref(), "erased").is_some();
    let settings = admin.web.app.settings();
    let content = html! {
        @if erased {
            p.notice role="status" { (t(lang, "admin-subscriber-erased-notice")) }
        }
        @if let Some(applied) = query_param(raw.as_deref(), "applied").and_then(|n| n.parse().ok()) {
            p.notice role="status" { (t_args(lang, "admin-bulk-applied", &[("n", Arg::Num(applied)), ("count", Arg::Str(&super::numbers::count(lang, applied)))])) }
        }
        p.actions {
            a #subscriber-new href="/admin/subscribers/new" { (t(lang, "admin-subscriber-new-link")) }
            a #subscriber-import href="/admin/imports" { (t(lang, "admin-import-link")) }
            a #suppressions-link href="/admin/suppressions" { (t(lang, "admin-suppressions-link")) }
        }
        (filter_form(lang, &query, &lists, settings))
        @if page.items.is_empty() {
            p #results { (t(lang, "admin-subscribers-none")) }
        } @else {
            div.table-wrap role="region" aria-label=(t(lang, "admin-nav-subscribers")) tabindex="0" {
                table #results {
                    caption { (t_args(lang, "admin-subscribers-caption", &[("count", Arg::Num(page.items.len() as i64))])) }
                    (column_heads(lang, &[Column::Text("admin-subscriber-email"), Column::Text("admin-subscriber-name"), Column::Text("admin-subscriber-language"), Column::Text("admin-subscriber-status"), Column::Text("admin-subscriber-region"), Column::Text("admin-subscriber-audience"), Column::Text("admin-subscriber-created")]))
                    tbody {
                        @for s in &page.items {
                            tr {
                                td {
                                    a href=(subscriber_path(s.id)) {
                                        @match &s.email {
                                            Some(email) => (email.as_str()),
                                            None => (t_args(lang, "admin-subscriber-anonymous", &[("id", Arg::Num(s.id.0))])),
                                        }
                                    }
                                    (mixed_script_badge(lang, s))
                                }
                                td { (s.name.as_deref().unwrap_or("")) }
                                td lang=(s.language.code()) { (s.language.native_name()) }
                                td { (status_label(lang, s.status)) }
                                td { (s.region.as_deref().unwrap_or("")) }
                                td { @if let Some(a) = &s.audience { (audience_label(lang, a)) } }
                                td { (date(s.created_at)) }
                            }
                        }
                    }
                }
            }
        }
        (super::subscriber_bulk::form(lang, raw.as_deref(), &lists, settings.fallback_languages.as_slice()))
        p { a #subscriber-export href=(query.href(None).replacen("/admin/subscribers", "/admin/subscribers.csv", 1)) download { (t(lang, "admin-subscriber-export-filtered")) } }
        p { a #consent-export href=(query.href(None).replacen("/admin/subscribers", "/admin/consent-log.csv", 1)) download { (t(lang, "admin-consent-export-filtered")) } }
        nav.pager aria-label=(t(lang, "admin-pager-label")) {
            @if query.after.is_some() {
                a href=(query.href(None)) { (t(lang, "admin-pager-first")) }
            }
            @if let Some(next) = page.next {
                a href=(query.href(Some(next))) rel="next" { (t(lang, "admin-pager-next")) }
            }
        }
    };
    let title = t(lang, "admin-subscribers-title");
    layout::respond(
        lang,
        StatusCode::OK,
        layout::page(lang, &title, Some(&current), Section::Subscribers, content),
    )
}

fn display_name(lang: Language, s: &Subscriber) -> String {
    match &s.email {
        Some(email) => email.as_str().to_owned(),
        None => t_args(lang, "admin-subscriber-anonymous", &[("id", Arg::Num(s.id.0))]),
    }
}

/// Whether the address mixes Latin with Greek or Cyrillic look-alikes (`аnna@` with a
/// Cyrillic `а`): such an address can pass for another subscriber's.
fn mixes_scripts(s: &Subscriber) -> bool {
    s.email.as_ref().is_some_and(|email| email.mixed_script())
}

/// The short warning next to an address that mixes scripts; its title explains.
fn mixed_script_badge(lang: Language, s: &Subscriber) -> Markup {
    html! {
        @if mixes_scripts(s) {
            " "
            strong.error.mixed-script title=(t(lang, "admin-subscriber-mixed-script-warning")) {
                "⚠ " (t(lang, "admin-subscriber-mixed-script"))
            }
        }
    }
}

fn consent_action(lang: Language, event: &ConsentEvent) -> String {
    t(lang, &format!("admin-consent-{}", event.action.as_str()))
}

fn facts(lang: Language, s: &Subscriber) -> Markup {
    let none = t(lang, "admin-value-none");
    let or_none = |v: Option<&str>| v.map(str::to_owned).unwrap_or_else(|| none.clone());
    html! {
        dl.facts {
            dt { (t(lang, "admin-subscriber-email")) }
            dd { (or_none(s.email.as_ref().map(|e| e.as_str()))) (mixed_script_badge(lang, s)) }
            dt { (t(lang, "admin-subscriber-name")) }
            dd { (or_none(s.name.as_deref())) }
            dt { (t(lang, "admin-subscriber-language")) }
            dd lang=(s.language.code()) { (s.language.native_name()) }
            dt { (t(lang, "admin-subscriber-status")) }
            dd { (status_label(lang, s.status)) }
            dt { (t(lang, "admin-subscriber-region")) }
            dd { (or_none(s.region.as_deref())) }
            dt { (t(lang, "admin-subscriber-audience")) }
            dd { (s.audience.as_deref().map(|a| audience_label(lang, a)).unwrap_or_else(|| none.clone())) }
            dt { (t(lang, "admin-subscriber-created")) }
            dd { (date_time(s.created_at)) }
            dt { (t(lang, "admin-subscriber-confirmed")) }
            dd { (s.confirmed_at.map(date_time).unwrap_or_else(|| none.clone())) }
            dt { (t(lang, "admin-subscriber-unsubscribed")) }
            dd { (s.unsubscribed_at.map(date_time).unwrap_or_else(|| none.clone())) }
        }
    }
}

fn consent_table(lang: Language, events: &[ConsentEvent]) -> Markup {
    let none = t(lang, "admin-value-none");
    html! {
        @if events.is_empty() {
            p { (t(lang, "admin-consent-empty")) }
        } @else {
            div.table-wrap role="region" aria-label=(t(lang, "admin-consent-caption")) tabindex="0" {
                table #consent {
                    caption { (t(lang, "admin-consent-caption")) }
                    (column_heads(lang, &[Column::Text("admin-consent-time"), Column::Text("admin-consent-action"), Column::Text("admin-consent-text-version"), Column::Text("admin-consent-language"), Column::Text("admin-consent-ip"), Column::Text("admin-consent-user-agent")]))
                    tbody {
                        @for event in events {
                            tr {
                                td { (date_time(event.created_at)) }
                                td { (consent_action(lang, event)) }
                                td { (super::consent::version_cell(event)) }
                                td { (event.language.map(|l| l.native_name()).unwrap_or("")) }
                                td { (event.ip.clone().unwrap_or_else(|| none.clone())) }
                                td.wrap { (event.user_agent.clone().unwrap_or_else(|| none.clone())) }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub(crate) async fn detail(
    Context { admin, lang, current }: Context,
    Loaded(subscriber): Loaded<Subscriber>,
    RawQuery(query): RawQuery,
) -> Response {
    let app = &admin.web.app;
    let loaded = async {
        let events = app.consent_history(subscriber.id).await?;
        let subscribed = app.subscriptions(subscriber.id).await?;
        let lists = app.lists().await?;
        let bounces = app.bounces_of(subscriber.id).await?;
        Ok::<_, AppError>((events, subscribed, lists, bounces))
    }
    .await;
    let (events, subscribed, lists, bounces) = match loaded {
        Ok(found) => found,
        Err(error) => return failure(lang, error, "loading a subscriber's details"),
    };
    let chain = app.settings().fallback_languages.as_slice();
    let saved = query_param(query.as_deref(), "saved").is_some();
    let erased = subscriber.status == SubscriberStatus::Erased;
    let path = subscriber_path(subscriber.id);
    let content = html! {
        @if saved {
            p.notice role="status" { (t(lang, "admin-subscriber-saved")) }
        }
        p { a href="/admin/subscribers" { (t(lang, "admin-subscribers-back")) } }
        @if current.user.role.can_edit() && !erased {
            p.actions {
                a.button href={ (path) "/edit" } { (t(lang, "admin-subscriber-edit")) }
                a.button.danger href={ (path) "/erase" } { (t(lang, "admin-subscriber-erase")) }
            }
        }
        h2 #profile { (t(lang, "admin-subscriber-profile")) }
        @if mixes_scripts(&subscriber) {
            p.alert #mixed-script-warning role="note" { (t(lang, "admin-subscriber-mixed-script-warning")) }
        }
        (facts(lang, &subscriber))
        h2 #lists { (t(lang, "admin-subscriber-lists")) }
        @if subscribed.is_empty() {
            p { (t(lang, "admin-subscriber-no-lists")) }
        } @else {
            ul {
                @for list in lists.iter().filter(|l| subscribed.contains(&l.id)) {
                    li { a href={ "/admin/lists/" (list.id.0) } { (list_name(list, lang, chain)) } }
                }
            }
        }
        (super::bounces::subscriber_section(lang, &bounces))
        h2 #history { (t(lang, "admin-consent-title")) }
        p.hint { (t(lang, "admin-consent-hint")) }
        (consent_table(lang, &events))
        p { a href={ (path) "/consent.csv" } download { (t(lang, "admin-consent-export-one")) } }
    };
    let title = t_args(
        lang,
        "admin-subscriber-title",
        &[("subscriber", Arg::Str(&display_name(lang, &subscriber)))],
    );
    layout::respond(
        lang,
        StatusCode::OK,
        layout::page(lang, &title, Some(&current), Section::Subscribers, content),
    )
}

/// What the edit form shows: the stored values, or what was sent back with errors.
struct EditView<'a> {
    subscriber: &'a Subscriber,
    name: String,
    language: String,
    region: String,
    audience: String,
    lists: Vec<String>,
    status: String,
    consent_elsewhere: bool,
    errors: Vec<FieldError>,
    conflict: bool,
}

impl<'a> EditView<'a> {
    fn stored(subscriber: &'a Subscriber, subscribed: &[ListId]) -> Self {
        Self {
            subscriber,
            name: subscriber.name.clone().unwrap_or_default(),
            language: subscriber.language.code().to_owned(),
            region: subscriber.region.clone().unwrap_or_default(),
            audience: subscriber.audience.clone().unwrap_or_default(),
            lists: subscribed.iter().map(|l| l.0.to_string()).collect(),
            status: subscriber.status.as_str().to_owned(),
            consent_elsewhere: false,
            errors: Vec::new(),
            conflict: false,
        }
    }
}

const EDIT_FIELDS: &[(&str, &str)] =
    &[("lists", "lists-first"), ("consent_elsewhere", "consent_elsewhere")];

fn edit_page(
    lang: Language,
    current: &CurrentUser,
    view: &EditView<'_>,
    lists: &[MailingList],
    settings: &Settings,
) -> Markup {
    let (regions, chain) = (settings.regions.as_slice(), settings.fallback_languages.as_slice());
    let s = view.subscriber;
    let errors = view.errors.as_slice();
    let can_edit = current.user.role.can_edit();
    let path = subscriber_path(s.id);
    let targets = editor_status_targets(s.status);
    let content = html! {
        p { a href=(path) { (t(lang, "admin-subscriber-back")) } }
        @if !can_edit {
            p.notice role="status" { (t(lang, "admin-read-only-notice")) }
        }
        @if view.conflict {
            div.alert role="alert" { p { (t(lang, "admin-subscriber-conflict")) } }
        }
        (error_summary(lang, errors, EDIT_FIELDS))
        form method="post" action={ (path) "/edit" } novalidate {
            (csrf::hidden(&current.csrf))
            fieldset.plain disabled[!can_edit] {
                label for="name" { (t(lang, "admin-subscriber-name")) }
                input #name type="text" name="name" value=(view.name) maxlength="200" autocomplete="off"
                    aria-invalid=[invalid(errors, "name")] aria-describedby=[described_by(errors, "name", None)];
                (field_error(lang, errors, "name"))

                label for="language" { (t(lang, "admin-subscriber-language")) }
                select #language name="language" aria-invalid=[invalid(errors, "language")]
                    aria-describedby=[described_by(errors, "language", None)] {
                    @for language in Language::ALL {
                        option value=(language.code()) selected[view.language == language.code()] { (language.native_name()) }
                    }
                }
                (field_error(lang, errors, "language"))

                label for="region" { (t(lang, "admin-subscriber-region")) }
                input #region type="text" name="region" value=(view.region) maxlength="200"
                    list=[(!regions.is_empty()).then_some("regions")]
                    aria-invalid=[invalid(errors, "region")] aria-describedby=[described_by(errors, "region", None)];
                (region_options(regions))
                (field_error(lang, errors, "region"))

                label for="audience" { (t(lang, "admin-subscriber-audience")) }
                select #audience name="audience" aria-invalid=[invalid(errors, "audience")]
                    aria-describedby=[described_by(errors, "audience", None)] {
                    option value="" { (t(lang, "admin-value-none")) }
                    @for audience in AUDIENCES {
                        option value=(audience) selected[view.audience == audience] { (audience_label(lang, audience)) }
                    }
                }
                (field_error(lang, errors, "audience"))

                fieldset #lists aria-describedby=[described_by(errors, "lists", None)] {
                    legend { (t(lang, "admin-subscriber-lists")) }
                    @if lists.is_empty() {
                        p.hint { (t(lang, "admin-lists-none")) }
                    }
                    @for (i, list) in lists.iter().enumerate() {
                        @let id = list.id.0.to_string();
                        @let field_id = if i == 0 { "lists-first".to_owned() } else { format!("list-{id}") };
                        label.check for=(field_id) {
                            input #(field_id) type="checkbox" name="lists" value=(id) checked[view.lists.contains(&id)];
                            span { (list_name(list, lang, chain)) @if !list.public { " " small { "(" (t(lang, "admin-list-internal")) ")" } } }
                        }
                    }
                    (field_error(lang, errors, "lists"))
                }

                label for="status" { (t(lang, "admin-subscriber-status")) }
                p.hint #status-hint { (t(lang, "admin-subscriber-status-hint")) }
                select #status name="status" aria-invalid=[invalid(errors, "status")]
                    aria-describedby=[described_by(errors, "status", Some("status-hint"))] {
                    option value=(s.status.as_str()) selected[view.status == s.status.as_str()] {
                        (t_args(lang, "admin-subscriber-status-keep", &[("status", Arg::Str(&status_label(lang, s.status)))]))
                    }
                    @for target in &targets {
                        option value=(target.as_str()) selected[view.status == target.as_str()] { (status_label(lang, *target)) }
                    }
                }
                (field_error(lang, errors, "status"))
                @if targets.contains(&SubscriberStatus::Active) {
                    label.check for="consent_elsewhere" {
                        input #consent_elsewhere type="checkbox" name="consent_elsewhere" value="yes"
                            checked[view.consent_elsewhere] aria-invalid=[invalid(errors, "consent_elsewhere")]
                            aria-describedby=[described_by(errors, "consent_elsewhere", None)];
                        span { (t(lang, "admin-subscriber-consent-elsewhere")) }
                    }
                    (field_error(lang, errors, "consent_elsewhere"))
                }
                div.actions {
                    button type="submit" { (t(lang, "admin-save")) }
                    a href=(path) { (t(lang, "admin-cancel")) }
                }
            }
        }
    };
    let title = t_args(
        lang,
        "admin-subscriber-edit-title",
        &[("subscriber", Arg::Str(&display_name(lang, s)))],
    );
    layout::page(lang, &title, Some(current), Section::Subscribers, content)
}

/// The subscriber of the path while there is something to change: an erased one has nothing
/// left to edit or erase, so the request goes back to what remains.
pub(crate) struct Editable(Subscriber);

impl FromRequestParts<Admin> for Editable {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, admin: &Admin) -> Result<Self, Response> {
        let Loaded(subscriber) = Loaded::<Subscriber>::from_request_parts(parts, admin).await?;
        if subscriber.status == SubscriberStatus::Erased {
            return Err(Redirect::to(&subscriber_path(subscriber.id)).into_response());
        }
        Ok(Self(subscriber))
    }
}

pub(crate) async fn edit_form(
    Context { admin, lang, current }: Context,
    Editable(subscriber): Editable,
) -> Response {
    let app = &admin.web.app;
    let (subscribed, lists) = match (app.subscriptions(subscriber.id).await, app.lists().await) {
        (Ok(s), Ok(l)) => (s, l),
        (Err(error), _) | (_, Err(error)) => {
            return failure(lang, error, "loading a subscriber to edit");
        }
    };
    let view = EditView::stored(&subscriber, &subscribed);
    let settings = admin.web.app.settings();
    let markup = edit_page(lang, &current, &view, &lists, settings);
    layout::respond(lang, StatusCode::OK, markup)
}

pub(crate) async fn edit_submit(
    Context { admin, lang, current }: Context,
    client: Client,
    Editable(subscriber): Editable,
    fields: FormFields,
) -> Response {
    let edit = SubscriberEdit {
        name: fields.get("name"),
        language: fields.get("language"),
        region: fields.get("region"),
        audience: fields.get("audience"),
        lists: fields.all("lists"),
        status: fields.get("status"),
        consent_elsewhere: !fields.get("consent_elsewhere").is_empty(),
        meta: RequestMeta { ip: client.meta.ip, user_agent: client.meta.user_agent },
    };
    let mut view = EditView {
        subscriber: &subscriber,
        name: edit.name.clone(),
        language: edit.language.clone(),
        region: edit.region.clone(),
        audience: edit.audience.clone(),
        lists: edit.lists.clone(),
        status: edit.status.clone(),
        consent_elsewhere: edit.consent_elsewhere,
        errors: Vec::new(),
        conflict: false,
    };
    let status = match admin.web.app.edit_subscriber(current.actor(), subscriber.id, edit).await {
        Ok(saved) => {
            tracing::info!(subscriber = %saved.id, user = %current.user.id, "subscriber saved");
            return redirect_saved(&subscriber_path(saved.id));
        }
        Err(AppError::Invalid(errors)) => {
            view.errors = errors;
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AppError::Conflict(_)) => {
            view.conflict = true;
            StatusCode::CONFLICT
        }
        Err(error) => return failure(lang, error, "saving a subscriber"),
    };
    let lists = match admin.web.app.lists().await {
        Ok(lists) => lists,
        Err(error) => return failure(lang, error, "listing lists"),
    };
    let settings = admin.web.app.settings();
    layout::respond(lang, status, edit_page(lang, &current, &view, &lists, settings))
}

pub(crate) async fn erase_form(
    AdminLang { lang, .. }: AdminLang,
    current: CurrentUser,
    Editable(subscriber): Editable,
) -> Response {
    let path = subscriber_path(subscriber.id);
    let who = display_name(lang, &subscriber);
    let confirm = Confirm {
        title: t_args(lang, "admin-erase-title", &[("subscriber", Arg::Str(&who))]),
        section: Section::Subscribers,
        explanation: html! {
            p { (t_args(lang, "admin-erase-intro", &[("subscriber", Arg::Str(&who))])) }
            ul {
                li { (t(lang, "admin-erase-point-data")) }
                li { (t(lang, "admin-erase-point-suppressed")) }
                li { (t(lang, "admin-erase-point-history")) }
                li { (t(lang, "admin-erase-point-final")) }
            }
        },
        action: format!("{path}/erase"),
        submit_id: "admin-erase-submit",
        back: &path,
    };
    confirm::page(lang, &current, confirm)
}

pub(crate) async fn erase_submit(
    Context { admin, lang, current }: Context,
    client: Client,
    Loaded(subscriber): Loaded<Subscriber>,
) -> Response {
    let erased = admin.web.app.erase(current.actor(), subscriber.id, client.meta).await.inspect(|()| {
        tracing::info!(subscriber = %subscriber.id, user = %current.user.id, "subscriber erased in the editor UI");
    });
    confirm::done(lang, erased, "erasing a subscriber", "/admin/subscribers?erased=1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_survive_paging_and_junk_filters_nothing() {
        let query =
            Query::parse(Some("q=m%C3%BCller&status=active&language=pl&list=3&after=40&x=1"));
        assert_eq!(query.after, Some(40));
        let filter = query.filter();
        assert_eq!(filter.search.as_deref(), Some("müller"));
        assert_eq!(filter.status, Some(SubscriberStatus::Active));
        assert_eq!(filter.language, Some(Language::Pl));
        assert_eq!(filter.list, Some(ListId(3)));
        assert_eq!(
            query.href(Some(90)),
            "/admin/subscribers?q=m%C3%BCller&status=active&language=pl&list=3&after=90"
        );
        assert_eq!(Query::default().href(None), "/admin/subscribers");

        let junk = Query::parse(Some("status=deleted&language=xx&list=abc&audience=admin"));
        assert_eq!(junk.filter(), SubscriberFilter::default());
    }

    fn stored(email: &str) -> Subscriber {
        Subscriber {
            id: SubscriberId(7),
            email: Some(rundbrief_core::EmailAddress::parse(email).expect("stored address")),
            name: None,
            language: Language::De,
            status: SubscriberStatus::Active,
            region: None,
            audience: None,
            attributes: serde_json::Map::new(),
            created_at: time::OffsetDateTime::UNIX_EPOCH,
            confirmed_at: None,
            unsubscribed_at: None,
        }
    }

    #[test]
    fn addresses_mixing_scripts_carry_a_warning() {
        // A Cyrillic а in the local part (an older row) and in a domain label.
        for email in ["\u{430}nna@example.org", "anna@\u{430}pple.example"] {
            let s = stored(email);
            let badge = mixed_script_badge(Language::En, &s).into_string();
            assert!(badge.contains("Mixed scripts"), "{email}: {badge}");
            assert!(badge.contains("title=\"This address mixes Latin letters"), "{badge}");
            let facts = facts(Language::De, &s).into_string();
            assert!(facts.contains("Gemischte Schriften"), "{facts}");
        }
        for email in ["anna@example.org", "\u{430}\u{43d}\u{43d}\u{430}@example.org"] {
            let s = stored(email);
            assert_eq!(mixed_script_badge(Language::En, &s).into_string(), "", "{email}");
            assert!(!facts(Language::En, &s).into_string().contains("Mixed scripts"));
        }
        let erased = Subscriber { email: None, ..stored("anna@example.org") };
        assert_eq!(mixed_script_badge(Language::De, &erased).into_string(), "");
    }
}
