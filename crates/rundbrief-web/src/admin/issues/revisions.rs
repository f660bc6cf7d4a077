//! A variant's revisions (who saved which text when), one revision's text, and for a stale
//! translation what changed in its source since it was made, block by block (issue 21).

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use rundbrief_app::revisions::{Block, BlockChange, BlockKind};
use rundbrief_app::{SourceChanges, VariantRevision};

use super::*;
use crate::admin::lang::AdminLang;

/// `/issues/{id}/variants/{lang}/revisions/{revision}`.
pub(crate) struct RevisionPath(IssueId, Language, u32);

impl<S: Send + Sync> FromRequestParts<S> for RevisionPath {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let raw = Path::<(String, String, String)>::from_request_parts(parts, state).await.ok();
        let parsed = raw.and_then(|Path((id, language, number))| {
            let number = number.parse::<u32>().ok().filter(|n| *n > 0)?;
            Some(Self(
                IssueId(crate::admin::path::path_id(&id)?),
                Language::parse(&language).ok()?,
                number,
            ))
        });
        parsed.ok_or_else(|| {
            layout::error(
                AdminLang::from_parts(parts).lang,
                StatusCode::NOT_FOUND,
                "admin-not-found",
            )
        })
    }
}

fn variant_url(id: IssueId, language: Language) -> String {
    format!("/admin/issues/{}/variants/{}", id.0, language.code())
}

fn author(lang: Language, revision: &VariantRevision) -> String {
    match (&revision.author_name, revision.author.token) {
        (Some(name), Some(_)) => {
            t_args(lang, "admin-revision-by-token", &[("token", Arg::Str(name))])
        }
        (Some(name), None) => name.clone(),
        (None, _) => t(lang, "admin-revision-by-nobody"),
    }
}

fn back(lang: Language, id: IssueId, language: Language) -> Markup {
    html! {
        p.actions {
            a href={ "/admin/issues/" (id.0) "?tab=" (language.code()) "#variant" } { (t(lang, "admin-revisions-back")) }
        }
    }
}

/// Every revision of the variant, newest first.
pub(crate) async fn revisions(
    Context { admin, lang, current }: Context,
    VariantPath(id, language): VariantPath,
) -> Response {
    let revisions = match admin.web.app.revisions(id, language).await {
        Ok(revisions) => revisions,
        Err(error) => return app_failure(lang, error),
    };
    let url = variant_url(id, language);
    let content = html! {
        div.table-wrap role="region" aria-labelledby="revisions-caption" tabindex="0" {
            table #revisions {
                caption #revisions-caption.hint { (t(lang, "admin-revisions-caption")) }
                (column_heads(lang, &[Column::Num("admin-revision-number"), Column::Text("admin-revision-author"), Column::Text("admin-revision-saved"), Column::Text("admin-revision-source")]))
                tbody {
                    @for r in &revisions {
                        tr data-revision=(r.number) {
                            td.num { a href={ (url) "/revisions/" (r.number) } { (r.number) } }
                            td { (author(lang, r)) }
                            td { (date(r.created_at)) }
                            td { @if let Some(from) = r.source_revision { (from) } @else { "–" } }
                        }
                    }
                }
            }
        }
        (back(lang, id, language))
    };
    let title =
        t_args(lang, "admin-revisions-title", &[("language", Arg::Str(language.native_name()))]);
    respond(lang, StatusCode::OK, issues_page(lang, &title, &current, content))
}

