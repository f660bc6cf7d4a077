//! A new issue: title, base language and the segment builder with its live recipient count;
//! the same fields head the composer.

use super::*;

/// The issue fields as the form holds them, valid or not, to show them again.
#[derive(Debug, Clone, Default)]
pub(super) struct IssueForm {
    pub(super) title: String,
    pub(super) base_language: Option<Language>,
    pub(super) lists: Vec<i64>,
    pub(super) list_match: ListMatch,
    pub(super) languages: Vec<Language>,
    pub(super) regions: String,
    pub(super) audiences: Vec<String>,
}

impl IssueForm {
    pub(super) fn from_issue(issue: &Issue) -> Self {
        Self {
            title: issue.title.clone(),
            base_language: Some(issue.base_language),
            lists: issue.segment.lists.iter().map(|l| l.0).collect(),
            list_match: issue.segment.list_match,
            languages: issue.segment.languages.clone(),
            regions: issue.segment.regions.join(", "),
            audiences: issue.segment.audiences.clone(),
        }
    }

    /// Reads the form; what cannot be read at all (a list id that is no number, a language
    /// that is none of the 24) is an error of its field.
    pub(super) fn parse(fields: &FormFields, errors: &mut Vec<FieldError>) -> Self {
        let mut lists = Vec::new();
        for raw in fields.all("lists") {
            match raw.parse() {
                Ok(id) => lists.push(id),
                Err(_) => errors.push(form_error("segment.lists", "unknown list")),
            }
        }
        let mut languages = Vec::new();
        for raw in fields.all("languages") {
            match Language::parse(&raw) {
                Ok(language) => languages.push(language),
                Err(_) => errors.push(form_error("segment.languages", "unknown language")),
            }
        }
        let base = fields.get("base_language");
        let base_language = Language::parse(&base).ok();
        if base_language.is_none() {
            errors.push(form_error("base_language", "must be one of the 24 languages"));
        }
        Self {
            title: fields.get("title"),
            base_language,
            lists,
            list_match: if fields.get("list_match") == "all" {
                ListMatch::All
            } else {
                ListMatch::Any
            },
            languages,
            regions: fields.get("regions"),
            audiences: fields.all("audiences"),
        }
    }

    pub(super) fn segment_input(&self) -> SegmentInput {
        SegmentInput {
            lists: self.lists.clone(),
            list_match: self.list_match,
            languages: self.languages.clone(),
            regions: split_regions(&self.regions),
            audiences: self.audiences.clone(),
        }
    }
}

pub(super) fn split_regions(raw: &str) -> Vec<String> {
    raw.split([',', '\n']).map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned).collect()
}

pub(super) fn form_error(field: &str, reason: &str) -> FieldError {
    FieldError::new(field, reason, "admin-issue-invalid")
}

pub(super) fn errors_for<'a>(errors: &'a [FieldError], field: &str) -> Vec<&'a FieldError> {
    errors
        .iter()
        .filter(|e| e.field == field || e.field.starts_with(&format!("{field}.")))
        .collect()
}

pub(super) fn field_errors(lang: Language, errors: &[FieldError], field: &str, id: &str) -> Markup {
    let mine = errors_for(errors, field);
    html! {
        @if !mine.is_empty() {
            p.error id=(id) {
                (t(lang, "admin-issue-invalid")) " "
                @for e in mine { span lang="en" { (e.reason) } " " }
            }
        }
    }
}

pub(super) fn invalid_attr(errors: &[FieldError], field: &str) -> Option<&'static str> {
    (!errors_for(errors, field).is_empty()).then_some("true")
}

/// `aria-describedby` of a field: its hint, then its error (`error_id`) when it has one.
pub(super) fn described(
    errors: &[FieldError],
    field: &str,
    hint: Option<&str>,
    error_id: &str,
) -> Option<String> {
    let error = (!errors_for(errors, field).is_empty()).then_some(error_id);
    let ids: Vec<&str> = hint.into_iter().chain(error).collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The control an error of `field` links to: the field itself, or the first box of a group.
fn error_target(field: &str) -> &str {
    match field.split('.').take(2).collect::<Vec<_>>().as_slice() {
        ["segment", "lists"] => "segment-lists",
        ["segment", "languages"] => "segment-languages",
        ["segment", "regions"] => "regions",
        ["segment", "audiences"] => "segment-audiences",
        ["segment", ..] => "segment",
        _ => field.split('.').next().unwrap_or(field),
    }
}

/// Above the form: what needs fixing, each linked to its field; it takes the focus without
/// script (`autofocus` with `tabindex=-1`).
pub(super) fn error_summary(lang: Language, errors: &[FieldError]) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.alert role="alert" tabindex="-1" id="error-summary" autofocus {
                p { (t(lang, "admin-error-summary")) }
                ul {
                    @for error in errors {
                        li { a href={ "#" (error_target(&error.field)) } lang="en" { (error.field) ": " (error.reason) } }
                    }
                }
            }
        }
    }
}

