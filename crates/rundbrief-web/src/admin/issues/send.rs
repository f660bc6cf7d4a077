//! Test mail, schedule, and sending now behind a confirmation page.

use super::*;

pub(crate) async fn send_test(
    Context { admin, lang, .. }: Context,
    PathId(id): PathId<IssueId>,
    fields: FormFields,
) -> Response {
    let Ok(to) = rundbrief_core::EmailAddress::parse(&fields.get("to")) else {
        return refused(lang, StatusCode::UNPROCESSABLE_ENTITY, "to: not an e-mail address");
    };
    let Ok(language) = Language::parse(&fields.get("language")) else {
        return refused(lang, StatusCode::UNPROCESSABLE_ENTITY, "language: unknown");
    };
    match admin.web.campaigns.send_test(&admin.web.app, id, language, &to).await {
        Ok(used) => Redirect::to(&format!(
            "/admin/issues/{}?tab={}&done=test&variant={}",
            id.0,
            language.code(),
            used.code()
        ))
        .into_response(),
        Err(error) => campaign_failure(lang, error),
    }
}

/// `2026-12-01T08:00` (what `datetime-local` sends, seconds optional) at a UTC offset.
pub(super) fn schedule_time(at: &str, offset: &str) -> Option<OffsetDateTime> {
    let with_seconds = if at.len() == 16 { format!("{at}:00") } else { at.to_owned() };
    let local = PrimitiveDateTime::parse(
        &with_seconds,
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
    )
    .ok()?;
    let offset = if OFFSETS.contains(&offset) { offset } else { DEFAULT_OFFSET };
    OffsetDateTime::parse(&format!("{with_seconds}{offset}"), &Rfc3339)
        .ok()
        .filter(|parsed| parsed.date() == local.date())
}

pub(crate) async fn schedule(
    Context { admin, lang, .. }: Context,
    PathId(id): PathId<IssueId>,
    fields: FormFields,
) -> Response {
    let Some(at) = schedule_time(&fields.get("at"), &fields.get("offset")) else {
        return refused(lang, StatusCode::UNPROCESSABLE_ENTITY, "at: not a date and time");
    };
    match admin.web.campaigns.schedule(id, at).await {
        Ok(_) => Redirect::to(&format!("/admin/issues/{}?done=schedule", id.0)).into_response(),
        Err(error) => campaign_failure(lang, error),
    }
}

/// Send now, step one: who will get what, and one button.
pub(crate) async fn confirm_send(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<IssueId>,
) -> Response {
    let (issue, variants, audience) = match issue_and_audience(&admin, lang, id).await {
        Ok(found) => found,
        Err(page) => return page,
    };
    let sendable = matches!(issue.status, IssueStatus::Draft | IssueStatus::Scheduled)
        && !audience.ready.is_empty();
    let content = html! {
        p { strong { (issue.title) } " " (status_badge(lang, issue.status)) }
        @if sendable {
            p.big #send-count { (t_args(lang, "admin-send-confirm-count", &[("count", Arg::Num(audience.total))])) }
            p { (t(lang, "admin-send-confirm-text")) }
        } @else {
            p.alert { (t(lang, "admin-send-not-possible")) }
        }
        section.section aria-labelledby="matrix-title" {
            h2 #matrix-title { (t(lang, "admin-matrix-title")) }
            (matrix(lang, issue.id, &variants, &audience))
        }
        div.actions {
            @if sendable && current.user.role.can_edit() {
                form method="post" action={ "/admin/issues/" (id.0) "/send" } {
                    (csrf::hidden(&current.csrf))
                    button #send-confirm type="submit" {
                        (t_args(lang, "admin-send-confirm-submit", &[("count", Arg::Num(audience.total))]))
                    }
                }
            }
            a.button.secondary href={ "/admin/issues/" (id.0) } { (t(lang, "admin-send-back")) }
        }
    };
    let title = t(lang, "admin-send-confirm-title");
    respond(lang, StatusCode::OK, issues_page(lang, &title, &current, content))
}

pub(crate) async fn send(
    Context { admin, lang, .. }: Context,
    PathId(id): PathId<IssueId>,
) -> Response {
    match admin.web.campaigns.send_now(id).await {
        Ok(_) => Redirect::to(&format!("/admin/issues/{}/progress", id.0)).into_response(),
        Err(error) => campaign_failure(lang, error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_times_take_the_chosen_offset() {
        let at = schedule_time("2026-12-01T08:00", "+01:00").expect("valid");
        assert_eq!(at.to_offset(UtcOffset::UTC).hour(), 7);
        let at = schedule_time("2026-07-01T08:00:30", "+02:00").expect("valid");
        assert_eq!(at.to_offset(UtcOffset::UTC).hour(), 6);
        assert_eq!(
            schedule_time("2026-12-01T08:00", "+09:00"),
            schedule_time("2026-12-01T08:00", DEFAULT_OFFSET),
            "unknown offsets fall back to the default"
        );
        assert!(schedule_time("tomorrow", "+01:00").is_none());
        assert!(schedule_time("", "+01:00").is_none());
    }
}
