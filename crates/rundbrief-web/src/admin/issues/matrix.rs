//! The translation matrix: per language, its recipients and which variant they get; a stale
//! translation (its source changed since it was made) says "needs update" and links to what
//! changed, every variant to its revisions.

use super::*;

/// One row of the translation matrix.
pub(super) struct MatrixRow {
    pub(super) language: Language,
    pub(super) recipients: i64,
    pub(super) variant: Option<bool>,
    pub(super) choice: Option<(VariantChoice, Option<Language>)>,
}

pub(super) fn matrix_rows(variants: &[Variant], audience: &Audience) -> Vec<MatrixRow> {
    let mut rows: BTreeMap<Language, MatrixRow> = BTreeMap::new();
    for l in &audience.languages {
        rows.insert(
            l.language,
            MatrixRow {
                language: l.language,
                recipients: l.recipients,
                variant: None,
                choice: Some((l.choice, l.variant)),
            },
        );
    }
    for v in variants {
        rows.entry(v.language)
            .or_insert(MatrixRow {
                language: v.language,
                recipients: 0,
                variant: None,
                choice: None,
            })
            .variant = Some(v.ready);
    }
    let mut rows: Vec<MatrixRow> = rows.into_values().collect();
    rows.sort_by(|a, b| b.recipients.cmp(&a.recipients).then(a.language.cmp(&b.language)));
    rows
}

pub(crate) fn matrix(
    lang: Language,
    issue: IssueId,
    variants: &[Variant],
    audience: &Audience,
    revisions: &[VariantState],
) -> Markup {
    let rows = matrix_rows(variants, audience);
    let stale = |l: Language| revisions.iter().any(|s| s.language == l && s.stale);
    let machine = |l: Language| revisions.iter().any(|s| s.language == l && s.machine_drafted);
    html! {
        p {
            span.big { (layout::t_count(lang, "admin-segment-count", audience.total)) }
            @if audience.without_variant > 0 {
                " "
                span.error { (layout::t_count(lang, "admin-matrix-without", audience.without_variant)) }
            }
        }
        p { a #translation-files-link href={ "/admin/issues/" (issue.0) "/translation" } { (t(lang, "admin-translation-link")) } }
        @if rows.is_empty() {
            p { (t(lang, "admin-matrix-empty")) }
        } @else {
            div.table-wrap role="region" aria-label=(t(lang, "admin-matrix-caption")) tabindex="0" {
                table #matrix {
                    caption.hint { (t(lang, "admin-matrix-caption")) }
                    (column_heads(lang, &[Column::Text("admin-matrix-language"), Column::Num("admin-matrix-recipients"), Column::Text("admin-matrix-variant"), Column::Text("admin-matrix-receives"), Column::Text("admin-matrix-preview")]))
                    tbody {
                        @for row in &rows {
                            tr data-language=(row.language.code()) {
                                th scope="row" lang=(row.language.code()) { (row.language.native_name()) }
                                td.num { (row.recipients) }
                                td { @match row.variant {
                                    Some(true) => span.badge.ready { (t(lang, "admin-variant-ready")) },
                                    Some(false) => span.badge.draft { (t(lang, "admin-variant-draft")) },
                                    None => span.badge.missing { (t(lang, "admin-variant-missing")) },
                                }
                                @if row.variant.is_some() {
                                    @let variant = format!("/admin/issues/{}/variants/{}", issue.0, row.language.code());
                                    @if stale(row.language) {
                                        " "
                                        a.badge.stale href={ (variant) "/changes" } { (t(lang, "admin-variant-stale")) }
                                    }
                                    @if machine(row.language) {
                                        " "
                                        span.badge.machine { (t(lang, "admin-variant-machine")) }
                                    }
                                    " "
                                    a.hint href={ (variant) "/revisions" } { (t(lang, "admin-revisions-link")) }
                                } }
                                td.receives { @match row.choice {
                                    Some((VariantChoice::Own, _)) => span.badge.own { (t(lang, "admin-matrix-own")) },
                                    Some((VariantChoice::Fallback, Some(used))) => span.badge.fallback {
                                        (t_args(lang, "admin-matrix-fallback", &[("used", Arg::Str(used.native_name()))]))
                                    },
                                    Some(_) => span.badge.none { (t(lang, "admin-matrix-nothing")) },
                                    None => span.hint { (t(lang, "admin-matrix-no-recipients")) },
                                } }
                                td {
                                    @let base = format!("/admin/issues/{}/preview/{}", issue.0, row.language.code());
                                    @let label = t_args(lang, "admin-matrix-preview-of", &[("requested", Arg::Str(row.language.native_name()))]);
                                    a href={ (base) "?format=html" } target="_blank" rel="noopener" aria-label={ (label) " – HTML" } { "HTML" }
                                    " · "
                                    a href={ (base) "?format=text" } target="_blank" rel="noopener" aria-label={ (label) " – " (t(lang, "admin-preview-text")) } { (t(lang, "admin-preview-text")) }
                                }
                            }
                        }
                    }
                }
            }
            p.hint { (t_args(lang, "admin-matrix-chain", &[("used", Arg::Str(&audience.fallback_languages.iter().map(|l| l.native_name()).collect::<Vec<_>>().join(", ")))])) }
        }
    }
}