/// Title, base language and the segment builder, for a new issue and for the composer.
pub(super) fn issue_fields(
    lang: Language,
    form: &IssueForm,
    lists: &[ListChoice],
    errors: &[FieldError],
) -> Markup {
    let base = form.base_language.unwrap_or(Language::De);
    html! {
        label for="title" { (t(lang, "admin-issue-field-title")) }
        p.hint id="title-hint" { (t(lang, "admin-issue-field-title-hint")) }
        input #title type="text" name="title" value=(form.title) required maxlength="200"
            aria-describedby=[described(errors, "title", Some("title-hint"), "title-error")]
            aria-invalid=[invalid_attr(errors, "title")];
        (field_errors(lang, errors, "title", "title-error"))

        label for="base_language" { (t(lang, "admin-issue-field-base-language")) }
        select #base_language name="base_language" aria-invalid=[invalid_attr(errors, "base_language")]
            aria-describedby=[described(errors, "base_language", None, "base-language-error")] {
            @for l in Language::ALL {
                option value=(l.code()) selected[l == base] { (l.native_name()) " (" (l.code()) ")" }
            }
        }
        (field_errors(lang, errors, "base_language", "base-language-error"))

        fieldset #segment data-segment {
            legend { (t(lang, "admin-segment-legend")) }
            p.hint { (t(lang, "admin-segment-hint")) }
            fieldset #segment-lists tabindex="-1" aria-describedby=[described(errors, "segment.lists", None, "lists-error")] {
                legend { (t(lang, "admin-segment-lists")) }
                @if lists.is_empty() {
                    p.hint { (t(lang, "admin-segment-no-lists")) }
                } @else {
                    div.choices {
                        @for (id, name) in lists {
                            label.check {
                                input type="checkbox" name="lists" value=(id.0)
                                    checked[form.lists.contains(&id.0)];
                                (name)
                            }
                        }
                    }
                    label.check {
                        input type="radio" name="list_match" value="any" checked[form.list_match == ListMatch::Any];
                        (t(lang, "admin-segment-match-any"))
                    }
                    label.check {
                        input type="radio" name="list_match" value="all" checked[form.list_match == ListMatch::All];
                        (t(lang, "admin-segment-match-all"))
                    }
                }
                (field_errors(lang, errors, "segment.lists", "lists-error"))
            }
            fieldset #segment-languages tabindex="-1" aria-describedby=[described(errors, "segment.languages", None, "languages-error")] {
                legend { (t(lang, "admin-segment-languages")) }
                div.choices {
                    @for l in Language::ALL {
                        label.check lang=(l.code()) {
                            input type="checkbox" name="languages" value=(l.code())
                                checked[form.languages.contains(&l)];
                            (l.native_name())
                        }
                    }
                }
                (field_errors(lang, errors, "segment.languages", "languages-error"))
            }
            label for="regions" { (t(lang, "admin-segment-regions")) }
            p.hint id="regions-hint" { (t(lang, "admin-segment-regions-hint")) }
            input #regions type="text" name="regions" value=(form.regions)
                aria-describedby=[described(errors, "segment.regions", Some("regions-hint"), "regions-error")]
                aria-invalid=[invalid_attr(errors, "segment.regions")];
            (field_errors(lang, errors, "segment.regions", "regions-error"))
            fieldset #segment-audiences tabindex="-1" aria-describedby=[described(errors, "segment.audiences", None, "audiences-error")] {
                legend { (t(lang, "admin-segment-audiences")) }
                @for audience in AUDIENCES {
                    label.check {
                        input type="checkbox" name="audiences" value=(audience)
                            checked[form.audiences.iter().any(|a| a == audience)];
                        (t(lang, &format!("admin-audience-{audience}")))
                    }
                }
                (field_errors(lang, errors, "segment.audiences", "audiences-error"))
            }
            p.hint {
                (t(lang, "admin-segment-count-label")) " "
                output #recipient-count aria-live="polite" data-recipients-url="/admin/issues/recipients" {
                    (t(lang, "admin-segment-count-nojs"))
                }
            }
        }
    }
}

