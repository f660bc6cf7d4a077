//! Copying an issue (issue 23): a button on the list and on the issue page posts here; the
//! copy is a new draft, and the editor lands on it.

use super::*;

pub(crate) async fn copy(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<IssueId>,
) -> Response {
    let author = RevisionAuthor { user: Some(current.user.id), token: None };
    match admin.web.app.copy_issue(id, None, lang, author).await {
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
