//! Test mail, schedule, and sending now behind a confirmation page.

use super::*;
use crate::zone::WallTimeError;

/// The composer's test button submits the variant being edited with the test's fields, so the
/// test shows what the editor sees: changed fields are saved first (a failing check shows the
/// composer with its errors and sends nothing). Afterwards the editor is back on their tab.
pub(crate) async fn send_test(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<IssueId>,
    fields: FormFields,
) -> Response {
    let Ok(to) = rundbrief_core::EmailAddress::parse(&fields.get("to")) else {
        return refused(lang, StatusCode::UNPROCESSABLE_ENTITY, "to: not an e-mail address");
    };
    let Ok(language) = Language::parse(&fields.get("language")) else {
        return refused(lang, StatusCode::UNPROCESSABLE_ENTITY, "language: unknown");
    };
    let tab = Language::parse(&fields.get("tab")).ok();
    let mut saved = false;
    if let Some(tab) = tab
        && fields.0.iter().any(|(name, _)| name == "subject")
    {
        let author = RevisionAuthor { user: Some(current.user.id), token: None };
        match save_for_test(&admin, id, tab, variant_input(&fields), author).await {
            Ok(changed) => saved = changed,
            Err(AppError::Invalid(problems)) => {
                let state = ComposeState {
                    tab: Some(tab),
                    variant_form: Some(variant_input(&fields)),
                    variant_errors: problems,
                    ..ComposeState::default()
                };
                let status = StatusCode::UNPROCESSABLE_ENTITY;
                return compose_response(&admin, lang, &current, id, state, status).await;
            }
            Err(error) => return app_failure(lang, error),
        }
    }
    match admin.web.campaigns.send_test(&admin.web.app, id, language, &to).await {
        Ok(used) => Redirect::to(&format!(
            "/admin/issues/{}?tab={}&done={}&variant={}#variant",
            id.0,
            tab.unwrap_or(language).code(),
            if saved { "test-saved" } else { "test" },
            used.code()
        ))
        .into_response(),
        Err(error) => campaign_failure(lang, error),
    }
}

/// Saves the submitted variant unless it equals the stored one, or is empty where none is
/// stored (a tab opened but not written). Whether it saved.
async fn save_for_test(
    admin: &Admin,
    id: IssueId,
    language: Language,
    input: VariantInput,
    author: RevisionAuthor,
) -> Result<bool, AppError> {
    let (_, variants) = admin.web.app.issue_with_variants(id).await?;
    let unchanged = match variants.iter().find(|v| v.language == language) {
        Some(v) => {
            v.subject == input.subject
                && v.preheader == input.preheader
                && v.body_markdown == input.body_markdown
                && v.ready == input.ready
        }
        None => input.subject.trim().is_empty() && input.body_markdown.trim().is_empty(),
    };
    if unchanged {
        return Ok(false);
    }
    admin.web.app.save_variant(id, language, input, author, None).await?;
    Ok(true)
}

/// The wall time of the form in the configured zone (`RUNDBRIEF_TIME_ZONE`); a time the
/// clocks skip is refused with a page that says so, a repeated one is its earlier pass
/// (`crate::zone`).
pub(crate) async fn schedule(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<IssueId>,
    fields: FormFields,
) -> Response {
    let wall = fields.get("at");
    let zone = &admin.web.time_zone;
    let at = match zone.instant(&wall) {
        Ok(at) => at,
        Err(WallTimeError::Unreadable) => {
            return refused(lang, StatusCode::UNPROCESSABLE_ENTITY, "at: not a date and time");
        }
        Err(WallTimeError::Skipped) => return skipped_time(lang, &current, id, &wall, zone),
    };
    match admin.web.campaigns.schedule(current.actor(), id, at).await {
        Ok(_) => Redirect::to(&format!("/admin/issues/{}?done=schedule", id.0)).into_response(),
        Err(error) => campaign_failure(lang, error),
    }
}

/// The wall time does not exist in the zone (the clocks go forward over it).
fn skipped_time(
    lang: Language,
    current: &CurrentUser,
    id: IssueId,
    wall: &str,
    zone: &crate::TimeZone,
) -> Response {
    let wall = wall.replace('T', " ");
    let args = [("time", Arg::Str(&wall)), ("zone", Arg::Str(zone.name()))];
    let content = html! {
        div.alert #error-summary role="alert" tabindex="-1" autofocus {
            p { (t_args(lang, "admin-schedule-skipped", &args)) }
        }
        p { a href={ "/admin/issues/" (id.0) "#schedule-at" } { (t(lang, "admin-issue-back")) } }
    };
    let title = t(lang, "admin-schedule-title");
    respond(lang, StatusCode::UNPROCESSABLE_ENTITY, issues_page(lang, &title, current, content))
}

