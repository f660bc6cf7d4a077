//! The composer: one tab per language, the issue's fields, saving and deleting variants.

use super::*;

/// What the composer shows besides the stored issue: a failed form, and notices.
#[derive(Default)]
pub(super) struct ComposeState {
    pub(super) tab: Option<Language>,
    /// The submitted variant that failed, to show again with its errors.
    pub(super) variant_form: Option<VariantInput>,
    pub(super) variant_errors: Vec<FieldError>,
    pub(super) issue_form: Option<IssueForm>,
    pub(super) issue_errors: Vec<FieldError>,
    pub(super) notice: Option<String>,
    /// The zone schedules are typed and shown in.
    pub(super) zone: crate::TimeZone,
    /// Each variant's revision and whether it is stale, for the matrix.
    pub(super) revisions: Vec<VariantState>,
    /// The issue is offered as a template for new issues.
    pub(super) template: bool,
    /// The issue is the welcome mail: no sending, copying or template here.
    pub(super) welcome: bool,
    /// A machine translation service is configured (the "draft with machine translation"
    /// button).
    pub(super) machine_translation: bool,
}

pub(super) fn notice_text(lang: Language, query: Option<&str>) -> Option<String> {
    let done = query_param(query, "done")?;
    let id = match done.as_str() {
        "variant" => "admin-notice-variant-saved",
        "issue" => "admin-notice-issue-saved",
        "test" => "admin-notice-test-sent",
        "test-saved" => "admin-notice-test-saved",
        "schedule" => "admin-notice-scheduled",
        "deleted" => "admin-notice-variant-deleted",
        "copied" => "admin-notice-issue-copied",
        "template" => "admin-notice-issue-template",
        "machine" => "admin-notice-machine-draft",
        _ => return None,
    };
    let used = query_param(query, "variant")
        .and_then(|v| Language::parse(&v).ok())
        .map(Language::native_name)
        .unwrap_or_default();
    Some(t_args(lang, id, &[("used", Arg::Str(used))]))
}

pub(crate) async fn compose(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<IssueId>,
    RawQuery(query): RawQuery,
) -> Response {
    let state = ComposeState {
        tab: query_param(query.as_deref(), "tab").and_then(|v| Language::parse(&v).ok()),
        notice: notice_text(lang, query.as_deref()),
        ..ComposeState::default()
    };
    compose_response(&admin, lang, &current, id, state, StatusCode::OK).await
}

pub(super) async fn compose_response(
    admin: &Admin,
    lang: Language,
    current: &CurrentUser,
    id: IssueId,
    mut state: ComposeState,
    status: StatusCode,
) -> Response {
    state.zone = admin.web.time_zone.clone();
    let (issue, variants, audience, revisions) = match issue_and_audience(admin, lang, id).await {
        Ok(found) => found,
        Err(page) => return page,
    };
    state.revisions = revisions;
    state.machine_translation = admin.web.app.machine_translation_available();
    state.template = match admin.web.app.is_issue_template(id).await {
        Ok(template) => template,
        Err(error) => return app_failure(lang, error),
    };
    state.welcome = match admin.web.app.is_welcome_issue(id).await {
        Ok(welcome) => welcome,
        Err(error) => return app_failure(lang, error),
    };
    let lists = match lists_of(admin, lang).await {
        Ok(lists) => lists,
        Err(error) => return app_failure(lang, error),
    };
    let markup = compose_page(lang, current, &issue, &variants, &audience, &lists, &state);
    respond(lang, status, markup)
}

