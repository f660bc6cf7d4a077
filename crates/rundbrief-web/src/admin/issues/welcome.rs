//! The welcome mail (issue 23): its page says whether it is on and which languages are ready,
//! starts it, and switches it on or off; its texts are edited in the composer like any
//! issue's (variants, preview, revisions, the fallback chain), which then offers no sending.

use super::*;

pub(crate) async fn welcome(
    Context { admin, lang, current }: Context,
    RawQuery(query): RawQuery,
) -> Response {
    let mail = match admin.web.app.welcome_mail().await {
        Ok(mail) => mail,
        Err(error) => return app_failure(lang, error),
    };
    let notice = match query_param(query.as_deref(), "done").as_deref() {
        Some("on") => Some(t(lang, "admin-welcome-notice-on")),
        Some("off") => Some(t(lang, "admin-welcome-notice-off")),
        _ => None,
    };
    let can_edit = current.user.role.can_edit();
    let state = if mail.enabled && !mail.ready.is_empty() {
        ("ready", "admin-welcome-state-on")
    } else {
        ("missing", "admin-welcome-state-off")
    };
    let content = html! {
        @if let Some(notice) = notice {
            p.notice role="status" { (notice) }
        }
        p { (t(lang, "admin-welcome-intro")) }
        p { span class={ "badge " (state.0) } { (t(lang, state.1)) } }
        @match &mail.issue {
            None => {
                p { (t(lang, "admin-welcome-none")) }
                @if can_edit {
                    form method="post" action="/admin/welcome" {
                        (csrf::hidden(&current.csrf))
                        input type="hidden" name="action" value="start";
                        button type="submit" { (t(lang, "admin-welcome-start")) }
                    }
                }
            }
            Some(issue) => {
                @if mail.ready.is_empty() {
                    p { (t(lang, "admin-welcome-none-ready")) }
                } @else {
                    p { (t(lang, "admin-welcome-ready")) " "
                        @for (i, l) in mail.ready.iter().enumerate() {
                            @if i > 0 { ", " }
                            span lang=(l.code()) { (l.native_name()) }
                        }
                    }
                }
                p { a.button href={ "/admin/issues/" (issue.id.0) } { (t(lang, "admin-welcome-edit")) } }
                @if can_edit {
                    form method="post" action="/admin/welcome" {
                        (csrf::hidden(&current.csrf))
                        @if mail.enabled {
                            input type="hidden" name="action" value="off";
                            button.danger type="submit" { (t(lang, "admin-welcome-switch-off")) }
                        } @else {
                            input type="hidden" name="action" value="on";
                            button type="submit" disabled[mail.ready.is_empty()] { (t(lang, "admin-welcome-switch-on")) }
                        }
                    }
                }
            }
        }
    };
    let title = t(lang, "admin-welcome-title");
    respond(lang, StatusCode::OK, issues_page(lang, &title, &current, content))
}

pub(crate) async fn change(Context { admin, lang, .. }: Context, fields: FormFields) -> Response {
    let app = &admin.web.app;
    match fields.get("action").as_str() {
        "start" => {
            let title = t(lang, "admin-welcome-title");
            match app.start_welcome_mail(&title, app.settings().default_language).await {
                Ok(issue) => Redirect::to(&format!("/admin/issues/{}", issue.id.0)).into_response(),
                Err(error) => app_failure(lang, error),
            }
        }
        action @ ("on" | "off") => match app.set_welcome_enabled(action == "on").await {
            Ok(()) => Redirect::to(&format!("/admin/welcome?done={action}")).into_response(),
            Err(error) => app_failure(lang, error),
        },
        _ => refused(lang, StatusCode::UNPROCESSABLE_ENTITY, "action: start, on or off"),
    }
}

/// Above the composer of the welcome mail: what it is, and where it is switched on.
pub(super) fn composer_notice(lang: Language) -> Markup {
    html! {
        p.notice role="note" {
            (t(lang, "admin-welcome-composer-notice")) " "
            a href="/admin/welcome" { (t(lang, "admin-welcome-title")) }
        }
    }
}
