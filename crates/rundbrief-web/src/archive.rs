//! The public archive (issue 23): `/archive` lists the public issues that went out in the
//! visitor's language, `/archive/{slug}` shows one issue's web version (by the fallback chain,
//! with the fallback note in the visitor's language and the content marked with its own
//! `lang`), and `/archive/feed/{lang}.xml` is an Atom feed per language. Nothing personal is
//! on any of them: placeholders are neutral text (`rundbrief_render::web_version`).
//!
//! Pages without a language cookie to set are cacheable for five minutes, varying by the
//! headers the language is negotiated from.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::{Markup, PreEscaped, html};
use rundbrief_app::archive::{ArchiveEntry, ArchivePage, slug_id};
use rundbrief_core::Language;
// XML escaping for the feeds: the translation files' own.
use rundbrief_render::translation::escape_xml as xml;
use time::format_description::well_known::Rfc3339;

use crate::AppState;
use crate::error::PageError;
use crate::extract::PageLang;
use crate::site::Site;
use crate::views::{self, t};

const CACHE: &str = "public, max-age=300";
const VARY: &str = "Accept-Language, Cookie";
const ISSUE_STYLE: &str = "article.issue{overflow-wrap:anywhere}\
article.issue table{display:block;overflow-x:auto;max-width:100%}\
article.issue img{max-width:100%;height:auto}";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/archive", get(archive_page))
        .route("/archive/feed/{file}", get(feed))
        .route("/archive/{slug}", get(issue_page))
}

/// The page response, cacheable unless it sets the language cookie.
fn cached_page(page: PageLang, markup: Markup) -> Response {
    let set_cookie = page.from_query;
    let mut response = views::page_response(page.lang, StatusCode::OK, markup, set_cookie);
    if !set_cookie {
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE));
        headers.insert(header::VARY, HeaderValue::from_static(VARY));
    }
    response
}

