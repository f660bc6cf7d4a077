//! Copying an issue (issue 23): a button on the list and on the issue page posts here; the
//! copy is a new draft, and the editor lands on it. Templates: an issue marked as one is
//! offered on the new-issue page, and starting from it is a copy titled like the template.

use super::*;

pub(crate) async fn copy(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<IssueId>,
    fields: FormFields,
) -> Response {
    let author = RevisionAuthor { user: Some(current.user.id), token: None };
    let title = fields.get("title");
    let title = (!title.trim().is_empty()).then_some(title.as_str());
    match admin.web.app.copy_issue(id, title, lang, author).await {
        Ok(copy) => {
            Redirect::to(&format!("/admin/issues/{}?done=copied", copy.id.0)).into_response()
        }
        Err(error) => app_failure(lang, error),
    }
}

/// The button, for editors; translators and viewers see none (the route refuses them too).
pub(super) fn copy_button(lang: Language, current: &CurrentUser, id: IssueId) -> Markup {
    html! {
        @if current.user.role.can_edit() {
            form method="post" action={ "/admin/issues/" (id.0) "/copy" } {
                (csrf::hidden(&current.csrf))
                button.secondary type="submit" style="margin-top:0" title=(t(lang, "admin-issue-copy-hint")) {
                    (t(lang, "admin-issue-copy"))
                }
            }
        }
    }
}

pub(crate) async fn set_template(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<IssueId>,
    fields: FormFields,
) -> Response {
    let template = fields.get("template") == "on";
    match admin.web.app.set_issue_template(current.actor(), id, template).await {
        Ok(()) => Redirect::to(&format!("/admin/issues/{}?done=template", id.0)).into_response(),
        Err(error) => app_failure(lang, error),
    }
}

/// "Offer as a template" or "No longer a template", for editors.
pub(super) fn template_toggle(
    lang: Language,
    current: &CurrentUser,
    id: IssueId,
    template: bool,
) -> Markup {
    html! {
        @if current.user.role.can_edit() {
            form method="post" action={ "/admin/issues/" (id.0) "/template" } {
                (csrf::hidden(&current.csrf))
                @if template {
                    span.badge { (t(lang, "admin-issue-template-badge")) } " "
                    input type="hidden" name="template" value="off";
                    button.secondary type="submit" style="margin-top:0" { (t(lang, "admin-issue-template-off")) }
                } @else {
                    input type="hidden" name="template" value="on";
                    button.secondary type="submit" style="margin-top:0" { (t(lang, "admin-issue-template-on")) }
                }
            }
        }
    }
}

/// The templates on the new-issue page, each with a button that starts a new issue from it.
pub(super) fn templates(lang: Language, current: &CurrentUser, templates: &[Issue]) -> Markup {
    html! {
        @if !templates.is_empty() {
            section.section aria-labelledby="templates-title" {
                h2 #templates-title { (t(lang, "admin-issue-templates-title")) }
                ul {
                    @for template in templates {
                        li.actions {
                            a href={ "/admin/issues/" (template.id.0) } { (template.title) }
                            form method="post" action={ "/admin/issues/" (template.id.0) "/copy" } {
                                (csrf::hidden(&current.csrf))
                                input type="hidden" name="title" value=(template.title);
                                button.secondary type="submit" style="margin-top:0" { (t(lang, "admin-issue-template-start")) }
                            }
                        }
                    }
                }
            }
        }
    }
}
