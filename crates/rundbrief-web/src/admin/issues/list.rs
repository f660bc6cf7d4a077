//! The list of issues, newest first, with their status.

use super::*;

pub(crate) async fn list(
    Context { admin, lang, current }: Context,
    RawQuery(query): RawQuery,
) -> Response {
    let before = query_param(query.as_deref(), "before").and_then(|v| v.parse().ok());
    let page = match admin.web.app.issues(before, ISSUES_PER_PAGE).await {
        Ok(page) => page,
        Err(error) => return internal(lang, &error),
    };
    let can_edit = current.user.role.can_edit();
    let content = html! {
        @if can_edit {
            p { a.button href="/admin/issues/new" { (t(lang, "admin-issue-new-link")) } }
        }
        p { a href="/admin/welcome" { (t(lang, "admin-welcome-title")) } }
        @if page.items.is_empty() {
            p { (t(lang, "admin-issues-empty")) }
        } @else {
            div.table-wrap role="region" aria-label=(t(lang, "admin-issues-caption")) tabindex="0" {
                table {
                    caption.hint { (t(lang, "admin-issues-caption")) }
                    (column_heads(lang, &[Column::Text("admin-issue-field-title"), Column::Text("admin-issue-column-status"), Column::Text("admin-issue-column-created"), Column::Text("admin-issue-column-actions")]))
                    tbody {
                        @for issue in &page.items {
                            tr {
                                td { a href={ "/admin/issues/" (issue.id.0) } { (issue.title) } }
                                td { (status_badge(lang, issue.status))
                                    @if let Some(at) = issue.scheduled_at.filter(|_| issue.status == IssueStatus::Scheduled) {
                                        " " span.hint { (admin.web.time_zone.show(at)) }
                                    }
                                }
                                td { (date(issue.created_at)) }
                                td.actions {
                                    @if !matches!(issue.status, IssueStatus::Draft | IssueStatus::Scheduled) {
                                        a href={ "/admin/issues/" (issue.id.0) "/progress" } { (t(lang, "admin-issue-progress-link")) }
                                    }
                                    (copy_button(lang, &current, issue.id))
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(next) = page.next {
                p { a href={ "/admin/issues?before=" (next) } { (t(lang, "admin-issues-older")) } }
            }
        }
    };
    let title = t(lang, "admin-issues-title");
    respond(lang, StatusCode::OK, issues_page(lang, &title, &current, content))
}

// ---------------------------------------------------------------------------------------------
// Issue settings: title, base language, segment