fn date(at: time::OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

fn feed_title(lang: Language) -> String {
    format!("{} – {}", Site::current().organisation(lang), t(lang, "archive-feed-title"))
}

fn feed_path(lang: Language) -> String {
    format!("/archive/feed/{}.xml", lang.code())
}

/// The feed's autodiscovery link for the page's language.
fn feed_link(lang: Language) -> Markup {
    html! {
        link rel="alternate" type="application/atom+xml" hreflang=(lang.code())
            title=(feed_title(lang)) href=(feed_path(lang));
    }
}

async fn archive_page(State(state): State<AppState>, page: PageLang) -> Response {
    let lang = page.lang;
    match state.app.archive(lang).await {
        Ok(entries) => cached_page(page, archive_markup(lang, &entries)),
        Err(error) => PageError::from_app(lang, error).into_response(),
    }
}

fn archive_markup(lang: Language, entries: &[ArchiveEntry]) -> Markup {
    let content = html! {
        @if entries.is_empty() {
            p { (t(lang, "archive-empty")) }
        } @else {
            ul.archive {
                @for entry in entries {
                    li {
                        a href={ "/archive/" (entry.slug) }
                            lang=[(entry.language != lang).then(|| entry.language.code())] {
                            (entry.subject)
                        }
                        " "
                        time datetime=(date(entry.date)) { (date(entry.date).get(..10).unwrap_or("")) }
                    }
                }
            }
        }
        p { a href=(feed_path(lang)) type="application/atom+xml" { (t(lang, "archive-feed-link")) } }
    };
    let title = t(lang, "archive-title");
    views::layout_with(lang, &title, html! { (title) }, feed_link(lang), content)
}

async fn issue_page(
    State(state): State<AppState>,
    page: PageLang,
    Path(slug): Path<String>,
    uri: Uri,
) -> Response {
    let lang = page.lang;
    let Some(id) = slug_id(&slug) else { return PageError::not_found(lang).into_response() };
    let issue = match state.app.archived_issue(id, lang).await {
        Ok(issue) => issue,
        Err(error) => return PageError::from_app(lang, error).into_response(),
    };
    if issue.slug != slug {
        let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
        return Redirect::permanent(&format!("/archive/{}{query}", issue.slug)).into_response();
    }
    let base = &state.app.settings().public_url;
    cached_page(page, issue_markup(lang, base, &issue))
}

fn issue_url(base: &str, slug: &str, lang: Language) -> String {
    format!("{base}/archive/{slug}?lang={}", lang.code())
}

fn issue_markup(lang: Language, base: &str, issue: &ArchivePage) -> Markup {
    let web = &issue.web;
    let written = web.language.code();
    let canonical = issue_url(base, &issue.slug, web.language);
    let head = html! {
        link rel="canonical" href=(canonical);
        @for other in &issue.languages {
            link rel="alternate" hreflang=(other.code()) href=(issue_url(base, &issue.slug, *other));
        }
        link rel="alternate" hreflang="x-default" href={ (base) "/archive/" (issue.slug) };
        (feed_link(lang))
        // Content written for mail: long words, wide tables and images must not make a
        // phone scroll sideways (WCAG 1.4.10, checked at 320 px by tests/a11y_browser.rs).
        style { (PreEscaped(ISSUE_STYLE)) }
        meta property="og:type" content="article";
        meta property="og:title" content=(web.subject);
        meta property="og:url" content=(canonical);
        meta property="og:site_name" content=(Site::current().organisation(lang));
        meta property="og:locale" content=(written);
        @if !web.preheader.is_empty() {
            meta property="og:description" content=(web.preheader);
            meta name="description" content=(web.preheader);
        }
    };
    let heading = html! { span lang=(written) { (web.subject) } };
    let others: Vec<Language> =
        issue.languages.iter().copied().filter(|l| *l != web.language).collect();
    let content = html! {
        @if let Some(note) = &web.fallback_note {
            p.notice role="note" { (note) }
        }
        p { time datetime=(date(issue.date)) { (date(issue.date).get(..10).unwrap_or("")) } }
        article.issue lang=(written) {
            (PreEscaped(&web.content_html))
        }
        @if !others.is_empty() {
            nav aria-labelledby="other-languages" {
                h2 #other-languages { (t(lang, "archive-other-languages")) }
                ul {
                    @for other in &others {
                        li {
                            a href={ "/archive/" (issue.slug) "?lang=" (other.code()) }
                                hreflang=(other.code()) lang=(other.code()) { (other.native_name()) }
                        }
                    }
                }
            }
        }
        p { a href="/archive" { (t(lang, "archive-all-issues")) } }
    };
    views::layout_with(lang, &web.subject, heading, head, content)
}

async fn feed(State(state): State<AppState>, page: PageLang, Path(file): Path<String>) -> Response {
    let lang = file.strip_suffix(".xml").and_then(|code| Language::parse(code).ok());
    let Some(lang) = lang else { return PageError::not_found(page.lang).into_response() };
    let pages = match state.app.archive_feed(lang).await {
        Ok(pages) => pages,
        Err(error) => return PageError::from_app(lang, error).into_response(),
    };
    let base = &state.app.settings().public_url;
    let body = atom(lang, base, &pages);
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

/// The Atom document (RFC 4287) of `pages` for readers of `lang`.
fn atom(lang: Language, base: &str, pages: &[ArchivePage]) -> String {
    let code = lang.code();
    let updated = pages.iter().map(|p| p.date).max().unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let organisation = Site::current().organisation(lang);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{code}\">\n\
         <title>{}</title>\n<id>{}</id>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
         <updated>{}</updated>\n<author><name>{}</name></author>\n",
        xml(&feed_title(lang)),
        xml(&format!("{base}{}", feed_path(lang))),
        xml(&format!("{base}{}", feed_path(lang))),
        xml(&format!("{base}/archive?lang={code}")),
        date(updated),
        xml(&organisation),
    ));
    for page in pages {
        let web = &page.web;
        let mut content = String::new();
        if let Some(note) = &web.fallback_note {
            content.push_str(&format!("<p lang=\"{code}\">{}</p>", xml(note)));
        }
        content.push_str(&format!(
            "<div lang=\"{}\">{}</div>",
            web.language.code(),
            web.content_html
        ));
        out.push_str(&format!(
            "<entry xml:lang=\"{}\">\n<title>{}</title>\n<id>{}</id>\n\
             <link rel=\"alternate\" type=\"text/html\" hreflang=\"{}\" href=\"{}\"/>\n\
             <updated>{}</updated>\n",
            web.language.code(),
            xml(&web.subject),
            xml(&format!("{base}/archive/{}", page.slug)),
            web.language.code(),
            xml(&issue_url(base, &page.slug, lang)),
            date(page.date),
        ));
        if !web.preheader.is_empty() {
            out.push_str(&format!("<summary>{}</summary>\n", xml(&web.preheader)));
        }
        out.push_str(&format!("<content type=\"html\">{}</content>\n</entry>\n", xml(&content)));
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn xml_escapes_markup_and_drops_controls() {
        assert_eq!(xml("a<b>&\"'\u{1}c"), "a&lt;b&gt;&amp;&quot;&apos;c");
    }
}