pub(super) fn compose_page(
    lang: Language,
    current: &CurrentUser,
    issue: &Issue,
    variants: &[Variant],
    audience: &Audience,
    lists: &[ListChoice],
    state: &ComposeState,
) -> Markup {
    let id = issue.id.0;
    let editable = rundbrief_app::issues::is_editable(issue.status) && current.user.role.can_edit();
    let tab = state.tab.unwrap_or_else(|| {
        variants.first().map(|v| v.language).map_or(issue.base_language, |first| {
            if variants.iter().any(|v| v.language == issue.base_language) {
                issue.base_language
            } else {
                first
            }
        })
    });
    // A translator edits the variants of their languages only (the guard refuses the others).
    let variant_editable =
        rundbrief_app::issues::is_editable(issue.status) && current.user.may_edit_variant(tab);
    let stored = variants.iter().find(|v| v.language == tab);
    let shown = state.variant_form.clone().or_else(|| {
        stored.map(|v| VariantInput {
            subject: v.subject.clone(),
            preheader: v.preheader.clone(),
            body_markdown: v.body_markdown.clone(),
            ready: v.ready,
        })
    });
    let mut tabs: Vec<Language> = variants.iter().map(|v| v.language).collect();
    if !tabs.contains(&tab) {
        tabs.push(tab);
    }
    let others: Vec<Language> = Language::ALL.into_iter().filter(|l| !tabs.contains(l)).collect();
    let issue_form = state.issue_form.clone().unwrap_or_else(|| IssueForm::from_issue(issue));
    let errors: Vec<FieldError> =
        state.variant_errors.iter().chain(&state.issue_errors).cloned().collect();
    let frame = format!("preview-{}", tab.code());
    let variant_action = format!("/admin/issues/{id}/variants/{}", tab.code());
    let ready_langs: Vec<Language> = audience.ready.clone();

    let content = html! {
        (error_summary(lang, &errors))
        @if let Some(notice) = &state.notice {
            p.notice role="status" { (notice) }
        }
        @if state.welcome {
            (super::welcome::composer_notice(lang))
        }
        p.actions {
            span { (t(lang, "admin-issue-column-status")) ": " (status_badge(lang, issue.status)) }
            @if let Some(at) = issue.scheduled_at.filter(|_| issue.status == IssueStatus::Scheduled) {
                span { (t(lang, "admin-issue-scheduled-for")) " " (state.zone.show(at)) }
            }
            @if !matches!(issue.status, IssueStatus::Draft | IssueStatus::Scheduled) {
                a href={ "/admin/issues/" (id) "/progress" } { (t(lang, "admin-issue-progress-link")) }
            }
            @if !state.welcome {
                (copy_button(lang, current, issue.id))
                (template_toggle(lang, current, issue.id, state.template))
            }
        }

        section.section aria-labelledby="matrix-title" {
            h2 #matrix-title { (t(lang, "admin-matrix-title")) }
            (matrix(lang, issue.id, variants, audience, &state.revisions))
        }

        section.section #variant aria-labelledby="variants-title" {
            h2 #variants-title { (t(lang, "admin-variants-title")) }
            nav aria-label=(t(lang, "admin-variants-tabs-label")) {
                ul.tabs {
                    @for l in &tabs {
                        @let state_id = match variants.iter().find(|v| v.language == *l) {
                            Some(v) if v.ready => "admin-variant-ready",
                            Some(_) => "admin-variant-draft",
                            None => "admin-variant-missing",
                        };
                        li { a href={ "/admin/issues/" (id) "?tab=" (l.code()) "#variant" }
                            aria-current=[(*l == tab).then_some("page")] lang=(l.code()) {
                            (l.native_name()) " "
                            span.hint lang=(lang.code()) { "(" (t(lang, state_id)) ")" }
                        } }
                    }
                }
            }
            @if editable && !others.is_empty() {
                form.actions method="get" action={ "/admin/issues/" (id) } {
                    label for="add-language" { (t(lang, "admin-variant-add-label")) }
                    select #add-language name="tab" style="width:auto" {
                        @for l in &others { option value=(l.code()) { (l.native_name()) " (" (l.code()) ")" } }
                    }
                    button.secondary type="submit" style="margin-top:0" { (t(lang, "admin-variant-add")) }
                }
            }
            div.compose {
                div {
                    h3 lang=(lang.code()) { (t_args(lang, "admin-variant-heading", &[("requested", Arg::Str(tab.native_name()))])) }
                    @if variant_editable {
                        form #variant-form method="post" action=(variant_action) data-live-preview novalidate {
                            (csrf::hidden(&current.csrf))
                            input type="hidden" name="tab" value=(tab.code());
                            @let v = shown.clone().unwrap_or(VariantInput { subject: String::new(), preheader: String::new(), body_markdown: String::new(), ready: false });
                            label for="subject" { (t(lang, "admin-variant-subject")) }
                            input #subject type="text" name="subject" value=(v.subject) lang=(tab.code())
                                maxlength="300" aria-invalid=[invalid_attr(&state.variant_errors, "subject")]
                                aria-describedby=[described(&state.variant_errors, "subject", None, "subject-error")];
                            (field_errors(lang, &state.variant_errors, "subject", "subject-error"))
                            label for="preheader" { (t(lang, "admin-variant-preheader")) }
                            p.hint id="preheader-hint" { (t(lang, "admin-variant-preheader-hint")) }
                            input #preheader type="text" name="preheader" value=(v.preheader) lang=(tab.code())
                                maxlength="300" aria-describedby=[described(&state.variant_errors, "preheader", Some("preheader-hint"), "preheader-error")]
                                aria-invalid=[invalid_attr(&state.variant_errors, "preheader")];
                            (field_errors(lang, &state.variant_errors, "preheader", "preheader-error"))
                            label for="body_markdown" { (t(lang, "admin-variant-body")) }
                            p.hint id="body-hint" { (t(lang, "admin-variant-body-hint")) " " code { "{{ name }}" } }
                            p.hint { a href="/admin/media" target="_blank" rel="noopener" { (t(lang, "admin-media-link")) } }
                            textarea #body_markdown name="body_markdown" lang=(tab.code()) aria-describedby=[described(&state.variant_errors, "body_markdown", Some("body-hint"), "body-error")]
                                aria-invalid=[invalid_attr(&state.variant_errors, "body_markdown")] { (v.body_markdown) }
                            (field_errors(lang, &state.variant_errors, "body_markdown", "body-error"))
                            label.check {
                                input #ready type="checkbox" name="ready" value="1" role="switch" checked[v.ready];
                                (t(lang, "admin-variant-ready-switch"))
                            }
                            p.hint { (t(lang, "admin-variant-ready-hint")) }
                            div.actions {
                                button type="submit" { (t(lang, "admin-variant-save")) }
                                button.secondary type="submit" data-preview-button
                                    formaction={ (variant_action) "/preview" } formtarget=(frame) formnovalidate {
                                    (t(lang, "admin-variant-preview-draft"))
                                }
                            }
                        }
                        @if state.machine_translation && tab != issue.base_language {
                            form method="post" action={ (variant_action) "/machine-draft" } {
                                (csrf::hidden(&current.csrf))
                                button.secondary type="submit" { (t(lang, "admin-variant-machine-draft")) }
                                p.hint { (t(lang, "admin-variant-machine-draft-hint")) }
                            }
                        }
                        @if stored.is_some() && editable {
                            form method="post" action={ (variant_action) "/delete" } {
                                (csrf::hidden(&current.csrf))
                                button.danger type="submit" { (t_args(lang, "admin-variant-delete", &[("requested", Arg::Str(tab.native_name()))])) }
                            }
                        }
                    } @else if let Some(v) = &shown {
                        dl {
                            dt { (t(lang, "admin-variant-subject")) } dd lang=(tab.code()) { (v.subject) }
                            dt { (t(lang, "admin-variant-preheader")) } dd lang=(tab.code()) { (v.preheader) }
                        }
                        pre lang=(tab.code()) style="white-space:pre-wrap" { (v.body_markdown) }
                    } @else {
                        p { (t(lang, "admin-variant-none")) }
                    }
                }
                div {
                    h3 #preview-title { (t(lang, "admin-preview-title")) }
                    @if let Some(v) = &shown {
                        (crate::admin::media::alt_warning(lang, &v.body_markdown, "preview-alt-warning"))
                    }
                    @let src = if stored.is_some() {
                        format!("/admin/issues/{id}/preview/{}?format=html", tab.code())
                    } else {
                        "about:blank".to_owned()
                    };
                    iframe.preview name=(frame) id="preview-frame" src=(src) sandbox=""
                        title=(t_args(lang, "admin-preview-frame-title", &[("requested", Arg::Str(tab.native_name()))])) {}
                    @if stored.is_some() {
                        p {
                            a href={ "/admin/issues/" (id) "/preview/" (tab.code()) "?format=html" } target="_blank" rel="noopener" { (t(lang, "admin-preview-open-html")) }
                            " · "
                            a href={ "/admin/issues/" (id) "/preview/" (tab.code()) "?format=text" } target="_blank" rel="noopener" { (t(lang, "admin-preview-open-text")) }
                        }
                    }
                }
            }
        }

        @if current.user.role.can_edit() && !state.welcome && matches!(issue.status, IssueStatus::Draft | IssueStatus::Scheduled) {
            section.section aria-labelledby="send-title" {
                h2 #send-title { (t(lang, "admin-send-section")) }
                @if ready_langs.is_empty() {
                    p { (t(lang, "admin-send-none-ready")) }
                } @else if audience.total == 0 {
                    p #no-recipients { (t(lang, "admin-send-no-recipients")) }
                } @else {
                    p { a.button href={ "/admin/issues/" (id) "/send" } { (t(lang, "admin-send-now")) } }
                }
                h3 { (t(lang, "admin-test-title")) }
                // Part of the variant form (`form=`): the test sends the variant as it stands
                // on the screen, saved first, and works without script.
                div #test-form {
                    p.hint #test-hint { (t(lang, "admin-test-hint")) }
                    label for="test-to" { (t(lang, "admin-test-to")) }
                    input #test-to form="variant-form" type="email" name="to" value=(current.user.email.as_str()) required autocomplete="email" aria-describedby="test-hint";
                    label for="test-language" { (t(lang, "admin-test-language")) }
                    select #test-language form="variant-form" name="language" {
                        @for l in Language::ALL { option value=(l.code()) selected[l == tab] { (l.native_name()) " (" (l.code()) ")" } }
                    }
                    button.secondary #test-submit type="submit" form="variant-form" formaction={ "/admin/issues/" (id) "/test" } {
                        (t(lang, "admin-test-submit"))
                    }
                }
                h3 { (t(lang, "admin-schedule-title")) }
                form method="post" action={ "/admin/issues/" (id) "/schedule" } {
                    (csrf::hidden(&current.csrf))
                    label for="schedule-at" { (t(lang, "admin-schedule-at")) }
                    p.hint #schedule-zone { (t_args(lang, "admin-schedule-zone", &[("zone", Arg::Str(state.zone.name()))])) }
                    @let planned = issue.scheduled_at.filter(|_| issue.status == IssueStatus::Scheduled);
                    input #schedule-at type="datetime-local" name="at" required aria-describedby="schedule-zone"
                        value=[planned.map(|at| state.zone.input_value(at))];
                    button.secondary type="submit" { (t(lang, "admin-schedule-submit")) }
                }
                @if issue.status == IssueStatus::Scheduled || issue.status == IssueStatus::Draft {
                    form method="post" action={ "/admin/issues/" (id) "/cancel" } {
                        (csrf::hidden(&current.csrf))
                        button.danger type="submit" { (t(lang, "admin-progress-cancel")) }
                    }
                }
            }
        }

        section.section aria-labelledby="settings-title" {
            h2 #settings-title { (t(lang, "admin-issue-settings")) }
            @if editable {
                form method="post" action={ "/admin/issues/" (id) } novalidate {
                    (csrf::hidden(&current.csrf))
                    (issue_fields(lang, &issue_form, lists, &state.issue_errors))
                    button type="submit" { (t(lang, "admin-issue-save")) }
                }
            } @else {
                p { (t(lang, "admin-issue-locked")) }
            }
        }
    };
    issues_page(lang, &issue.title, current, content)
}

