//! Previews of the stored issue and of the composer's unsaved draft, inside a sandboxed frame.

use super::*;

pub(super) fn preview_response(
    bytes: Vec<u8>,
    format: PreviewFormat,
    language: Language,
) -> Response {
    let content_type = match format {
        PreviewFormat::Text => "text/plain; charset=utf-8",
        _ => "text/html; charset=utf-8",
    };
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(language.code()));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PREVIEW_CSP));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub(super) fn preview_format(raw: &str) -> PreviewFormat {
    if raw == "text" { PreviewFormat::Text } else { PreviewFormat::Html }
}

/// A problem with the preview, as a small page inside the preview frame.
pub(super) fn preview_problem(lang: Language, status: StatusCode, reason: &str) -> Response {
    let body = html! {
        (maud::DOCTYPE)
        html lang=(lang.code()) { head { meta charset="utf-8"; title { (t(lang, "admin-preview-title")) } }
            body style="font:16px system-ui,sans-serif;padding:1rem" {
                p { strong { (t(lang, "admin-preview-problem")) } }
                p lang="en" { code { (reason) } }
            } }
    };
    let mut response = (status, body.into_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PREVIEW_CSP));
    response
}

pub(super) fn preview_failure(lang: Language, error: AppError) -> Response {
    match refusal(error) {
        Err(AppError::NotFound(_)) => preview_problem(lang, StatusCode::NOT_FOUND, "not found"),
        Ok((status, reason)) => preview_problem(lang, status, &reason),
        Err(other) => internal(lang, &other),
    }
}

/// The stored issue as a reader of `lang` gets it (their variant or the fallback).
pub(crate) async fn preview(
    Context { admin, lang, .. }: Context,
    VariantPath(id, language): VariantPath,
    RawQuery(query): RawQuery,
) -> Response {
    let format = preview_format(&query_param(query.as_deref(), "format").unwrap_or_default());
    let request = PreviewRequest { issue: id, language, format, name: None, recipient: None };
    match admin.web.app.preview(&request).await {
        Ok(preview) => preview_response(preview.bytes, format, preview.variant_language),
        Err(error) => preview_failure(lang, error),
    }
}

/// The form's unsaved draft, rendered for the preview frame; nothing is stored.
pub(crate) async fn preview_draft(
    Context { admin, lang, .. }: Context,
    VariantPath(id, language): VariantPath,
    fields: FormFields,
) -> Response {
    let format = preview_format(&fields.get("format"));
    match admin.web.app.preview_draft(id, language, variant_input(&fields), format).await {
        Ok(bytes) => preview_response(bytes, format, language),
        Err(error) => preview_failure(lang, error),
    }
}

// ---------------------------------------------------------------------------------------------
// Test mail, schedule, send