/// One revision's text.
pub(crate) async fn revision(
    Context { admin, lang, current }: Context,
    RevisionPath(id, language, number): RevisionPath,
) -> Response {
    let r = match admin.web.app.revision(id, language, number).await {
        Ok(revision) => revision,
        Err(error) => return app_failure(lang, error),
    };
    let content = html! {
        p { (author(lang, &r)) " · " (date(r.created_at))
            @if let Some(from) = r.source_revision {
                " · " (t_args(lang, "admin-revision-made-from", &[("revision", Arg::Num(i64::from(from)))]))
            }
        }
        dl lang=(language.code()) {
            dt { (t(lang, "admin-block-subject")) } dd #revision-subject { (r.subject) }
            dt { (t(lang, "admin-block-preheader")) } dd { (r.preheader) }
        }
        pre #revision-body lang=(language.code()) style="white-space:pre-wrap" { (r.body_markdown) }
        p.actions { a href={ (variant_url(id, language)) "/revisions" } { (t(lang, "admin-revisions-all")) } }
    };
    let title = t_args(
        lang,
        "admin-revision-title",
        &[
            ("language", Arg::Str(language.native_name())),
            ("revision", Arg::Num(i64::from(number))),
        ],
    );
    respond(lang, StatusCode::OK, issues_page(lang, &title, &current, content))
}

fn kind(lang: Language, kind: BlockKind) -> String {
    let id = match kind {
        BlockKind::Subject => "admin-block-subject",
        BlockKind::Preheader => "admin-block-preheader",
        BlockKind::Heading(_) => "admin-block-heading",
        BlockKind::Paragraph => "admin-block-paragraph",
        BlockKind::ListItem => "admin-block-list-item",
        BlockKind::Link => "admin-block-link",
        BlockKind::Other => "admin-block-other",
    };
    t(lang, id)
}

fn block_text(block: &Block, base: Language) -> Markup {
    html! { span lang=(base.code()) { (block.text) } }
}

/// What changed in the base variant since the translation was made from it.
pub(crate) async fn source_changes(
    Context { admin, lang, current }: Context,
    VariantPath(id, language): VariantPath,
) -> Response {
    let changes: SourceChanges = match admin.web.app.source_changes(id, language).await {
        Ok(changes) => changes,
        Err(error) => return app_failure(lang, error),
    };
    let base = changes.base_language;
    let from = changes.from.map_or_else(|| "–".to_owned(), |n| n.to_string());
    let args = [
        ("base", Arg::Str(base.native_name())),
        ("from", Arg::Str(&from)),
        ("to", Arg::Num(i64::from(changes.to))),
    ];
    let changed: Vec<&BlockChange> = changes.changes.iter().filter(|c| c.is_change()).collect();
    let content = html! {
        @if changes.stale {
            p.alert #stale-note { (t_args(lang, "admin-stale-text", &args)) }
        } @else {
            p.notice #current-note { (t_args(lang, "admin-stale-current", &args)) }
        }
        @if !changed.is_empty() {
            div.table-wrap role="region" aria-labelledby="changes-caption" tabindex="0" {
                table #changes {
                    caption #changes-caption.hint { (t(lang, "admin-stale-caption")) }
                    (column_heads(lang, &[Column::Text("admin-stale-change"), Column::Text("admin-stale-block"), Column::Text("admin-stale-before"), Column::Text("admin-stale-after")]))
                    tbody {
                        @for change in &changed {
                            @match change {
                                BlockChange::Added(b) => tr.added {
                                    td { (t(lang, "admin-stale-added")) } td { (kind(lang, b.kind)) }
                                    td { "–" } td { ins { (block_text(b, base)) } }
                                },
                                BlockChange::Removed(b) => tr.removed {
                                    td { (t(lang, "admin-stale-removed")) } td { (kind(lang, b.kind)) }
                                    td { del { (block_text(b, base)) } } td { "–" }
                                },
                                BlockChange::Changed { old, new } => tr.changed {
                                    td { (t(lang, "admin-stale-changed")) } td { (kind(lang, new.kind)) }
                                    td { del { (block_text(old, base)) } } td { ins { (block_text(new, base)) } }
                                },
                                BlockChange::Same(_) => {},
                            }
                        }
                    }
                }
            }
        }
        p.actions {
            a href={ "/admin/issues/" (id.0) "?tab=" (language.code()) "#variant" } { (t(lang, "admin-stale-edit")) }
            a href={ (variant_url(id, language)) "/revisions" } { (t(lang, "admin-revisions-all")) }
        }
    };
    let title =
        t_args(lang, "admin-stale-title", &[("language", Arg::Str(language.native_name()))]);
    respond(lang, StatusCode::OK, issues_page(lang, &title, &current, content))
}
