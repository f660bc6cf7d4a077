//! Translation files in the editor UI (issue 21): per language, the base variant as XLIFF 2.0,
//! XLIFF 1.2 or PO to download, and a form that imports a filled file as the language's next
//! revision by the signed-in editor or translator. A file that does not fit is refused with
//! each unit and its problem listed; nothing is saved then. The form posts the file's text (the
//! page's script reads a chosen file into the text field), so it works without script too.

use rundbrief_core::model::Role;
use rundbrief_render::translation::TranslationFormat;

use super::*;

const FORMATS: [(TranslationFormat, &str); 3] = [
    (TranslationFormat::Xliff2, "XLIFF 2.0"),
    (TranslationFormat::Xliff12, "XLIFF 1.2"),
    (TranslationFormat::Po, "PO"),
];

fn page(
    lang: Language,
    current: &CurrentUser,
    issue: &Issue,
    problems: &[FieldError],
    text: &str,
) -> Markup {
    let id = issue.id.0;
    let content = html! {
        @if !problems.is_empty() {
            div.alert #error-summary role="alert" tabindex="-1" autofocus {
                h2 { (t(lang, "admin-translation-refused")) }
                ul #translation-problems {
                    @for p in problems {
                        li data-unit=(p.field) { code { (p.field) } ": " (p.reason) }
                    }
                }
            }
        }
        p { (t_args(lang, "admin-translation-intro", &[("language", Arg::Str(issue.base_language.native_name()))])) }
        div.table-wrap role="region" aria-labelledby="translation-caption" tabindex="0" {
            table #translation-files {
                caption #translation-caption.hint { (t(lang, "admin-translation-download")) }
                (column_heads(lang, &[Column::Text("admin-matrix-language"), Column::Text("admin-translation-files")]))
                tbody {
                    @for language in Language::ALL.iter().filter(|l| **l != issue.base_language) {
                        tr data-language=(language.code()) {
                            th scope="row" lang=(language.code()) { (language.native_name()) }
                            td {
                                @for (n, (format, label)) in FORMATS.iter().enumerate() {
                                    @if n > 0 { " · " }
                                    a href={ "/admin/issues/" (id) "/variants/" (language.code()) "/translation?format=" (format.name()) }
                                        aria-label={ (language.native_name()) " – " (label) } { (label) }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { (t(lang, "admin-translation-upload")) }
        // Editors import any language (the file names it); a translator imports into each of
        // their languages through a route that names it, as the guard requires.
        @if current.user.role == Role::Translator {
            @for language in current.user.languages.iter().filter(|l| **l != issue.base_language) {
                (upload_form(lang, current, &format!("/admin/issues/{id}/variants/{}/translation", language.code()), language.code(), Some(*language), text))
            }
        } @else {
            (upload_form(lang, current, &format!("/admin/issues/{id}/translation"), "any", None, text))
        }
        p.actions { a href={ "/admin/issues/" (id) } { (t(lang, "admin-translation-back")) } }
    };
    issues_page(lang, &t(lang, "admin-translation-title"), current, content)
}

fn upload_form(
    lang: Language,
    current: &CurrentUser,
    action: &str,
    key: &str,
    language: Option<Language>,
    text: &str,
) -> Markup {
    html! {
        form method="post" action=(action) data-language=(key) {
            (csrf::hidden(&current.csrf))
            @if let Some(language) = language {
                p { strong lang=(language.code()) { (language.native_name()) } }
            }
            p {
                label for={ "translation-file-" (key) } { (t(lang, "admin-translation-choose")) }
                input id={ "translation-file-" (key) } data-translation-file type="file" accept=".xlf,.xliff,.po,application/xliff+xml,text/x-gettext-translation";
            }
            p {
                label for={ "translation-text-" (key) } { (t(lang, "admin-translation-paste")) }
                textarea id={ "translation-text-" (key) } name="file" rows="12" spellcheck="false" required { (text) }
            }
            p { button type="submit" { (t(lang, "admin-translation-import")) } }
        }
    }
}

/// `GET /admin/issues/{id}/translation`: the files to download and the import form.
pub(crate) async fn translation(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<IssueId>,
) -> Response {
    match admin.web.app.issue_with_variants(id).await.map(|(issue, _)| issue) {
        Ok(issue) => respond(lang, StatusCode::OK, page(lang, &current, &issue, &[], "")),
        Err(error) => app_failure(lang, error),
    }
}

/// `GET /admin/issues/{id}/variants/{lang}/translation?format=`: the file, as an attachment.
pub(crate) async fn download_translation(
    Context { admin, lang, .. }: Context,
    VariantPath(id, language): VariantPath,
    RawQuery(query): RawQuery,
) -> Response {
    let format = query_param(query.as_deref(), "format")
        .and_then(|f| TranslationFormat::parse(&f))
        .unwrap_or(TranslationFormat::Xliff2);
    match admin.web.app.export_translation(id, language, format).await {
        Ok(file) => {
            let mut response = (StatusCode::OK, file.body).into_response();
            let headers = response.headers_mut();
            if let Ok(v) = HeaderValue::from_str(&format!("{}; charset=utf-8", file.media_type)) {
                headers.insert(header::CONTENT_TYPE, v);
            }
            if let Ok(v) =
                HeaderValue::from_str(&format!("attachment; filename=\"{}\"", file.filename))
            {
                headers.insert(header::CONTENT_DISPOSITION, v);
            }
            response
        }
        Err(error) => app_failure(lang, error),
    }
}

/// `POST /admin/issues/{id}/translation`: imports the file in the `file` field.
pub(crate) async fn import_translation(
    Context { admin, lang, current }: Context,
    PathId(id): PathId<IssueId>,
    fields: FormFields,
) -> Response {
    import(admin, lang, current, id, None, fields).await
}

async fn import(
    admin: Admin,
    lang: Language,
    current: CurrentUser,
    id: IssueId,
    expected: Option<Language>,
    fields: FormFields,
) -> Response {
    let text = fields.get("file");
    let author = RevisionAuthor { user: Some(current.user.id), token: None };
    match admin.web.app.import_translation(id, text.as_bytes(), expected, author).await {
        Ok(imported) => Redirect::to(&format!(
            "/admin/issues/{}?tab={}&done=variant#variant",
            id.0,
            imported.variant.language.code()
        ))
        .into_response(),
        Err(AppError::Invalid(problems)) => {
            match admin.web.app.issue_with_variants(id).await.map(|(issue, _)| issue) {
                Ok(issue) => respond(
                    lang,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    page(lang, &current, &issue, &problems, &text),
                ),
                Err(error) => app_failure(lang, error),
            }
        }
        Err(error) => app_failure(lang, error),
    }
}

/// `POST /admin/issues/{id}/variants/{lang}/translation`: a translator's (or anyone's) import
/// into one language; a file for another language is refused.
pub(crate) async fn import_variant_translation(
    Context { admin, lang, current }: Context,
    VariantPath(id, language): VariantPath,
    fields: FormFields,
) -> Response {
    import(admin, lang, current, id, Some(language), fields).await
}