pub(crate) async fn update(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<IssueId>,
    fields: FormFields,
) -> Response {
    let mut errors = Vec::new();
    let form = IssueForm::parse(&fields, &mut errors);
    if errors.is_empty() {
        let changes = IssueChanges {
            title: Some(form.title.clone()),
            base_language: form.base_language,
            segment: Some(form.segment_input()),
        };
        match admin.web.app.update_issue(current.actor(), id, changes).await {
            Ok(_) => {
                return Redirect::to(&format!("/admin/issues/{}?done=issue", id.0)).into_response();
            }
            Err(AppError::Invalid(problems)) => errors = problems,
            Err(error) => return app_failure(lang, error),
        }
    }
    let state =
        ComposeState { issue_form: Some(form), issue_errors: errors, ..ComposeState::default() };
    compose_response(&admin, lang, &current, id, state, StatusCode::UNPROCESSABLE_ENTITY).await
}

pub(super) fn variant_input(fields: &FormFields) -> VariantInput {
    VariantInput {
        subject: fields.get("subject"),
        preheader: fields.get("preheader"),
        body_markdown: fields.get("body_markdown"),
        ready: !fields.get("ready").is_empty(),
    }
}

pub(crate) async fn save_variant(
    Context { admin, lang, current }: Context,
    VariantPath(id, language): VariantPath,
    fields: FormFields,
) -> Response {
    let input = variant_input(&fields);
    let author = RevisionAuthor { user: Some(current.user.id), token: None };
    match admin.web.app.save_variant(id, language, input.clone(), author, None).await {
        Ok(_) => Redirect::to(&format!(
            "/admin/issues/{}?tab={}&done=variant#variant",
            id.0,
            language.code()
        ))
        .into_response(),
        Err(AppError::Invalid(problems)) => {
            let state = ComposeState {
                tab: Some(language),
                variant_form: Some(input),
                variant_errors: problems,
                ..ComposeState::default()
            };
            compose_response(&admin, lang, &current, id, state, StatusCode::UNPROCESSABLE_ENTITY)
                .await
        }
        Err(error) => app_failure(lang, error),
    }
}

/// Fills the variant from the base text by machine translation, as a draft (issue 21).
pub(crate) async fn machine_draft(
    Context { admin, lang, current }: Context,
    VariantPath(id, language): VariantPath,
) -> Response {
    let author = RevisionAuthor { user: Some(current.user.id), token: None };
    match admin.web.app.machine_draft(id, language, author).await {
        Ok(_) => Redirect::to(&format!(
            "/admin/issues/{}?tab={}&done=machine#variant",
            id.0,
            language.code()
        ))
        .into_response(),
        Err(error) => campaign_failure(lang, error),
    }
}

pub(crate) async fn delete_variant(
    Context { admin, lang, current }: Context,
    VariantPath(id, language): VariantPath,
) -> Response {
    match admin.web.app.delete_variant(current.actor(), id, language).await {
        Ok(()) => Redirect::to(&format!("/admin/issues/{}?done=deleted", id.0)).into_response(),
        Err(error) => app_failure(lang, error),
    }
}