/// Send now, step one: who will get what, and one button.
pub(crate) async fn confirm_send(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<IssueId>,
) -> Response {
    let (issue, variants, audience, revisions) = match issue_and_audience(&admin, lang, id).await {
        Ok(found) => found,
        Err(page) => return page,
    };
    let public = admin.web.app.issue_is_public(id).await.unwrap_or(true);
    let sendable = matches!(issue.status, IssueStatus::Draft | IssueStatus::Scheduled)
        && !audience.ready.is_empty();
    // Nobody to send to: say why instead of offering "send now to 0"; the use case refuses too.
    let nobody = sendable && audience.total == 0;
    let sendable = sendable && !nobody;
    let content = html! {
        p { strong { (issue.title) } " " (status_badge(lang, issue.status)) }
        @if sendable {
            p.big #send-count { (layout::t_count(lang, "admin-send-confirm-count", audience.total)) }
            p { (t(lang, "admin-send-confirm-text")) }
        } @else if nobody {
            p.alert #no-recipients { (t(lang, "admin-send-no-recipients")) }
        } @else {
            p.alert { (t(lang, "admin-send-not-possible")) }
        }
        @let ready_markdown: Vec<&str> = variants.iter().filter(|v| v.ready).map(|v| v.body_markdown.as_str()).collect();
        (crate::admin::media::alt_warning(lang, &ready_markdown.join("\n\n"), "send-alt-warning"))
        section.section aria-labelledby="matrix-title" {
            h2 #matrix-title { (t(lang, "admin-matrix-title")) }
            (matrix(lang, issue.id, &variants, &audience, &revisions))
        }
        @let stale: Vec<Language> = revisions.iter().filter(|s| s.stale).map(|s| s.language).collect();
        @let can_send = sendable && current.user.role.can_edit();
        @if !stale.is_empty() && !can_send {
            section.section #stale aria-labelledby="stale-title" {
                h2 #stale-title { (t(lang, "admin-send-stale-title")) }
                (stale_list(lang, id, &stale))
            }
        }
        div.actions {
            @if can_send {
                form method="post" action={ "/admin/issues/" (id.0) "/send" } {
                    (csrf::hidden(&current.csrf))
                    @if !stale.is_empty() {
                        section.section #stale aria-labelledby="stale-title" {
                            h2 #stale-title { (t(lang, "admin-send-stale-title")) }
                            p { (t(lang, "admin-send-stale-text")) }
                            @for language in &stale {
                                (stale_choice(lang, id, *language))
                            }
                        }
                    }
                    // Sent along so that an unticked box (which sends nothing) means "not public".
                    input type="hidden" name="public-shown" value="1";
                    label.check {
                        input #public type="checkbox" name="public" value="1" checked[public];
                        (t(lang, "admin-send-public"))
                    }
                    button #send-confirm type="submit" {
                        (layout::t_count(lang, "admin-send-confirm-submit", audience.total))
                    }
                }
            }
            a.button.secondary href={ "/admin/issues/" (id.0) } { (t(lang, "admin-send-back")) }
        }
    };
    let title = t(lang, "admin-send-confirm-title");
    respond(lang, StatusCode::OK, issues_page(lang, &title, &current, content))
}

/// The stale translations as links to what changed in their source.
fn stale_list(lang: Language, id: IssueId, stale: &[Language]) -> Markup {
    html! {
        ul {
            @for language in stale {
                li {
                    span lang=(language.code()) { (language.native_name()) }
                    " · "
                    a href={ "/admin/issues/" (id.0) "/variants/" (language.code()) "/changes" } {
                        (t(lang, "admin-stale-changes-link"))
                    }
                }
            }
        }
    }
}

/// One stale translation on the send confirmation: send it as it is (the default, as before
/// translations could go stale) or its readers' fallback instead.
fn stale_choice(lang: Language, id: IssueId, language: Language) -> Markup {
    let code = language.code();
    let name = format!("stale-{code}");
    html! {
        fieldset data-language=(code) {
            legend {
                span lang=(code) { (language.native_name()) }
                " · "
                a href={ "/admin/issues/" (id.0) "/variants/" (code) "/changes" } { (t(lang, "admin-stale-changes-link")) }
            }
            label.check {
                input type="radio" name=(name) value="as-is" checked;
                (t(lang, "admin-send-stale-as-is"))
            }
            label.check {
                input type="radio" name=(name) value="fallback";
                (t(lang, "admin-send-stale-fallback"))
            }
        }
    }
}

/// The stale translations the editor chose to replace by their fallback for this send.
fn fallback_choices(fields: &FormFields) -> Vec<Language> {
    fields
        .0
        .iter()
        .filter(|(_, value)| value == "fallback")
        .filter_map(|(name, _)| name.strip_prefix("stale-"))
        .filter_map(|code| Language::parse(code).ok())
        .collect()
}

pub(crate) async fn send(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<IssueId>,
    fields: FormFields,
) -> Response {
    let fallback = fallback_choices(&fields);
    if fields.get("public-shown") == "1" {
        let public = fields.get("public") == "1";
        if let Err(error) = admin.web.app.set_issue_public(id, public).await {
            return campaign_failure(lang, error);
        }
    }
    let started = if fallback.is_empty() {
        admin.web.campaigns.send_now(current.actor(), id).await
    } else {
        admin.web.campaigns.send_now_with_fallback(current.actor(), id, &fallback).await
    };
    match started {
        Ok(_) => Redirect::to(&format!("/admin/issues/{}/progress", id.0)).into_response(),
        Err(error) => campaign_failure(lang, error),
    }
}