/// A list the segment builder offers: its id and its name in the editor's language.
pub(super) type ListChoice = (ListId, String);

/// The lists the segment builder offers, named along the fallback chain.
pub(super) async fn lists_of(admin: &Admin, lang: Language) -> Result<Vec<ListChoice>, AppError> {
    let app = &admin.web.app;
    let lists = app.lists().await?;
    Ok(lists.iter().map(|list| (list.id, app.list_name(list, lang).to_owned())).collect())
}

pub(super) fn new_page(
    lang: Language,
    current: &CurrentUser,
    form: &IssueForm,
    lists: &[ListChoice],
    errors: &[FieldError],
    from_templates: &[Issue],
) -> Markup {
    let content = html! {
        (error_summary(lang, errors))
        (templates(lang, current, from_templates))
        form.section method="post" action="/admin/issues" novalidate {
            (csrf::hidden(&current.csrf))
            (issue_fields(lang, form, lists, errors))
            button type="submit" { (t(lang, "admin-issue-create-submit")) }
        }
    };
    issues_page(lang, &t(lang, "admin-issue-new-title"), current, content)
}

pub(crate) async fn new_form(Context { admin, lang, current }: Context) -> Response {
    let lists = match lists_of(&admin, lang).await {
        Ok(lists) => lists,
        Err(error) => return app_failure(lang, error),
    };
    let form = IssueForm {
        base_language: Some(admin.web.app.settings().default_language),
        ..IssueForm::default()
    };
    let from_templates = match admin.web.app.issue_templates().await {
        Ok(found) => found,
        Err(error) => return app_failure(lang, error),
    };
    respond(lang, StatusCode::OK, new_page(lang, &current, &form, &lists, &[], &from_templates))
}

pub(crate) async fn create(
    Context { admin, lang, current }: Context,
    fields: FormFields,
) -> Response {
    let mut errors = Vec::new();
    let form = IssueForm::parse(&fields, &mut errors);
    if errors.is_empty()
        && let Some(base_language) = form.base_language
    {
        let input =
            IssueInput { title: form.title.clone(), base_language, segment: form.segment_input() };
        match admin.web.app.create_issue(current.actor(), input).await {
            Ok(issue) => {
                let to = format!("/admin/issues/{}?tab={}", issue.id.0, base_language.code());
                return Redirect::to(&to).into_response();
            }
            Err(AppError::Invalid(problems)) => errors = problems,
            Err(error) => return app_failure(lang, error),
        }
    }
    let lists = match lists_of(&admin, lang).await {
        Ok(lists) => lists,
        Err(error) => return app_failure(lang, error),
    };
    respond(
        lang,
        StatusCode::UNPROCESSABLE_ENTITY,
        new_page(lang, &current, &form, &lists, &errors, &[]),
    )
}

/// The live recipient count of the segment builder: the form's segment fields in the query,
/// `{"total": n, "text": "..."}` back. Unknown lists and languages simply match nobody.
pub(crate) async fn recipients(
    Context { admin, lang, .. }: Context,
    RawQuery(query): RawQuery,
) -> Response {
    let fields = FormFields::parse(query.unwrap_or_default().as_bytes());
    let segment = Segment {
        lists: fields.all("lists").iter().filter_map(|v| v.parse().ok()).map(ListId).collect(),
        list_match: if fields.get("list_match") == "all" { ListMatch::All } else { ListMatch::Any },
        languages: fields.all("languages").iter().filter_map(|v| Language::parse(v).ok()).collect(),
        regions: split_regions(&fields.get("regions")),
        audiences: fields.all("audiences"),
    };
    match admin.web.app.segment_counts(&segment).await {
        Ok(counts) => {
            let total: i64 = counts.iter().map(|(_, n)| n).sum();
            let text = layout::t_count(lang, "admin-segment-count", total);
            let mut response =
                axum::Json(serde_json::json!({ "total": total, "text": text })).into_response();
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(error) => internal(lang, &error),
    }
}

// ---------------------------------------------------------------------------------------------
// The composer

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_split_on_commas_and_lines() {
        assert_eq!(split_regions(" Nord , Süd\nOst,, "), ["Nord", "Süd", "Ost"]);
        assert!(split_regions("  ").is_empty());
    }
}
